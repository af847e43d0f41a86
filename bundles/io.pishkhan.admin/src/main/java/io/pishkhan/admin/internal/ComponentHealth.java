package io.pishkhan.admin.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Why a started bundle's components do not work, or null when they do. */
@FunctionalInterface
interface ComponentHealth {
    ComponentHealth NONE = b -> null;

    String problem(Bundle bundle);

    /** True when the problem is a failed activation (an exception in a component's activate). */
    static boolean isFailedActivation(String problem) {
        return problem != null && problem.contains(ScrHealth.FAILED);
    }

    /** From Declarative Services: components whose activation failed or whose references are not satisfied. */
    final class ScrHealth implements ComponentHealth {
        static final String FAILED = "failed to activate";
        private final ServiceComponentRuntime scr;

        ScrHealth(ServiceComponentRuntime scr) {
            this.scr = scr;
        }

        @Override
        public String problem(Bundle bundle) {
            List<String> problems = new ArrayList<>();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add("component " + d.name + " " + FAILED + ": " + failure(c.failure));
                    } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        problems.add("component " + d.name + " waits for " + unsatisfied(d, c));
                    }
                }
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }

        private static String unsatisfied(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
            List<String> refs = new ArrayList<>();
            for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                String iface = u.name;
                for (ReferenceDTO r : d.references) {
                    if (r.name.equals(u.name)) {
                        iface = r.interfaceName;
                    }
                }
                refs.add("service " + iface + (u.target == null ? "" : " " + u.target));
            }
            return refs.isEmpty() ? "a service" : String.join(", ", refs);
        }

        /** The exception line (and its root cause's) of SCR's stack-trace text. */
        static String failure(String stackTrace) {
            if (stackTrace == null || stackTrace.isBlank()) {
                return "unknown error (see the log)";
            }
            String[] lines = stackTrace.split("\\R");
            String first = lines[0].trim();
            String cause = null;
            for (String l : lines) {
                if (l.trim().startsWith("Caused by:")) {
                    cause = l.trim().substring("Caused by:".length()).trim();
                }
            }
            return cause == null || cause.equals(first) ? first : first + " (caused by " + cause + ")";
        }
    }
}
