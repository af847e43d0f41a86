package io.pishkhan.sdk.host.internal;

import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.ChannelPlugin;
import io.pishkhan.sdk.DeliveryException;
import io.pishkhan.sdk.IncomingMessage;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.ReceiveResult;
import io.pishkhan.sdk.RejectedMessageException;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor plugins of the appliance, without OSGi: PF4J loads zips and jars from one folder, each plugin's
 * {@link ChannelPlugin} extensions are started and published as {@link ChannelConnector}s through a
 * {@link Publisher}, and every call into a plugin runs on this class's threads with a time limit. A plugin that
 * throws or hangs is reported (its {@code problem}) and never blocks or breaks the caller.
 */
final class VendorPlugins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VendorPlugins.class);
    static final String SDK_PACKAGE = "io/pishkhan/sdk/";
    static final String HOOK_BASE = "/hooks/";

    /** Publishes a connector (OSGi: a service registration); closing the handle withdraws it. */
    interface Publisher {
        AutoCloseable publish(String channelId, ChannelConnector connector);

        /** True when a channel with this id is already served by someone else (another bundle). */
        boolean taken(String channelId);
    }

    /**
     * @param dir        where plugin files are kept (uploads are copied here; present files load at start)
     * @param callMillis time limit of start, deliver and webhook calls
     * @param stopMillis time limit of a plugin's stop
     * @param etc        where administrators put {@code pishkhan-plugin-<id>.properties}; may be null
     */
    record Settings(Path dir, long callMillis, long stopMillis, Path etc) {
    }

    /** One channel extension of a plugin, running. */
    private record Channel(String channelId, Connector connector, AutoCloseable registration) {
    }

    /** A loaded plugin. */
    private static final class Loaded {
        final long id;
        final String pluginId;
        final Path file;
        final List<Channel> channels = new ArrayList<>();
        volatile String problem;
        volatile boolean running;

        Loaded(long id, String pluginId, Path file) {
            this.id = id;
            this.pluginId = pluginId;
            this.file = file;
        }
    }

    private final Settings settings;
    private final Supplier<Optional<ConversationService>> conversations;
    private final Publisher publisher;
    private final PluginManager manager;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pishkhan-vendor-plugin");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong nextId = new AtomicLong();
    private final Map<String, Loaded> loaded = new LinkedHashMap<>();
    /** The running channels by id (webhooks find their plugin and its owner here). */
    private final Map<String, Connector> byChannel = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    VendorPlugins(Settings settings, Supplier<Optional<ConversationService>> conversations, Publisher publisher) {
        this.settings = settings;
        this.conversations = conversations;
        this.publisher = publisher;
        try {
            Files.createDirectories(settings.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugin folder " + settings.dir(), e);
        }
        ClassLoader parent = VendorPlugins.class.getClassLoader(); // sees io.pishkhan.sdk and org.pf4j
        this.manager = new DefaultPluginManager(settings.dir()) {
            @Override
            protected PluginLoader createPluginLoader() {
                return new CompoundPluginLoader()
                        .add(new JarPluginLoader(this) {
                            @Override
                            protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor d) {
                                return new PluginClassLoader(pluginManager, d, parent, ClassLoadingStrategy.APD);
                            }
                        }, this::isNotDevelopment)
                        .add(new DefaultPluginLoader(this) {
                            @Override
                            protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor d) {
                                return new PluginClassLoader(pluginManager, d, parent, ClassLoadingStrategy.APD);
                            }
                        }, this::isNotDevelopment);
            }
        };
    }

    /** Loads and starts the plugins already in the folder (at activation); a broken one is logged and skipped. */
    void loadFolder() {
        List<Path> files;
        try (var s = Files.list(settings.dir())) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".zip") || n.endsWith(".jar"));
            }).sorted().toList();
        } catch (IOException e) {
            LOG.error("cannot list the plugin folder {}", settings.dir(), e);
            return;
        }
        for (Path f : files) {
            try {
                load(f, true);
            } catch (PluginException e) {
                LOG.error("vendor plugin {} not loaded: {}", f.getFileName(), e.getMessage());
            }
        }
    }

    List<PluginInfo> plugins() {
        synchronized (lock) {
            List<PluginInfo> out = new ArrayList<>();
            for (Loaded l : loaded.values()) {
                out.add(info(l));
            }
            out.sort(Comparator.comparing(PluginInfo::symbolicName));
            return out;
        }
    }

    /** Checks a file without loading it: a readable reason, or null when it looks like a PF4J plugin. */
    static String problemOf(String fileName, byte[] content) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".zip") && !lower.endsWith(".jar")) {
            return "a vendor plugin is a .zip or a .jar";
        }
        boolean descriptor = false;
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(content))) {
            ZipEntry e;
            int entries = 0;
            while ((e = zip.getNextEntry()) != null) {
                entries++;
                String n = e.getName();
                if (isSdkClass(n) || (n.startsWith("classes/") && isSdkClass(n.substring(8)))) {
                    return "the plugin contains the Pishkhan SDK (" + n + "): declare io.pishkhan:io.pishkhan.sdk with"
                            + " <scope>provided</scope> so that it is not packaged";
                }
                if (n.startsWith("org/pf4j/") || n.startsWith("classes/org/pf4j/")) {
                    return "the plugin contains PF4J (" + n + "): declare org.pf4j:pf4j with <scope>provided</scope>";
                }
                if (n.equals("plugin.properties")) {
                    descriptor |= readProperties(zip).getProperty("plugin.id") != null;
                } else if (n.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    descriptor |= new Manifest(zip).getMainAttributes().getValue("Plugin-Id") != null;
                } else if (n.startsWith("lib/") && n.endsWith(".jar")) {
                    String nested = nestedProblem(zip, n);
                    if (nested != null) {
                        return nested;
                    }
                }
            }
            if (entries == 0) {
                return "not a zip or jar file";
            }
        } catch (IOException e) {
            return "not a readable zip or jar file: " + e.getMessage();
        }
        if (!descriptor) {
            return "no PF4J descriptor: put plugin.properties (plugin.id, plugin.version, plugin.class) at the root of"
                    + " the zip, or Plugin-Id and Plugin-Version in the jar's manifest";
        }
        return null;
    }

    private static String nestedProblem(InputStream in, String name) throws IOException {
        ZipInputStream nested = new ZipInputStream(in);
        ZipEntry e;
        while ((e = nested.getNextEntry()) != null) {
            if (isSdkClass(e.getName())) {
                return "the plugin's " + name + " is the Pishkhan SDK: declare it with <scope>provided</scope>";
            }
        }
        return null;
    }

    /** A class of the SDK package itself (io/pishkhan/sdk/X.class; not a vendor's sub-package). */
    static boolean isSdkClass(String entry) {
        return entry.startsWith(SDK_PACKAGE) && entry.endsWith(".class")
                && entry.indexOf('/', SDK_PACKAGE.length()) < 0;
    }

    private static Properties readProperties(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the zip stream stays open
            }
        }, java.nio.charset.StandardCharsets.UTF_8));
        return p;
    }

    /** Stores the upload in the folder and loads it; replaces a plugin with the same id (an update). */
    PluginInfo install(String fileName, byte[] content) throws PluginException {
        String problem = problemOf(fileName, content);
        if (problem != null) {
            throw new PluginException(problem, null);
        }
        String safe = fileName.replace('\\', '/');
        safe = safe.substring(safe.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        synchronized (lock) {
            Path staged = settings.dir().resolve(".upload-" + System.nanoTime() + "-" + safe);
            try {
                Files.write(staged, content);
                String pluginId = pluginIdOf(staged);
                Loaded old = loaded.get(pluginId);
                if (old != null) {
                    LOG.info("vendor plugin {} is replaced by {}", pluginId, fileName);
                    remove(old, true);
                }
                Path target = settings.dir().resolve(safe);
                Files.move(staged, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return info(load(target, false));
            } catch (IOException e) {
                throw new PluginException("cannot store the plugin: " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** The PF4J id of a plugin file (from plugin.properties or the manifest). */
    private static String pluginIdOf(Path file) throws IOException, PluginException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry props = zip.getEntry("plugin.properties");
            if (props != null) {
                try (InputStream in = zip.getInputStream(props)) {
                    String id = readProperties(in).getProperty("plugin.id");
                    if (id != null && !id.isBlank()) {
                        return id.strip();
                    }
                }
            }
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest mf = jar.getManifest();
            String id = mf == null ? null : mf.getMainAttributes().getValue("Plugin-Id");
            if (id != null && !id.isBlank()) {
                return id.strip();
            }
        }
        throw new PluginException("no PF4J plugin id in the descriptor", null);
    }

    /** Loads, starts and publishes one plugin file; on failure nothing of it stays loaded. */
    private Loaded load(Path file, boolean keepFileOnFailure) throws PluginException {
        synchronized (lock) {
            String pluginId;
            try {
                pluginId = manager.loadPlugin(file);
            } catch (RuntimeException | LinkageError e) {
                if (!keepFileOnFailure) {
                    deleteQuietly(file);
                }
                throw new PluginException("PF4J cannot load " + file.getFileName() + ": " + e.getMessage(), e);
            }
            if (pluginId == null) {
                throw new PluginException("PF4J did not load " + file.getFileName(), null);
            }
            Loaded l = new Loaded(-nextId.incrementAndGet(), pluginId, file);
            loaded.put(pluginId, l);
            try {
                start(l);
            } catch (PluginException e) {
                remove(l, !keepFileOnFailure);
                throw e;
            }
            return l;
        }
    }

    private void start(Loaded l) throws PluginException {
        PluginState state;
        try {
            state = call(() -> manager.startPlugin(l.pluginId), settings.callMillis(), l, "start");
        } catch (RuntimeException e) {
            throw new PluginException(l.pluginId + " does not start: " + e.getMessage(), e);
        }
        if (state != PluginState.STARTED) {
            PluginWrapper w = manager.getPlugin(l.pluginId);
            Throwable failed = w == null ? null : w.getFailedException();
            throw new PluginException(l.pluginId + " does not start (" + state + ")"
                    + (failed == null ? "" : ": " + failed), failed);
        }
        List<ChannelPlugin> extensions = manager.getExtensions(ChannelPlugin.class, l.pluginId);
        if (extensions.isEmpty()) {
            manager.stopPlugin(l.pluginId);
            throw new PluginException(l.pluginId + " has no channel: no @Extension implementing"
                    + " io.pishkhan.sdk.ChannelPlugin (is META-INF/extensions.idx in the plugin?)", null);
        }
        for (ChannelPlugin p : extensions) {
            String channelId;
            try {
                channelId = call(p::channelId, settings.callMillis(), l, "channelId");
            } catch (RuntimeException e) {
                stopChannels(l);
                throw new PluginException(l.pluginId + ": channelId() failed: " + e.getMessage(), e);
            }
            if (channelId == null || !channelId.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                stopChannels(l);
                throw new PluginException(l.pluginId + ": channel id '" + channelId + "' must be 1-64 lower-case"
                        + " letters, digits, '.', '_' or '-'", null);
            }
            if (byChannel.containsKey(channelId) || publisher.taken(channelId)) {
                stopChannels(l);
                throw new PluginException(l.pluginId + ": a channel '" + channelId + "' is already installed", null);
            }
            ChannelContext ctx = new Context(channelId, l);
            try {
                call(() -> {
                    p.start(ctx);
                    return null;
                }, settings.callMillis(), l, "start of " + channelId);
            } catch (RuntimeException e) {
                stopChannels(l);
                throw new PluginException(l.pluginId + ": channel " + channelId + " does not start: "
                        + e.getMessage(), e);
            }
            Connector connector = new Connector(channelId, p, l);
            byChannel.put(channelId, connector);
            l.channels.add(new Channel(channelId, connector, publisher.publish(channelId, connector)));
        }
        l.running = true;
        l.problem = null;
        LOG.info("vendor plugin {} started: channels {}", l.pluginId,
                l.channels.stream().map(Channel::channelId).toList());
    }

    /** Withdraws and stops the plugin's channels (each stop with a time limit). */
    private void stopChannels(Loaded l) {
        for (Channel c : l.channels) {
            try {
                c.registration().close();
            } catch (Exception e) {
                LOG.debug("withdraw {}", c.channelId(), e);
            }
            byChannel.remove(c.channelId(), c.connector());
            try {
                call(() -> {
                    c.connector().plugin.stop();
                    return null;
                }, settings.stopMillis(), l, "stop of " + c.channelId());
            } catch (RuntimeException e) {
                LOG.warn("vendor plugin {}: stop of {} failed: {}", l.pluginId, c.channelId(), e.getMessage());
            }
        }
        l.channels.clear();
        l.running = false;
    }

    PluginInfo start(long id) throws PluginException {
        synchronized (lock) {
            Loaded l = byId(id);
            if (!l.running) {
                start(l);
            }
            return info(l);
        }
    }

    PluginInfo stop(long id) throws PluginException {
        synchronized (lock) {
            Loaded l = byId(id);
            stopChannels(l);
            try {
                call(() -> manager.stopPlugin(l.pluginId), settings.stopMillis(), l, "stop");
            } catch (RuntimeException e) {
                l.problem = "stop: " + e.getMessage();
            }
            return info(l);
        }
    }

    void uninstall(long id) throws PluginException {
        synchronized (lock) {
            remove(byId(id), true);
        }
    }

    private void remove(Loaded l, boolean deleteFile) {
        stopChannels(l);
        try {
            manager.unloadPlugin(l.pluginId); // closes its class loader
        } catch (RuntimeException e) {
            LOG.warn("vendor plugin {} unload: {}", l.pluginId, e.toString());
        }
        loaded.remove(l.pluginId);
        if (deleteFile) {
            deleteQuietly(l.file);
            String n = l.file.getFileName().toString();
            if (n.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                deleteTree(l.file.resolveSibling(n.substring(0, n.length() - 4))); // PF4J's expanded copy
            }
        }
    }

    private Loaded byId(long id) throws PluginException {
        return loaded.values().stream().filter(l -> l.id == id).findFirst()
                .orElseThrow(() -> new PluginException("no vendor plugin " + id, null));
    }

    private PluginInfo info(Loaded l) {
        PluginWrapper w = manager.getPlugin(l.pluginId);
        PluginDescriptor d = w == null ? null : w.getDescriptor();
        String state = l.running ? "ACTIVE" : "RESOLVED";
        return new PluginInfo(l.id, l.pluginId, d == null || d.getPluginDescription() == null
                || d.getPluginDescription().isBlank() ? l.pluginId : d.getPluginDescription(),
                d == null ? "" : d.getVersion(), d == null ? "" : d.getProvider(), List.of("channel"), state,
                l.problem == null, l.problem, "pf4j:" + l.pluginId);
    }

    /** Runs plugin code on the host's threads with a time limit; the plugin's failure, readable, as unchecked. */
    private <T> T call(Callable<T> work, long millis, Loaded l, String what) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Future<T> f = calls.submit(() -> {
            Thread.currentThread().setContextClassLoader(VendorPlugins.class.getClassLoader());
            return work.call();
        });
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            String p = what + " did not answer within " + millis + " ms";
            l.problem = p;
            LOG.warn("vendor plugin {}: {}", l.pluginId, p);
            throw new IllegalStateException(p, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof DeliveryException d) {
                throw new WrappedDelivery(d);
            }
            String p = what + " failed: " + c;
            l.problem = p;
            LOG.warn("vendor plugin {}: {}", l.pluginId, p, c);
            throw new IllegalStateException(p, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
    }

    /** A plugin's own DeliveryException, carried through {@link #call}. */
    private static final class WrappedDelivery extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient DeliveryException delivery;

        WrappedDelivery(DeliveryException d) {
            super(d.getMessage(), d);
            this.delivery = d;
        }
    }

    /** A webhook request for a channel: the plugin's answer, 404 for an unknown channel, 500/504 when it fails. */
    WebhookResponse webhook(String channelId, WebhookRequest request) {
        Connector channel = byChannel.get(channelId);
        if (channel == null) {
            return WebhookResponse.json(404, "{\"error\":\"no channel " + channelId.replaceAll("[^A-Za-z0-9._-]", "")
                    + "\"}");
        }
        try {
            WebhookResponse r = call(() -> channel.plugin.onWebhook(request), settings.callMillis(), channel.owner,
                    "webhook of " + channelId);
            return r == null ? WebhookResponse.text(204, "") : r;
        } catch (IllegalStateException e) {
            boolean timeout = e.getCause() instanceof TimeoutException;
            return WebhookResponse.json(timeout ? 504 : 500, "{\"error\":\"the channel plugin failed\"}");
        }
    }

    /** The appliance as a channel plugin sees it. */
    private final class Context implements ChannelContext {
        private final String channelId;
        private final Loaded plugin;

        Context(String channelId, Loaded plugin) {
            this.channelId = channelId;
            this.plugin = plugin;
        }

        private ConversationService service() {
            return conversations.get().orElseThrow(() -> new IllegalStateException(
                    "the appliance's conversation service is not running; retry later"));
        }

        @Override
        public ReceiveResult receive(IncomingMessage m) throws RejectedMessageException {
            if (m == null || m.text() == null) {
                throw new RejectedMessageException("no message text");
            }
            try {
                Receipt r = service().receive(new InboundMessage(channelId, m.address(), m.displayName(), m.text(),
                        m.clientMessageId(), m.attributes()));
                return new ReceiveResult(r.customerId(), r.conversationId(), r.messageId(), r.duplicate());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new RejectedMessageException(e.getMessage());
            } catch (io.pishkhan.api.store.StoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public boolean deliveryReport(String messageId, boolean delivered, String detail) {
            return service().deliveryReport(messageId, delivered, detail);
        }

        @Override
        public Map<String, String> settings() {
            Properties p = new Properties();
            PluginWrapper w = manager.getPlugin(plugin.pluginId);
            if (w != null) {
                readInto(p, w.getPluginPath().resolve("settings.properties"));
                readInto(p, w.getPluginPath().resolve("classes/settings.properties"));
            }
            if (settings.etc() != null) {
                readInto(p, settings.etc().resolve("pishkhan-plugin-" + plugin.pluginId + ".properties"));
            }
            Map<String, String> out = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
            return out;
        }

        @Override
        public String webhookUrl() {
            return HOOK_BASE + channelId;
        }
    }

    private static void readInto(Properties p, Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
        }
    }

    /** The plugin as an appliance channel. */
    private final class Connector implements ChannelConnector {
        private final String channelId;
        private final ChannelPlugin plugin;
        private final Loaded owner;

        Connector(String channelId, ChannelPlugin plugin, Loaded owner) {
            this.channelId = channelId;
            this.plugin = plugin;
            this.owner = owner;
        }

        @Override
        public String channelId() {
            return channelId;
        }

        @Override
        public void deliver(OutboundMessage m) throws ChannelException {
            OutgoingMessage out = new OutgoingMessage(m.conversationId(), m.messageId(), m.address(), m.senderName(),
                    m.text(), m.quickReplies());
            try {
                call(() -> {
                    plugin.deliver(out);
                    return null;
                }, settings.callMillis(), owner, "deliver on " + channelId);
            } catch (WrappedDelivery e) {
                throw new ChannelException(e.delivery.getMessage(), e.delivery.isRetryable(), e.delivery);
            } catch (IllegalStateException e) {
                throw new ChannelException(e.getMessage(), true, e);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", p, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(VendorPlugins::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            for (Loaded l : List.copyOf(loaded.values())) {
                stopChannels(l);
            }
            try {
                manager.unloadPlugins(); // stopPlugins() throws ConcurrentModificationException in PF4J 3.15.0
            } catch (RuntimeException e) {
                LOG.warn("PF4J unload: {}", e.toString());
            }
            loaded.clear();
        }
        calls.shutdownNow();
    }
}
