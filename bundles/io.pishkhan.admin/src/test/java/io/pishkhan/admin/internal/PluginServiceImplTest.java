package io.pishkhan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.admin.testplugin.FailingActivator;
import io.pishkhan.admin.testplugin.RoutingActivator;
import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** The plugin service in a real embedded OSGi framework with plugin jars built and signed on the fly. */
class PluginServiceImplTest {
    static final String ROUTING_IMPORTS = "io.pishkhan.api.routing;version=\"[1.1,2)\",org.osgi.framework";
    static TestJars jars;

    TestFramework osgi;
    InMemoryConfigStore store;
    PluginServiceImpl service;
    Path pluginDir;

    @BeforeAll
    static void keys() throws Exception {
        jars = new TestJars(Path.of("target", "plugin-jars").toAbsolutePath());
    }

    @BeforeEach
    void start() throws Exception {
        osgi = new TestFramework(null);
        store = new InMemoryConfigStore();
        pluginDir = osgi.dir.resolve("data/plugins");
        service = service(true, 50L * 1024 * 1024, ComponentHealth.NONE);
    }

    PluginServiceImpl service(boolean requireSignature, long maxBytes, ComponentHealth health) {
        return new PluginServiceImpl(osgi.context(), store, health, new PluginServiceImpl.Settings(
                List.of("io.pishkhan."), requireSignature, jars.trustStore, TestJars.TRUSTPASS.toCharArray(), maxBytes,
                Set.of("io.pishkhan.api", "io.pishkhan.core", "io.pishkhan.admin"), 300, pluginDir,
                osgi.dir.resolve("data/plugins.properties")));
    }

    @AfterEach
    void stop() throws Exception {
        osgi.close();
    }

    static InputStream in(Path p) throws Exception {
        return Files.newInputStream(p);
    }

    Path goodPlugin(String bsn, String version) throws Exception {
        return jars.signed(jars.jar(bsn + "-" + version + ".jar",
                TestJars.bundle(bsn, version, ROUTING_IMPORTS, RoutingActivator.class), RoutingActivator.class), true);
    }

    int bundleCount() {
        return osgi.context().getBundles().length;
    }

    PluginException refused(String fileName, Path jar) throws Exception {
        int before = bundleCount();
        PluginException e = assertThrows(PluginException.class, () -> service.install(fileName, in(jar)));
        assertEquals(before, bundleCount(), "nothing may be left installed after: " + e.getMessage());
        try (Stream<Path> files = Files.list(pluginDir)) {
            assertEquals(List.of(), files.toList(), "no file left in the plugin folder");
        }
        assertEquals("plugin.install.refused", store.audit.get(store.audit.size() - 1).action());
        return e;
    }

    @Test
    void installsAndStartsASignedRoutingPlugin() throws Exception {
        PluginInfo info = service.install("acme-routing.jar", in(goodPlugin("com.acme.routing", "1.0.0")));

        assertEquals("com.acme.routing", info.symbolicName());
        assertEquals("ACTIVE", info.state());
        assertEquals(List.of("routing"), info.kinds());
        assertTrue(info.healthy());
        assertNull(info.problem());
        assertEquals("Acme", info.vendor());
        assertEquals(PluginServiceImpl.LOCATION_PREFIX + "com.acme.routing", info.location());
        assertTrue(Files.exists(pluginDir.resolve("com.acme.routing.jar")), "a copy is kept in the plugin folder");
        assertTrue(service.plugins().stream().anyMatch(p -> p.id() == info.id()));
        assertTrue(service.plugins().stream().anyMatch(p -> p.symbolicName().equals("io.pishkhan.api")),
                "product bundles are listed");
        assertEquals(List.of("plugin.install"), store.actions());
        assertEquals("com.acme.routing", store.audit.get(0).entityId());
    }

    @Test
    void refusesAFileThatIsNotABundle() throws Exception {
        Path plain = jars.signed(jars.jar("plain.jar", Map.of("Main-Class", "x.Main")), true);
        assertEquals("not an OSGi bundle: no Bundle-SymbolicName", refused("plain.jar", plain).getMessage());
        Path noManifest = jars.jar("nomanifest.jar", Map.of());
        assertEquals("not an OSGi bundle: no Bundle-SymbolicName", refused("x.jar", noManifest).getMessage());
    }

    @Test
    void refusesABundleThatDoesNotImportTheApi() throws Exception {
        Path lib = jars.signed(jars.jar("lib.jar", TestJars.bundle("com.acme.lib", "1.0.0", "org.osgi.framework",
                null)), true);
        String message = refused("lib.jar", lib).getMessage();
        assertTrue(message.startsWith("not a Pishkhan plugin"), message);
    }

    @Test
    void refusesAnUnsignedPlugin() throws Exception {
        Path unsigned = jars.jar("unsigned.jar", TestJars.bundle("com.acme.unsigned", "1.0.0", ROUTING_IMPORTS,
                RoutingActivator.class), RoutingActivator.class);
        String message = refused("unsigned.jar", unsigned).getMessage();
        assertTrue(message.startsWith("unsigned"), message);
    }

    @Test
    void refusesAPluginSignedByAnUntrustedCertificate() throws Exception {
        Path rogue = jars.signed(jars.jar("rogue.jar", TestJars.bundle("com.acme.rogue", "1.0.0", ROUTING_IMPORTS,
                RoutingActivator.class), RoutingActivator.class), false);
        String message = refused("rogue.jar", rogue).getMessage();
        assertTrue(message.startsWith("signed by an untrusted certificate"), message);
        assertTrue(message.contains("CN=Rogue Plugins"), message);
    }

    @Test
    void refusesASignedPluginWithAnEntryAddedAfterSigning() throws Exception {
        Path tampered = jars.withExtraEntry(goodPlugin("com.acme.tampered", "1.0.0"));
        String message = refused("tampered.jar", tampered).getMessage();
        assertTrue(message.contains("evil.txt is not signed"), message);
    }

    @Test
    void refusesAPluginWithAMissingImportAndLeavesNothingInstalled() throws Exception {
        Path missing = jars.signed(jars.jar("missing.jar", TestJars.bundle("com.acme.missing", "1.0.0",
                ROUTING_IMPORTS + ",com.acme.sms;version=\"[1.0,2)\"", RoutingActivator.class),
                RoutingActivator.class), true);
        String message = refused("missing.jar", missing).getMessage();
        assertTrue(message.contains("cannot resolve: missing package com.acme.sms [1.0.0,2.0.0)"), message);
        assertNull(osgi.bundle("com.acme.missing"));
    }

    @Test
    void refusesAPluginWhoseStartThrows() throws Exception {
        Path failing = jars.signed(jars.jar("failing.jar", TestJars.bundle("com.acme.failing", "1.0.0",
                ROUTING_IMPORTS, FailingActivator.class), FailingActivator.class), true);
        String message = refused("failing.jar", failing).getMessage();
        assertTrue(message.contains("java.lang.IllegalStateException: vendor database not reachable"), message);
        assertNull(osgi.bundle("com.acme.failing"));
    }

    @Test
    void refusesAPluginWhoseComponentFailsToActivate() throws Exception {
        service = service(true, 50L * 1024 * 1024, b -> b.getSymbolicName().equals("com.acme.ds")
                ? "component com.acme.Sms " + ComponentHealth.ScrHealth.FAILED + ": java.io.IOException: no modem"
                : null);
        String message = refused("ds.jar", goodPlugin("com.acme.ds", "1.0.0")).getMessage();
        assertTrue(message.contains("failed to activate: java.io.IOException: no modem"), message);
    }

    @Test
    void refusesUploadsAboveTheSizeLimit() throws Exception {
        service = service(true, 1024, ComponentHealth.NONE);
        String message = refused("big.jar", goodPlugin("com.acme.big", "1.0.0")).getMessage();
        assertTrue(message.contains("larger than the upload limit"), message);
    }

    /** A vendor plugin host that keeps what it was given (the real one is io.pishkhan.plugin.host). */
    static final class FakeVendors implements io.pishkhan.api.admin.VendorPluginHost {
        final java.util.Map<Long, PluginInfo> loaded = new java.util.LinkedHashMap<>();
        final List<String> calls = new java.util.ArrayList<>();

        @Override
        public List<PluginInfo> plugins() {
            return List.copyOf(loaded.values());
        }

        @Override
        public boolean accepts(String fileName, byte[] content) {
            return true;
        }

        @Override
        public PluginInfo install(String fileName, byte[] content) {
            calls.add("install " + fileName + " " + content.length);
            PluginInfo p = new PluginInfo(-1, "acme-sms", "Acme SMS", "1.0.0", "Acme", List.of("channel"), "ACTIVE",
                    true, null, "pf4j:acme-sms");
            loaded.put(-1L, p);
            return p;
        }

        @Override
        public PluginInfo start(long id) {
            calls.add("start " + id);
            return loaded.get(id);
        }

        @Override
        public PluginInfo stop(long id) throws PluginException {
            calls.add("stop " + id);
            throw new PluginException("acme-sms did not stop within 5 s", null);
        }

        @Override
        public void uninstall(long id) {
            calls.add("uninstall " + id);
            loaded.remove(id);
        }
    }

    @Test
    void vendorPluginsAreSignatureCheckedThenHandedToTheHostAndAuditedWithTheActor() throws Exception {
        FakeVendors vendors = new FakeVendors();
        service.bindVendors(vendors);
        Path zip = jars.jar("acme-sms-1.0.0.jar", java.util.Map.of("Plugin-Id", "acme-sms")); // a PF4J zip is a zip too
        PluginException unsigned = assertThrows(PluginException.class,
                () -> service.install("acme-sms-1.0.0.zip", in(zip), "root"));
        assertTrue(unsigned.getMessage().contains("not signed"), unsigned.getMessage());
        assertTrue(vendors.calls.isEmpty(), "an unsigned plugin never reaches the host");

        Path signedZip = jars.signed(zip, true);
        PluginInfo info = service.install("acme-sms-1.0.0.zip", in(signedZip), "root");
        assertEquals(-1, info.id());
        assertEquals(List.of("install acme-sms-1.0.0.zip " + Files.size(signedZip)), vendors.calls);
        assertTrue(service.plugins().stream().anyMatch(p -> p.id() == -1 && p.symbolicName().equals("acme-sms")),
                "listed beside the OSGi plugins");
        assertEquals("acme-sms", service.plugin(-1).orElseThrow().symbolicName());
        service.start(-1, "root");
        PluginException stop = assertThrows(PluginException.class, () -> service.stop(-1, "root"));
        assertTrue(stop.getMessage().contains("did not stop"));
        service.uninstall(-1, "sara");
        assertTrue(service.plugins().stream().noneMatch(p -> p.id() == -1));
        List<String> audit = store.auditLog("plugin", 20).stream()
                .map(r -> r.actor() + " " + r.action() + " " + r.entityId()).toList();
        assertTrue(audit.contains("root plugin.install acme-sms"), audit.toString());
        assertTrue(audit.contains("root plugin.stop.refused acme-sms"), audit.toString());
        assertTrue(audit.contains("sara plugin.uninstall acme-sms"), audit.toString());
        assertTrue(audit.contains("root plugin.install.refused acme-sms-1.0.0.zip"), audit.toString());
    }

    @Test
    void refusesOtherFileTypesAndKarWithoutTheKarService() throws Exception {
        PluginException exe = assertThrows(PluginException.class,
                () -> service.install("x.exe", new ByteArrayInputStream(new byte[10])));
        assertEquals("unsupported file 'x.exe': upload an OSGi bundle (.jar), a Karaf archive (.kar) or a vendor"
                + " plugin (PF4J .zip or .jar)", exe.getMessage());
        PluginException traversal = assertThrows(PluginException.class,
                () -> service.install("../../etc/evil.exe", new ByteArrayInputStream(new byte[10])));
        assertTrue(traversal.getMessage().startsWith("unsupported file 'evil.exe'"), traversal.getMessage());
        PluginException zip = assertThrows(PluginException.class,
                () -> service.install("x.zip", new ByteArrayInputStream(new byte[10])));
        assertTrue(zip.getMessage().contains("need the plugin host"), zip.getMessage());
        PluginException kar = assertThrows(PluginException.class,
                () -> service.install("x.kar", new ByteArrayInputStream(new byte[10])));
        assertTrue(kar.getMessage().startsWith(".kar needs the Karaf kar service"), kar.getMessage());
    }

    @Test
    void acceptsUnsignedPluginsWhenSignaturesAreNotRequired() throws Exception {
        service = service(false, 50L * 1024 * 1024, ComponentHealth.NONE);
        Path unsigned = jars.jar("unsigned2.jar", TestJars.bundle("com.acme.unsigned2", "1.0.0", ROUTING_IMPORTS,
                RoutingActivator.class), RoutingActivator.class);
        assertEquals("ACTIVE", service.install("unsigned2.jar", in(unsigned)).state());
    }

    @Test
    void refusesASecondInstallOfTheSameSymbolicName() throws Exception {
        service.install("a.jar", in(goodPlugin("com.acme.twice", "1.0.0")));
        PluginException e = assertThrows(PluginException.class,
                () -> service.install("a.jar", in(goodPlugin("com.acme.twice", "1.0.1"))));
        assertTrue(e.getMessage().contains("already installed"), e.getMessage());
    }

    @Test
    void stopKeepsTheKindsThenStartAndUninstall() throws Exception {
        long id = service.install("r.jar", in(goodPlugin("com.acme.cycle", "1.0.0"))).id();

        PluginInfo stopped = service.stop(id);
        assertEquals("RESOLVED", stopped.state());
        assertEquals(List.of("routing"), stopped.kinds(), "a stopped plugin keeps the kinds it had");
        assertTrue(stopped.healthy());

        PluginInfo started = service.start(id);
        assertEquals("ACTIVE", started.state());

        service.uninstall(id);
        assertTrue(service.plugin(id).isEmpty());
        assertNull(osgi.bundle("com.acme.cycle"));
        assertFalse(Files.exists(pluginDir.resolve("com.acme.cycle.jar")));
        assertEquals(List.of("plugin.install", "plugin.stop", "plugin.start", "plugin.uninstall"), store.actions());
    }

    @Test
    void aStoppedVendorBundleKeepsItsKindsAcrossServiceInstances() throws Exception {
        long id = service.install("r.jar", in(goodPlugin("com.acme.remember", "1.0.0"))).id();
        osgi.context().getBundle(id).stop(); // stopped behind the service's back
        PluginServiceImpl again = service(true, 50L * 1024 * 1024, ComponentHealth.NONE);
        assertEquals(List.of("routing"), again.plugin(id).orElseThrow().kinds());
    }

    @Test
    void protectedBundlesCannotBeStoppedOrUninstalled() throws Exception {
        Bundle api = osgi.bundle("io.pishkhan.api");
        PluginException stop = assertThrows(PluginException.class, () -> service.stop(api.getBundleId()));
        assertEquals("io.pishkhan.api is a core bundle of the product and cannot be stopped from the console",
                stop.getMessage());
        PluginException uninstall = assertThrows(PluginException.class, () -> service.uninstall(api.getBundleId()));
        assertTrue(uninstall.getMessage().contains("cannot be uninstalled"), uninstall.getMessage());
        assertEquals(Bundle.ACTIVE, api.getState());
        assertEquals(List.of("plugin.stop.refused", "plugin.uninstall.refused"), store.actions());
    }

    @Test
    void bundlesThatAreNotPluginsCannotBeTouched() throws Exception {
        Path lib = jars.jar("lib2.jar", TestJars.bundle("org.acme.lib", "1.0.0", null, null));
        Bundle b = osgi.install(lib.toString());
        b.start();
        assertTrue(service.plugin(b.getBundleId()).isEmpty());
        PluginException e = assertThrows(PluginException.class, () -> service.stop(b.getBundleId()));
        assertEquals("no plugin with id " + b.getBundleId(), e.getMessage());
        assertEquals(Bundle.ACTIVE, b.getState());
    }

    @Test
    void anUnresolvedProductBundleIsListedAsUnhealthyWithTheMissingPackage() throws Exception {
        Path broken = jars.jar("broken.jar", TestJars.bundle("io.pishkhan.channel.broken", "1.0.0",
                "io.pishkhan.api.channel,org.acme.smpp", null));
        Bundle b = osgi.install(broken.toString());
        PluginInfo info = service.plugin(b.getBundleId()).orElseThrow();
        assertEquals("INSTALLED", info.state());
        assertFalse(info.healthy());
        assertEquals("cannot resolve: missing package org.acme.smpp", info.problem());
        assertEquals(List.of("other"), info.kinds());
    }

    @Test
    void updateReplacesTheBundleWithTheSameSymbolicNameOnly() throws Exception {
        long id = service.install("u.jar", in(goodPlugin("com.acme.upd", "1.0.0"))).id();

        PluginInfo updated = service.update(id, in(goodPlugin("com.acme.upd", "1.1.0")));
        assertEquals(id, updated.id());
        assertEquals("1.1.0", updated.version());
        assertEquals("ACTIVE", updated.state());
        assertEquals(List.of("routing"), updated.kinds());

        PluginException other = assertThrows(PluginException.class,
                () -> service.update(id, in(goodPlugin("com.acme.other", "2.0.0"))));
        assertTrue(other.getMessage().contains("same symbolic name"), other.getMessage());
        PluginException unsigned = assertThrows(PluginException.class, () -> service.update(id, in(jars.jar(
                "upd-unsigned.jar", TestJars.bundle("com.acme.upd", "1.2.0", ROUTING_IMPORTS, null)))));
        assertTrue(unsigned.getMessage().startsWith("unsigned"), unsigned.getMessage());
        assertEquals("1.1.0", osgi.context().getBundle(id).getVersion().toString());
        assertEquals(List.of("plugin.install", "plugin.update", "plugin.update.refused", "plugin.update.refused"),
                store.actions());
    }

    @Test
    void anUpdateThatDoesNotStartIsRolledBack() throws Exception {
        long id = service.install("u.jar", in(goodPlugin("com.acme.rb", "1.0.0"))).id();
        Path failing = jars.signed(jars.jar("rb-fail.jar", TestJars.bundle("com.acme.rb", "2.0.0",
                ROUTING_IMPORTS, FailingActivator.class), FailingActivator.class), true);
        PluginException e = assertThrows(PluginException.class, () -> service.update(id, in(failing)));
        assertTrue(e.getMessage().contains("vendor database not reachable"), e.getMessage());
        assertTrue(e.getMessage().contains("previous version 1.0.0 was restored"), e.getMessage());
        Bundle b = osgi.context().getBundle(id);
        assertEquals("1.0.0", b.getVersion().toString());
        assertEquals(Bundle.ACTIVE, b.getState());
        assertNotNull(b.getRegisteredServices());
    }
}
