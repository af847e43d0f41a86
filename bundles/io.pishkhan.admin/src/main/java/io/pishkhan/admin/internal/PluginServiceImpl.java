package io.pishkhan.admin.internal;

import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PluginService} on the OSGi framework. Plugins are the bundles whose symbolic name has one of the
 * configured prefixes, every bundle that registers an extension service (channel, routing, bot, analytics), and the
 * bundles installed through this service (location {@code pishkhan-plugin:<symbolic name>}, or remembered in the
 * state file for .kar archives). The kinds a bundle provided are remembered in the state file so that a stopped
 * plugin keeps them.
 */
@Component(service = PluginService.class, configurationPid = PluginServiceImpl.PID)
@Designate(ocd = AdminConfig.class)
public final class PluginServiceImpl implements PluginService {
    static final String PID = "io.pishkhan.admin";
    static final String LOCATION_PREFIX = "pishkhan-plugin:";
    static final String KAR_SERVICE = "org.apache.karaf.kar.KarService";
    static final String AUDIT_KIND = "plugin";
    /** Extension-point interfaces to plugin kinds. */
    static final Map<String, String> KINDS = kinds();
    private static final Logger LOG = LoggerFactory.getLogger(PluginServiceImpl.class);

    /** Everything the service is configured with. */
    record Settings(List<String> prefixes, boolean requireSignature, Path trustStore, char[] trustStorePassword,
            long maxUploadBytes, Set<String> protectedBundles, long activationWaitMs, Path pluginDir,
            Path stateFile) {
        static Settings of(AdminConfig c, Path home, Path data, Path stateFile) {
            Path ts = Path.of(c.trustStore());
            return new Settings(List.of(c.bundlePrefixes()), c.requireSignature(),
                    ts.isAbsolute() ? ts : home.resolve(ts), c.trustStorePassword().toCharArray(),
                    c.maxUploadMb() * 1024L * 1024L, new LinkedHashSet<>(Arrays.asList(c.protectedBundles())),
                    c.activationWaitMs(), data.resolve("plugins"), stateFile);
        }
    }

    private final BundleContext context;
    private final ConfigStore store;
    private final ComponentHealth health;
    private final Settings settings;
    private final Object lock = new Object();
    /** The PF4J host for vendor plugins (negative ids), when its bundle runs. */
    private volatile io.pishkhan.api.admin.VendorPluginHost vendors;

    @Activate
    public PluginServiceImpl(BundleContext context, @Reference ConfigStore store,
            @Reference ServiceComponentRuntime scr, AdminConfig config) {
        this(context, store, new ComponentHealth.ScrHealth(scr), Settings.of(config,
                Path.of(System.getProperty("karaf.home", ".")),
                Path.of(System.getProperty("karaf.data", Path.of(System.getProperty("karaf.home", "."), "data")
                        .toString())),
                context.getDataFile("plugins.properties").toPath()));
    }

    PluginServiceImpl(BundleContext context, ConfigStore store, ComponentHealth health, Settings settings) {
        this.context = context;
        this.store = store;
        this.health = health;
        this.settings = settings;
    }

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void bindVendors(io.pishkhan.api.admin.VendorPluginHost host) {
        this.vendors = host;
    }

    void unbindVendors(io.pishkhan.api.admin.VendorPluginHost host) {
        if (this.vendors == host) {
            this.vendors = null;
        }
    }

    private io.pishkhan.api.admin.VendorPluginHost vendorHost() throws PluginException {
        io.pishkhan.api.admin.VendorPluginHost h = vendors;
        if (h == null) {
            throw PluginArchive.refused("vendor (PF4J) plugins need the plugin host: install the feature"
                    + " pishkhan-plugin-host", null);
        }
        return h;
    }

    private static Map<String, String> kinds() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("io.pishkhan.api.channel.ChannelConnector", "channel");
        m.put("io.pishkhan.api.routing.RoutingStrategy", "routing");
        m.put("io.pishkhan.api.bot.ChatbotEngine", "bot");
        m.put("io.pishkhan.api.analytics.AnalyticsProcessor", "analytics");
        return Map.copyOf(m);
    }

    // ---- listing ------------------------------------------------------------------------------------------------

    @Override
    public List<PluginInfo> plugins() {
        synchronized (lock) {
            Properties state = loadState();
            List<PluginInfo> out = new ArrayList<>();
            boolean changed = false;
            for (Bundle b : context.getBundles()) {
                if (b.getBundleId() == 0 || b.getSymbolicName() == null) {
                    continue;
                }
                changed |= rememberKinds(state, b);
                if (isPlugin(state, b)) {
                    out.add(info(state, b));
                }
            }
            if (changed) {
                saveState(state);
            }
            io.pishkhan.api.admin.VendorPluginHost h = vendors;
            if (h != null) {
                try {
                    out.addAll(h.plugins());
                } catch (RuntimeException e) {
                    LOG.warn("cannot list the vendor plugins", e);
                }
            }
            out.sort(Comparator.comparing(PluginInfo::symbolicName).thenComparingLong(PluginInfo::id));
            return out;
        }
    }

    @Override
    public Optional<PluginInfo> plugin(long id) {
        if (id < 0) {
            io.pishkhan.api.admin.VendorPluginHost h = vendors;
            return h == null ? Optional.empty() : h.plugins().stream().filter(p -> p.id() == id).findFirst();
        }
        synchronized (lock) {
            Properties state = loadState();
            Bundle b = context.getBundle(id);
            if (b == null || b.getBundleId() == 0 || b.getSymbolicName() == null) {
                return Optional.empty();
            }
            if (rememberKinds(state, b)) {
                saveState(state);
            }
            return isPlugin(state, b) ? Optional.of(info(state, b)) : Optional.empty();
        }
    }

    private boolean isPlugin(Properties state, Bundle b) {
        String bsn = b.getSymbolicName();
        return settings.prefixes().stream().anyMatch(bsn::startsWith)
                || b.getLocation().startsWith(LOCATION_PREFIX)
                || state.containsKey("installed." + bsn)
                || !kindsNow(b).isEmpty()
                || state.containsKey("kinds." + bsn);
    }

    /** Kinds of the extension services the bundle registers now. */
    static Set<String> kindsNow(Bundle b) {
        Set<String> kinds = new TreeSet<>();
        ServiceReference<?>[] refs = b.getState() == Bundle.ACTIVE || b.getState() == Bundle.STARTING
                ? b.getRegisteredServices() : null;
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                if (r.getBundle() == null || r.getBundle().getBundleId() != b.getBundleId()) {
                    continue;
                }
                Object classes = r.getProperty(Constants.OBJECTCLASS);
                if (classes instanceof String[] names) {
                    for (String n : names) {
                        String kind = KINDS.get(n);
                        if (kind != null) {
                            kinds.add(kind);
                        }
                    }
                }
            }
        }
        return kinds;
    }

    private static boolean rememberKinds(Properties state, Bundle b) {
        Set<String> now = kindsNow(b);
        if (now.isEmpty()) {
            return false;
        }
        String value = String.join(",", now);
        Object old = state.setProperty("kinds." + b.getSymbolicName(), value);
        return !value.equals(old);
    }

    private PluginInfo info(Properties state, Bundle b) {
        Set<String> kinds = kindsNow(b);
        if (kinds.isEmpty()) {
            String remembered = state.getProperty("kinds." + b.getSymbolicName());
            if (remembered != null && !remembered.isBlank()) {
                kinds.addAll(Arrays.asList(remembered.split(",")));
            }
        }
        List<String> kindList = kinds.isEmpty() ? List.of("other") : List.copyOf(kinds);
        String problem = switch (b.getState()) {
            case Bundle.INSTALLED -> "cannot resolve: " + unresolvedReason(b, null);
            case Bundle.ACTIVE -> health.problem(b);
            default -> null;
        };
        return new PluginInfo(b.getBundleId(), b.getSymbolicName(), b.getHeaders().get(Constants.BUNDLE_NAME),
                b.getVersion().toString(), b.getHeaders().get(Constants.BUNDLE_VENDOR), kindList, stateName(b),
                problem == null, problem, b.getLocation());
    }

    static String stateName(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    /**
     * The requirements of an unresolved bundle that no installed bundle offers, readable ("missing package
     * com.acme.sms [1.0.0,2.0.0)"); else the resolver's message, else a generic hint.
     */
    String unresolvedReason(Bundle b, BundleException e) {
        List<String> missing = new ArrayList<>();
        BundleRevision rev = b.adapt(BundleRevision.class);
        if (rev != null) {
            for (BundleRequirement req : rev.getDeclaredRequirements(null)) {
                Map<String, String> dirs = req.getDirectives();
                if ("optional".equals(dirs.get(Constants.RESOLUTION_DIRECTIVE))
                        || (dirs.get(Constants.EFFECTIVE_DIRECTIVE) != null
                        && !Constants.EFFECTIVE_RESOLVE.equals(dirs.get(Constants.EFFECTIVE_DIRECTIVE)))) {
                    continue;
                }
                if (!offered(req, b)) {
                    missing.add(readable(req));
                }
            }
        }
        if (!missing.isEmpty()) {
            return "missing " + String.join(", ", missing);
        }
        if (e != null && e.getMessage() != null) {
            return e.getMessage();
        }
        return "a requirement cannot be met (conflicting package versions?); see the log";
    }

    private boolean offered(BundleRequirement req, Bundle self) {
        String filter = req.getDirectives().get(Constants.FILTER_DIRECTIVE);
        org.osgi.framework.Filter f;
        try {
            f = filter == null ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException ex) {
            return true;
        }
        for (Bundle other : context.getBundles()) {
            if (other.getState() == Bundle.UNINSTALLED || other.getBundleId() == self.getBundleId()) {
                continue;
            }
            BundleRevision r = other.adapt(BundleRevision.class);
            if (r == null) {
                continue;
            }
            for (BundleCapability cap : r.getDeclaredCapabilities(req.getNamespace())) {
                if (f == null || f.matches(cap.getAttributes())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final Pattern NAME = Pattern.compile("\\((?:osgi\\.wiring\\.package|osgi\\.wiring\\.bundle"
            + "|osgi\\.wiring\\.host|osgi\\.extender|osgi\\.ee|osgi\\.service|objectClass)=([^)]+)\\)");
    private static final Pattern LOW = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern HIGH = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    static String readable(BundleRequirement req) {
        String filter = req.getDirectives().getOrDefault(Constants.FILTER_DIRECTIVE, "");
        String what = switch (req.getNamespace()) {
            case "osgi.wiring.package" -> "package";
            case "osgi.wiring.bundle" -> "bundle";
            case "osgi.wiring.host" -> "fragment host";
            case "osgi.ee" -> "Java environment";
            default -> req.getNamespace();
        };
        Matcher name = NAME.matcher(filter);
        if (!name.find()) {
            return what + " " + filter;
        }
        StringBuilder sb = new StringBuilder(what).append(' ').append(name.group(1));
        Matcher hi = HIGH.matcher(filter);
        String high = hi.find() ? hi.group(1) : null;
        Matcher lo = LOW.matcher(filter.replaceAll("\\(!\\(version>=[^)]+\\)\\)", ""));
        String low = lo.find() ? lo.group(1) : null;
        if (low != null || high != null) {
            sb.append(" [").append(low == null ? "0" : low).append(',');
            sb.append(high == null ? "\u221e)" : high + ")");
        }
        return sb.toString();
    }

    // ---- operations ---------------------------------------------------------------------------------------------

    @Override
    public PluginInfo install(String fileName, InputStream content, String actor) throws PluginException {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = safe(name.substring(name.lastIndexOf('/') + 1));
        String lower = name.toLowerCase(Locale.ROOT);
        synchronized (lock) {
            try {
                PluginInfo info;
                Path upload = receive(content);
                try {
                    if (lower.endsWith(".zip") || (lower.endsWith(".jar") && isVendorPlugin(name, upload))) {
                        info = installVendor(name, upload);
                    } else if (lower.endsWith(".jar")) {
                        info = installJar(name, Files.newInputStream(upload));
                    } else if (lower.endsWith(".kar")) {
                        info = installKar(name, Files.newInputStream(upload));
                    } else {
                        throw PluginArchive.refused("unsupported file '" + name + "': upload an OSGi bundle (.jar),"
                                + " a Karaf archive (.kar) or a vendor plugin (PF4J .zip or .jar)", null);
                    }
                } catch (IOException e) {
                    throw PluginArchive.refused("cannot read the upload: " + e.getMessage(), e);
                } finally {
                    delete(upload);
                }
                audit(actor, info.symbolicName(), "plugin.install", "id=" + info.id() + " version=" + info.version()
                        + " file=" + name + " kinds=" + info.kinds());
                return info;
            } catch (PluginException e) {
                audit(actor, name, "plugin.install.refused", e.getMessage());
                throw e;
            }
        }
    }

    /** A PF4J plugin jar: a Plugin-Id in its manifest and no Bundle-SymbolicName (asked of the host when it runs). */
    private boolean isVendorPlugin(String name, Path upload) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(upload.toFile(), false)) {
            java.util.jar.Manifest mf = jar.getManifest();
            if (mf == null) {
                return false;
            }
            java.util.jar.Attributes a = mf.getMainAttributes();
            if (a.getValue(Constants.BUNDLE_SYMBOLICNAME) != null || a.getValue("Plugin-Id") == null) {
                return false;
            }
        } catch (IOException e) {
            return false; // not a jar: the bundle path explains why
        }
        io.pishkhan.api.admin.VendorPluginHost h = vendors;
        if (h == null) {
            return true; // installVendor explains that the host is missing
        }
        try {
            return h.accepts(name, Files.readAllBytes(upload));
        } catch (IOException e) {
            return false;
        }
    }

    /** A vendor (PF4J) plugin: signature checked here like a bundle's, then handed to the host. */
    private PluginInfo installVendor(String name, Path upload) throws PluginException {
        io.pishkhan.api.admin.VendorPluginHost h = vendorHost();
        if (settings.requireSignature()) {
            PluginArchive.verifySignature(upload, trusted());
        }
        try {
            PluginInfo info = h.install(name, Files.readAllBytes(upload));
            LOG.info("vendor plugin {} {} installed", info.symbolicName(), info.version());
            return info;
        } catch (IOException e) {
            throw PluginArchive.refused("cannot read the upload: " + e.getMessage(), e);
        }
    }

    private PluginInfo installJar(String fileName, InputStream content) throws PluginException {
        Path upload = receive(content);
        try {
            PluginArchive.Headers h = checked(upload);
            for (Bundle b : context.getBundles()) {
                if (h.symbolicName().equals(b.getSymbolicName())) {
                    throw PluginArchive.refused(h.symbolicName() + " is already installed (bundle " + b.getBundleId()
                            + ", version " + b.getVersion() + "): use update to replace it", null);
                }
            }
            Path target = settings.pluginDir().resolve(safe(h.symbolicName()) + ".jar");
            move(upload, target);
            Bundle bundle;
            try (InputStream in = Files.newInputStream(target)) {
                bundle = context.installBundle(LOCATION_PREFIX + h.symbolicName(), in);
            } catch (BundleException e) {
                delete(target);
                throw PluginArchive.refused("cannot install " + fileName + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String failure = startAndWatch(bundle);
            if (failure != null) {
                uninstallQuietly(bundle);
                delete(target);
                throw PluginArchive.refused(h.symbolicName() + " " + h.version() + " was not installed: " + failure,
                        null);
            }
            Properties state = loadState();
            rememberKinds(state, bundle);
            saveState(state);
            LOG.info("plugin {} {} installed as bundle {}", h.symbolicName(), h.version(), bundle.getBundleId());
            return info(state, bundle);
        } finally {
            delete(upload);
        }
    }

    /** Starts the bundle and watches its components; the readable failure, or null when it runs. */
    private String startAndWatch(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            return startFailure(bundle, e);
        }
        long deadline = System.currentTimeMillis() + settings.activationWaitMs();
        while (true) {
            String problem = health.problem(bundle);
            if (ComponentHealth.isFailedActivation(problem)) {
                return problem;
            }
            if (System.currentTimeMillis() >= deadline || bundle.getState() != Bundle.ACTIVE) {
                return bundle.getState() == Bundle.ACTIVE ? null : "it stopped right after starting";
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private String startFailure(Bundle bundle, BundleException e) {
        if (bundle.getState() == Bundle.INSTALLED) {
            return "cannot resolve: " + unresolvedReason(bundle, e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "exception when starting: " + cause.getClass().getName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private PluginInfo installKar(String fileName, InputStream content) throws PluginException {
        ServiceReference<?> ref = context.getServiceReference(KAR_SERVICE);
        if (ref == null) {
            throw PluginArchive.refused(".kar needs the Karaf kar service (feature 'kar'): install it or upload the"
                    + " plugin's bundle jar instead", null);
        }
        Path upload = receive(content);
        try {
            if (settings.requireSignature()) {
                PluginArchive.verifySignature(upload, trusted());
            }
            Path target = settings.pluginDir().resolve(safe(fileName));
            move(upload, target);
            Set<Long> before = new HashSet<>();
            for (Bundle b : context.getBundles()) {
                before.add(b.getBundleId());
            }
            Object kar = context.getService(ref);
            try {
                Class<?> api = ref.getBundle().loadClass(KAR_SERVICE);
                Method m = api.getMethod("install", URI.class);
                m.invoke(kar, target.toUri());
            } catch (InvocationTargetException e) {
                delete(target);
                Throwable c = e.getCause() == null ? e : e.getCause();
                throw PluginArchive.refused("the .kar could not be installed: " + c.getMessage(), c);
            } catch (ReflectiveOperationException e) {
                throw PluginArchive.refused("the Karaf kar service cannot be called: " + e, e);
            } finally {
                context.ungetService(ref);
            }
            Properties state = loadState();
            Bundle first = null;
            for (Bundle b : context.getBundles()) {
                if (!before.contains(b.getBundleId()) && b.getSymbolicName() != null) {
                    state.setProperty("installed." + b.getSymbolicName(), "kar:" + fileName);
                    rememberKinds(state, b);
                    if (first == null || (!importsApi(first) && importsApi(b))) {
                        first = b;
                    }
                }
            }
            saveState(state);
            if (first == null) {
                throw PluginArchive.refused("the .kar installed no new bundle (already installed?)", null);
            }
            return info(state, first);
        } finally {
            delete(upload);
        }
    }

    private static boolean importsApi(Bundle b) {
        return PluginArchive.importsApi(b.getHeaders().get(Constants.IMPORT_PACKAGE));
    }

    @Override
    public PluginInfo update(long id, InputStream content, String actor) throws PluginException {
        if (id < 0) {
            PluginInfo old = plugin(id).orElseThrow(() -> PluginArchive.refused("no vendor plugin " + id, null));
            Path upload = receive(content);
            try {
                PluginInfo info = installVendor(old.symbolicName() + ".zip", upload);
                audit(actor, info.symbolicName(), "plugin.update", "version " + old.version() + " -> "
                        + info.version());
                return info;
            } catch (PluginException e) {
                audit(actor, old.symbolicName(), "plugin.update.refused", e.getMessage());
                throw e;
            } finally {
                delete(upload);
            }
        }
        synchronized (lock) {
            Bundle bundle = pluginBundle(id);
            try {
                refuseProtected(bundle, "updated");
                Path upload = receive(content);
                try {
                    PluginArchive.Headers h = checked(upload);
                    if (!h.symbolicName().equals(bundle.getSymbolicName())) {
                        throw PluginArchive.refused("the file is " + h.symbolicName() + ", not "
                                + bundle.getSymbolicName() + ": an update must have the same symbolic name", null);
                    }
                    remember(bundle);
                    String oldVersion = bundle.getVersion().toString();
                    boolean wasActive = bundle.getState() == Bundle.ACTIVE;
                    Path target = settings.pluginDir().resolve(safe(h.symbolicName()) + ".jar");
                    Path previous = settings.pluginDir().resolve(safe(h.symbolicName()) + ".previous.jar");
                    if (Files.exists(target)) {
                        move(target, previous);
                    }
                    move(upload, target);
                    String failure = null;
                    try (InputStream in = Files.newInputStream(target)) {
                        bundle.update(in);
                    } catch (BundleException e) {
                        if (!wasActive || bundle.getVersion().toString().equals(oldVersion)
                                && !bundle.getVersion().toString().equals(h.version())) {
                            restore(previous, target);
                            throw PluginArchive.refused("cannot update " + bundle.getSymbolicName() + ": "
                                    + e.getMessage(), e);
                        }
                        failure = startFailure(bundle, e); // updated, but the restart failed
                    } catch (IOException e) {
                        restore(previous, target);
                        throw new UncheckedIOException(e);
                    }
                    if (failure == null) {
                        refresh(bundle);
                    }
                    if (wasActive) {
                        if (failure == null) {
                            failure = bundle.getState() == Bundle.ACTIVE ? watch(bundle) : startAndWatch(bundle);
                        }
                        if (failure != null) {
                            String rollback = rollback(bundle, previous, target);
                            throw PluginArchive.refused(bundle.getSymbolicName() + " " + h.version()
                                    + " does not start: " + failure + "; " + rollback, null);
                        }
                    }
                    delete(previous);
                    PluginInfo info = info(loadState(), bundle);
                    audit(actor, info.symbolicName(), "plugin.update", "id=" + id + " version " + oldVersion + " -> "
                            + info.version());
                    return info;
                } finally {
                    delete(upload);
                }
            } catch (PluginException e) {
                audit(actor, bundle.getSymbolicName(), "plugin.update.refused", e.getMessage());
                throw e;
            }
        }
    }

    private String watch(Bundle bundle) {
        long deadline = System.currentTimeMillis() + settings.activationWaitMs();
        do {
            String problem = health.problem(bundle);
            if (ComponentHealth.isFailedActivation(problem)) {
                return problem;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    private String rollback(Bundle bundle, Path previous, Path target) {
        if (!Files.exists(previous)) {
            return "the new version is left installed but not running (no previous file to go back to)";
        }
        try (InputStream in = Files.newInputStream(previous)) {
            bundle.update(in);
            refresh(bundle);
            if (bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
            restore(previous, target);
            return "the previous version " + bundle.getVersion() + " was restored";
        } catch (BundleException | IOException e) {
            return "going back to the previous version failed too: " + e.getMessage();
        }
    }

    private static void restore(Path previous, Path target) {
        if (Files.exists(previous)) {
            move(previous, target);
        }
    }

    @Override
    public PluginInfo start(long id, String actor) throws PluginException {
        if (id < 0) {
            return vendorOp(id, actor, "start", () -> vendorHost().start(id));
        }
        synchronized (lock) {
            Bundle bundle = pluginBundle(id);
            try {
                bundle.start();
            } catch (BundleException e) {
                String reason = startFailure(bundle, e);
                audit(actor, bundle.getSymbolicName(), "plugin.start.refused", reason);
                throw PluginArchive.refused(bundle.getSymbolicName() + " does not start: " + reason, e);
            }
            Properties state = loadState();
            if (rememberKinds(state, bundle)) {
                saveState(state);
            }
            audit(actor, bundle.getSymbolicName(), "plugin.start", "id=" + id);
            return info(state, bundle);
        }
    }

    @Override
    public PluginInfo stop(long id, String actor) throws PluginException {
        if (id < 0) {
            return vendorOp(id, actor, "stop", () -> vendorHost().stop(id));
        }
        synchronized (lock) {
            Bundle bundle = pluginBundle(id);
            try {
                refuseProtected(bundle, "stopped");
                remember(bundle);
                bundle.stop();
            } catch (PluginException e) {
                audit(actor, bundle.getSymbolicName(), "plugin.stop.refused", e.getMessage());
                throw e;
            } catch (BundleException e) {
                audit(actor, bundle.getSymbolicName(), "plugin.stop.refused", e.getMessage());
                throw PluginArchive.refused("cannot stop " + bundle.getSymbolicName() + ": " + e.getMessage(), e);
            }
            audit(actor, bundle.getSymbolicName(), "plugin.stop", "id=" + id);
            return info(loadState(), bundle);
        }
    }

    @Override
    public void uninstall(long id, String actor) throws PluginException {
        if (id < 0) {
            vendorOp(id, actor, "uninstall", () -> {
                vendorHost().uninstall(id);
                return null;
            });
            return;
        }
        synchronized (lock) {
            Bundle bundle = pluginBundle(id);
            String bsn = bundle.getSymbolicName();
            try {
                refuseProtected(bundle, "uninstalled");
                bundle.uninstall();
            } catch (PluginException e) {
                audit(actor, bsn, "plugin.uninstall.refused", e.getMessage());
                throw e;
            } catch (BundleException e) {
                audit(actor, bsn, "plugin.uninstall.refused", e.getMessage());
                throw PluginArchive.refused("cannot uninstall " + bsn + ": " + e.getMessage(), e);
            }
            refresh(bundle);
            delete(settings.pluginDir().resolve(safe(bsn) + ".jar"));
            Properties state = loadState();
            state.remove("kinds." + bsn);
            state.remove("installed." + bsn);
            saveState(state);
            audit(actor, bsn, "plugin.uninstall", "id=" + id + " version=" + bundle.getVersion());
        }
    }

    private Bundle pluginBundle(long id) throws PluginException {
        Bundle b = context.getBundle(id);
        if (b == null || b.getBundleId() == 0 || b.getSymbolicName() == null || !isPlugin(loadState(), b)) {
            throw PluginArchive.refused("no plugin with id " + id, null);
        }
        return b;
    }

    private void refuseProtected(Bundle b, String what) throws PluginException {
        if (settings.protectedBundles().contains(b.getSymbolicName())
                || b.getBundleId() == context.getBundle().getBundleId()) {
            throw PluginArchive.refused(b.getSymbolicName() + " is a core bundle of the product and cannot be "
                    + what + " from the console", null);
        }
    }

    private void remember(Bundle b) {
        Properties state = loadState();
        if (rememberKinds(state, b)) {
            saveState(state);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private PluginArchive.Headers checked(Path upload) throws PluginException {
        PluginArchive.Headers h = PluginArchive.bundleHeaders(upload);
        if (settings.requireSignature()) {
            PluginArchive.verifySignature(upload, trusted());
        }
        return h;
    }

    private List<X509Certificate> trusted() throws PluginException {
        return PluginArchive.trusted(settings.trustStore(), settings.trustStorePassword());
    }

    /** Copies the upload into the plugin folder, refusing it as soon as it passes the size limit. */
    private Path receive(InputStream content) throws PluginException {
        try {
            Files.createDirectories(settings.pluginDir());
            Path tmp = Files.createTempFile(settings.pluginDir(), "upload-", ".tmp");
            long total = 0;
            try (InputStream in = content; OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    if (total > settings.maxUploadBytes()) {
                        out.close();
                        delete(tmp);
                        throw PluginArchive.refused("the file is larger than the upload limit of "
                                + settings.maxUploadBytes() / (1024 * 1024) + " MB (maxUploadMb)", null);
                    }
                    out.write(buf, 0, n);
                }
            }
            return tmp;
        } catch (IOException e) {
            throw PluginArchive.refused("cannot receive the upload: " + e.getMessage(), e);
        }
    }

    /** Refreshes the bundle's wiring and waits (at most 10 s) until the framework is done. */
    private void refresh(Bundle bundle) {
        FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener l = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        };
        fw.refreshBundles(List.of(bundle), l);
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("cannot uninstall refused plugin {}", b, e);
        }
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", p, e);
        }
    }

    private Properties loadState() {
        Properties p = new Properties();
        Path f = settings.stateFile();
        if (f != null && Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("cannot read plugin state {}", f, e);
            }
        }
        return p;
    }

    private void saveState(Properties p) {
        Path f = settings.stateFile();
        if (f == null) {
            return;
        }
        try {
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            try (OutputStream out = Files.newOutputStream(f)) {
                p.store(out, "plugins: remembered extension kinds and plugins installed from .kar archives");
            }
        } catch (IOException e) {
            LOG.warn("cannot write plugin state {}", f, e);
        }
    }

    private interface VendorCall {
        PluginInfo call() throws PluginException;
    }

    /** A start, stop or uninstall of a vendor plugin, audited with its outcome. */
    private PluginInfo vendorOp(long id, String actor, String op, VendorCall call) throws PluginException {
        String name = plugin(id).map(PluginInfo::symbolicName).orElse("vendor plugin " + id);
        try {
            PluginInfo info = call.call();
            audit(actor, name, "plugin." + op, "id=" + id);
            return info;
        } catch (PluginException e) {
            audit(actor, name, "plugin." + op + ".refused", e.getMessage());
            throw e;
        }
    }

    private void audit(String actor, String entity, String action, String detail) {
        try {
            store.audit(actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor, AUDIT_KIND, entity, action, detail);
        } catch (RuntimeException e) {
            LOG.warn("cannot audit {} {}: {}", action, entity, detail, e);
        }
    }
}
