package io.pishkhan.sdk.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.sdk.RejectedMessageException;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import io.pishkhan.sdk.host.testplugins.TestChannels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PF4J host with real PF4J and real plugin files built here; the OSGi registry and the core are fakes. */
class VendorPluginsTest {
    @TempDir
    Path dir;
    final Map<String, ChannelConnector> published = new ConcurrentHashMap<>();
    final List<InboundMessage> received = new ArrayList<>();
    VendorPlugins host;

    final ConversationService core = (ConversationService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationService.class}, (p, m, a) -> switch (m.getName()) {
                case "receive" -> {
                    InboundMessage in = (InboundMessage) a[0];
                    if (in.text().isBlank()) {
                        throw new InvalidMessageException("text is empty");
                    }
                    received.add(in);
                    yield new Receipt("cust-1", "conv-1", "msg-" + received.size(), false);
                }
                case "deliveryReport" -> a[0].equals("msg-9");
                default -> throw new UnsupportedOperationException(m.getName());
            });

    @BeforeEach
    void start() {
        TestChannels.DELIVERED.clear();
        host = host(dir.resolve("plugins"));
    }

    VendorPlugins host(Path folder) {
        return new VendorPlugins(new VendorPlugins.Settings(folder, 1500, 1000, null), () -> Optional.of(core),
                new VendorPlugins.Publisher() {
                    @Override
                    public AutoCloseable publish(String channelId, ChannelConnector connector) {
                        published.put(channelId, connector);
                        return () -> published.remove(channelId, connector);
                    }

                    @Override
                    public boolean taken(String channelId) {
                        return channelId.equals("webchat");
                    }
                });
    }

    @AfterEach
    void stop() {
        host.close();
    }

    // ---------------------------------------------------------------- plugin files

    static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** A plugin jar: manifest descriptor, extensions.idx, the extension classes. */
    static byte[] jar(String id, String version, boolean descriptor, Class<?>... extensions) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (descriptor) {
            mf.getMainAttributes().putValue("Plugin-Id", id);
            mf.getMainAttributes().putValue("Plugin-Version", version);
            mf.getMainAttributes().putValue("Plugin-Provider", "Acme Telecom");
            mf.getMainAttributes().putValue("Plugin-Description", "Acme SMS gateway");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            StringBuilder idx = new StringBuilder();
            for (Class<?> c : extensions) {
                idx.append(c.getName()).append('\n');
                jar.putNextEntry(new ZipEntry(c.getName().replace('.', '/') + ".class"));
                jar.write(classBytes(c));
            }
            jar.putNextEntry(new ZipEntry("META-INF/extensions.idx"));
            jar.write(idx.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A plugin zip as the SDK's packaging makes it: plugin.properties, classes/, settings.properties. */
    static byte[] zip(String id, Map<String, byte[]> extra, Class<?>... extensions) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write(("plugin.id=" + id + "\nplugin.version=2.1.0\nplugin.provider=Acme\nplugin.description=Acme"
                    + " SMS\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder idx = new StringBuilder();
            for (Class<?> c : extensions) {
                idx.append(c.getName()).append('\n');
                zip.putNextEntry(new ZipEntry("classes/" + c.getName().replace('.', '/') + ".class"));
                zip.write(classBytes(c));
            }
            zip.putNextEntry(new ZipEntry("classes/META-INF/extensions.idx"));
            zip.write(idx.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    static OutboundMessage out(String text) {
        return new OutboundMessage("conv-1", "msg-1", "acme-sms", "+989121234567", SenderType.AGENT, "Alice", text,
                List.of());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aJarPluginBecomesAChannelThatDeliversAndReceives() throws Exception {
        PluginInfo info = host.install("acme-sms-1.0.0.jar", jar("acme-sms", "1.0.0", true, TestChannels.Sms.class));
        assertTrue(info.id() < 0, "vendor plugins have negative ids");
        assertEquals("acme-sms", info.symbolicName());
        assertEquals("Acme SMS gateway", info.name());
        assertEquals("1.0.0", info.version());
        assertEquals("Acme Telecom", info.vendor());
        assertEquals("ACTIVE", info.state());
        assertEquals("pf4j:acme-sms", info.location());
        assertTrue(info.healthy());

        ChannelConnector sms = published.get("acme-sms");
        sms.deliver(out("Your code is 1234"));
        assertEquals(List.of("+989121234567:Your code is 1234"), TestChannels.DELIVERED);

        var r = TestChannels.context.receive(new io.pishkhan.sdk.IncomingMessage("+989121234567", "Sara", "salam",
                "gw-1", Map.of("lang", "fa")));
        assertEquals("conv-1", r.conversationId());
        assertEquals("acme-sms", received.get(0).channel());
        assertEquals("gw-1", received.get(0).clientMessageId());
        assertThrows(RejectedMessageException.class, () -> TestChannels.context.receive(
                new io.pishkhan.sdk.IncomingMessage("+98912", null, " ", null, null)));
        assertTrue(TestChannels.context.deliveryReport("msg-9", true, "DELIVRD"));
        assertEquals("/hooks/acme-sms", TestChannels.context.webhookUrl());
    }

    @Test
    void aZipPluginWithSettingsLoadsFromTheFolderAtStart() throws Exception {
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder);
        Files.write(folder.resolve("acme-sms-2.1.0.zip"), zip("acme-sms",
                Map.of("settings.properties", "gateway.url=http://localhost:9/send\n".getBytes(StandardCharsets.UTF_8)),
                TestChannels.Sms.class));
        host.close();
        host = host(folder);
        host.loadFolder();
        assertEquals(List.of("acme-sms"), host.plugins().stream().map(PluginInfo::symbolicName).toList());
        assertEquals("2.1.0", host.plugins().get(0).version());
        assertEquals("http://localhost:9/send", TestChannels.context.settings().get("gateway.url"));
        published.get("acme-sms").deliver(out("hello"));
        assertEquals(List.of("+989121234567:hello"), TestChannels.DELIVERED);
    }

    @Test
    void badUploadsAreRefusedWithTheReasonAndLeaveNothing() throws Exception {
        PluginException none = assertThrows(PluginException.class,
                () -> host.install("x.jar", jar("x", "1", false, TestChannels.Sms.class)));
        assertTrue(none.getMessage().contains("no PF4J descriptor"), none.getMessage());

        byte[] withSdk = zip("acme-sms", Map.of("classes/io/pishkhan/sdk/ChannelPlugin.class",
                classBytes(io.pishkhan.sdk.ChannelPlugin.class)), TestChannels.Sms.class);
        PluginException sdk = assertThrows(PluginException.class, () -> host.install("acme.zip", withSdk));
        assertTrue(sdk.getMessage().contains("contains the Pishkhan SDK"), sdk.getMessage());

        PluginException noChannel = assertThrows(PluginException.class,
                () -> host.install("empty.jar", jar("empty", "1", true)));
        assertTrue(noChannel.getMessage().contains("has no channel"), noChannel.getMessage());

        PluginException broken = assertThrows(PluginException.class,
                () -> host.install("broken.jar", jar("broken", "1", true, TestChannels.BrokenStart.class)));
        assertTrue(broken.getMessage().contains("missing setting gateway.url"), broken.getMessage());

        PluginException impostor = assertThrows(PluginException.class,
                () -> host.install("imp.jar", jar("imp", "1", true, TestChannels.Impostor.class)));
        assertTrue(impostor.getMessage().contains("'webchat' is already installed"), impostor.getMessage());

        PluginException garbage = assertThrows(PluginException.class,
                () -> host.install("x.zip", "not a zip".getBytes(StandardCharsets.UTF_8)));
        assertTrue(garbage.getMessage().contains("not a"), garbage.getMessage());

        assertTrue(host.plugins().isEmpty(), "nothing loaded");
        assertTrue(published.isEmpty(), "no channel published");
        try (var files = Files.list(dir.resolve("plugins"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).toList(), "no file left");
        }
    }

    @Test
    void aFailingOrHangingPluginIsContainedAndReported() throws Exception {
        host.install("acme.jar", jar("acme-sms", "1.0.0", true, TestChannels.Sms.class));
        ChannelConnector sms = published.get("acme-sms");
        ChannelException boom = assertThrows(ChannelException.class, () -> sms.deliver(out("boom")));
        assertTrue(boom.isRetryable());
        assertTrue(boom.getMessage().contains("gateway client bug"), boom.getMessage());
        assertFalse(host.plugins().get(0).healthy());
        assertTrue(host.plugins().get(0).problem().contains("gateway client bug"));

        long t0 = System.nanoTime();
        ChannelException hang = assertThrows(ChannelException.class, () -> sms.deliver(out("hang")));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "the caller waits the time limit only");
        assertTrue(hang.getMessage().contains("did not answer within 1500 ms"), hang.getMessage());

        ChannelException refused = assertThrows(ChannelException.class, () -> sms.deliver(out("refuse")));
        assertFalse(refused.isRetryable(), "the plugin's own verdict");
        assertEquals("number not reachable", refused.getMessage());

        sms.deliver(out("still works"));
        assertEquals(List.of("+989121234567:still works"), TestChannels.DELIVERED);
    }

    @Test
    void webhooksReachTheirChannel() throws Exception {
        host.install("acme.jar", jar("acme-sms", "1.0.0", true, TestChannels.Sms.class));
        WebhookResponse ok = host.webhook("acme-sms", new WebhookRequest("POST", "", Map.of(),
                Map.of("from", List.of("+98912"), "id", List.of("gw-7")), "salam".getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, ok.status());
        assertEquals("{\"conversation\":\"conv-1\"}", new String(ok.body(), StandardCharsets.UTF_8));
        assertEquals("salam", received.get(0).text());
        assertEquals(404, host.webhook("nope", new WebhookRequest("POST", "", null, null, null)).status());
        assertEquals(504, host.webhook("acme-sms", new WebhookRequest("POST", "/hang", null, null, null)).status());
    }

    @Test
    void stoppedStartedUpdatedAndUninstalled() throws Exception {
        PluginInfo v1 = host.install("acme-1.jar", jar("acme-sms", "1.0.0", true, TestChannels.Sms.class));
        assertEquals("RESOLVED", host.stop(v1.id()).state());
        assertTrue(TestChannels.stopped, "the plugin's stop was called");
        assertNull(published.get("acme-sms"), "withdrawn while stopped");
        assertEquals("ACTIVE", host.start(v1.id()).state());
        assertTrue(published.containsKey("acme-sms"));

        PluginInfo v2 = host.install("acme-2.zip", zip("acme-sms", Map.of(), TestChannels.Sms.class));
        assertEquals("2.1.0", v2.version(), "an update replaces the plugin with the same id");
        assertEquals(1, host.plugins().size());
        assertFalse(Files.exists(dir.resolve("plugins/acme-1.jar")), "the old file is gone");

        host.uninstall(v2.id());
        assertTrue(host.plugins().isEmpty());
        assertTrue(published.isEmpty());
        assertFalse(Files.exists(dir.resolve("plugins/acme-2.zip")));
        assertThrows(PluginException.class, () -> host.start(v2.id()));
    }
}
