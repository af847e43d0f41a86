package io.pishkhan.admin.internal;

import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConfigurationService} over MetaType and ConfigurationAdmin. Every OCD designated by a bundle whose symbolic
 * name starts with one of {@code bundlePrefixes} becomes a form: a PID is one form; a factory PID is one form for a
 * new instance (saving creates it) plus one form per existing instance (its generated PID). Saving merges the
 * submitted fields into the present properties (other keys, such as {@code felix.fileinstall.filename} that lets
 * Karaf write the etc/*.cfg file back, are kept) and audits the change in the {@link ConfigStore}.
 */
@Component(service = ConfigurationService.class, configurationPid = PluginServiceImpl.PID)
public final class ConfigurationServiceImpl implements ConfigurationService {
    static final String AUDIT_KIND = "config";
    static final String AUDIT_ACTION = "config.save";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationServiceImpl.class);

    private final BundleContext context;
    private final MetaTypeService metaType;
    private final ConfigurationAdmin configAdmin;
    private final ConfigStore store;
    private volatile List<String> prefixes;

    @Activate
    public ConfigurationServiceImpl(BundleContext context, @Reference MetaTypeService metaType,
            @Reference ConfigurationAdmin configAdmin, @Reference ConfigStore store, AdminConfig config) {
        this.context = context;
        this.metaType = metaType;
        this.configAdmin = configAdmin;
        this.store = store;
        modified(config);
    }

    @Modified
    void modified(AdminConfig config) {
        this.prefixes = List.copyOf(Arrays.asList(config.bundlePrefixes()));
    }

    /** Where a form comes from. {@code instanceOf} is the factory PID of an existing factory instance. */
    private record Source(String pid, Bundle bundle, ObjectClassDefinition ocd, boolean factory, String instanceOf) {
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            if (bsn == null || prefixes.stream().noneMatch(bsn::startsWith)) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : nonNull(info.getPids())) {
                ObjectClassDefinition ocd = ocd(info, pid);
                if (ocd != null) {
                    sources.add(new Source(pid, b, ocd, false, null));
                }
            }
            for (String fpid : nonNull(info.getFactoryPids())) {
                ObjectClassDefinition ocd = ocd(info, fpid);
                if (ocd == null) {
                    continue;
                }
                sources.add(new Source(fpid, b, ocd, true, null));
                for (Configuration c : list("(service.factoryPid=" + escape(fpid) + ")")) {
                    sources.add(new Source(c.getPid(), b, ocd, false, fpid));
                }
            }
        }
        return sources;
    }

    private static ObjectClassDefinition ocd(MetaTypeInformation info, String pid) {
        try {
            return info.getObjectClassDefinition(pid, null);
        } catch (IllegalArgumentException e) {
            LOG.debug("no OCD for {} in {}", pid, info.getBundle(), e);
            return null;
        }
    }

    private static String[] nonNull(String[] a) {
        return a == null ? new String[0] : a;
    }

    static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '(' || c == ')' || c == '*' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private List<Configuration> list(String filter) {
        try {
            Configuration[] cs = configAdmin.listConfigurations(filter);
            return cs == null ? List.of() : Arrays.asList(cs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Optional<Configuration> existing(String pid) {
        return list("(service.pid=" + escape(pid) + ")").stream().findFirst();
    }

    private Optional<Source> source(String pid) {
        return sources().stream().filter(s -> s.pid().equals(pid)).findFirst();
    }

    private ConfigForm form(Source s) {
        List<ConfigField> fields = Forms.fields(s.ocd());
        Dictionary<String, Object> props = s.factory() ? null : existing(s.pid()).map(Configuration::getProperties)
                .orElse(null);
        String name = s.ocd().getName() == null ? s.pid() : s.ocd().getName();
        if (s.instanceOf() != null) {
            name = name + " (" + s.pid() + ")";
        }
        return new ConfigForm(s.pid(), name, s.ocd().getDescription(), s.bundle().getSymbolicName(), s.factory(),
                fields, Forms.values(fields, props));
    }

    @Override
    public List<ConfigForm> forms() {
        List<ConfigForm> forms = new ArrayList<>();
        for (Source s : sources()) {
            forms.add(form(s));
        }
        forms.sort(Comparator.comparing((ConfigForm f) -> f.name() == null ? f.pid() : f.name(),
                String.CASE_INSENSITIVE_ORDER).thenComparing(ConfigForm::pid));
        return forms;
    }

    @Override
    public Optional<ConfigForm> form(String pid) {
        return source(pid).map(this::form);
    }

    @Override
    public Map<String, String> validate(String pid, Map<String, List<String>> values) {
        Source s = source(pid).orElseThrow(() -> new IllegalArgumentException("no configuration form " + pid));
        return validate(s, values);
    }

    private Map<String, String> validate(Source s, Map<String, List<String>> values) {
        Dictionary<String, Object> current = s.factory() ? null
                : existing(s.pid()).map(Configuration::getProperties).orElse(null);
        return Forms.validate(Forms.fields(s.ocd()), Forms.attributes(s.ocd()), values == null ? Map.of() : values,
                current);
    }

    @Override
    public ConfigForm save(String pid, Map<String, List<String>> values, String actor)
            throws ConfigValidationException {
        Source s = source(pid).orElseThrow(() -> new IllegalArgumentException("no configuration form " + pid));
        Map<String, List<String>> submitted = values == null ? Map.of() : values;
        Map<String, String> errors = validate(s, submitted);
        if (!errors.isEmpty()) {
            throw new ConfigValidationException(errors);
        }
        List<ConfigField> fields = Forms.fields(s.ocd());
        try {
            Configuration configuration = s.factory() ? configAdmin.createFactoryConfiguration(s.pid(), "?")
                    : configAdmin.getConfiguration(s.pid(), "?");
            Dictionary<String, Object> before = configuration.getProperties();
            Hashtable<String, Object> after = new Hashtable<>();
            if (before != null) {
                for (Enumeration<String> e = before.keys(); e.hasMoreElements();) {
                    String k = e.nextElement();
                    after.put(k, before.get(k));
                }
            }
            for (ConfigField f : fields) {
                if (!submitted.containsKey(f.id())) {
                    continue;
                }
                List<String> vs = Forms.nonBlank(submitted.get(f.id()));
                if (f.type() == ConfigField.Type.PASSWORD && vs.size() == 1 && Forms.MASK.equals(vs.get(0))) {
                    continue; // the masked value came back unchanged: keep the password
                }
                Object converted = Forms.convert(f, vs);
                if (converted == null) {
                    after.remove(f.id());
                } else {
                    after.put(f.id(), converted);
                }
            }
            configuration.update(untyped(after));
            String detail = "pid=" + configuration.getPid() + " before=" + Forms.auditText(fields, before)
                    + " after=" + Forms.auditText(fields, after);
            store.audit(actor, AUDIT_KIND, configuration.getPid(), AUDIT_ACTION, detail);
            LOG.info("configuration {} saved by {}", configuration.getPid(), actor);
            Source saved = s.factory() ? new Source(configuration.getPid(), s.bundle(), s.ocd(), false, s.pid()) : s;
            return form(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Single values are handed to ConfigAdmin as text (validated against their type before): Karaf then keeps the
     * etc/*.cfg file in its plain format ({@code keep = 14}), which admins may still edit by hand. Typed values would
     * switch the file to Karaf's typed format ({@code keep = I"14"}), and one later hand-written plain line makes Karaf
     * read the whole file as text, so that a component gets {@code L"2000"} for a number and fails. DS converts the
     * text to the declared types. Multiple values stay arrays/lists.
     */
    static Dictionary<String, Object> untyped(Dictionary<String, Object> props) {
        Dictionary<String, Object> out = new Hashtable<>();
        for (Enumeration<String> e = props.keys(); e.hasMoreElements();) {
            String k = e.nextElement();
            Object v = props.get(k);
            out.put(k, v instanceof Number || v instanceof Boolean || v instanceof Character ? String.valueOf(v) : v);
        }
        return out;
    }
}
