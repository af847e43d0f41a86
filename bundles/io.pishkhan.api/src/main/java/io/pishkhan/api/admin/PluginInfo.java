package io.pishkhan.api.admin;

import java.util.List;
import java.util.Objects;

/**
 * An installed plugin (an OSGi bundle that provides at least one extension point, or was installed as a plugin).
 *
 * @param id      bundle id
 * @param kinds   extension points it provides: {@code channel}, {@code routing}, {@code bot}, {@code analytics},
 *                {@code other}
 * @param state   {@code ACTIVE}, {@code RESOLVED} (stopped), {@code INSTALLED} (cannot resolve), ...
 * @param healthy false when the bundle failed (unresolved requirement, exception in activate, unsatisfied component)
 * @param problem readable reason when not healthy, else {@code null}
 */
public record PluginInfo(long id, String symbolicName, String name, String version, String vendor,
        List<String> kinds, String state, boolean healthy, String problem, String location) {
    public PluginInfo {
        Objects.requireNonNull(symbolicName, "symbolicName");
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
}
