package io.pishkhan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.admin.testplugin.FailingComponent;
import io.pishkhan.admin.testplugin.WaitingComponent;
import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** Health from Declarative Services: Felix SCR runs in the embedded framework, components declared by hand. */
class ScrHealthTest {
    TestFramework osgi;
    TestJars jars;
    InMemoryConfigStore store;
    PluginServiceImpl service;

    @BeforeEach
    void start() throws Exception {
        osgi = new TestFramework("org.osgi.service.component;version=1.5.0,"
                + "org.osgi.service.component.runtime;version=1.5.0,"
                + "org.osgi.service.component.runtime.dto;version=1.5.0,"
                + "org.osgi.util.promise;version=1.1.0,org.osgi.util.function;version=1.1.0");
        osgi.install(System.getProperty("pishkhan.test.scr")).start();
        ServiceComponentRuntime scr = osgi.context().getService(
                osgi.context().getServiceReference(ServiceComponentRuntime.class));
        jars = new TestJars(Path.of("target", "scr-jars").toAbsolutePath(), false);
        store = new InMemoryConfigStore();
        service = new PluginServiceImpl(osgi.context(), store, new ComponentHealth.ScrHealth(scr),
                new PluginServiceImpl.Settings(List.of("io.pishkhan."), false, null, new char[0], 1 << 20,
                        Set.of("io.pishkhan.api"), 500, osgi.dir.resolve("plugins"), osgi.dir.resolve("state")));
    }

    @AfterEach
    void stop() throws Exception {
        osgi.close();
    }

    /** A bundle with one DS component (hand-written component XML). */
    Path dsBundle(String bsn, Class<?> impl, String references) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(TestJars.bundle(bsn, "1.0.0",
                "io.pishkhan.api.store", null));
        headers.put("Service-Component", "OSGI-INF/component.xml");
        Path plain = jars.jar(bsn + "-plain.jar", headers, impl);
        Path jar = jars.dir.resolve(bsn + ".jar");
        String xml = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + bsn
                + ".Component\" immediate=\"true\" activate=\"activate\"><implementation class=\"" + impl.getName()
                + "\"/>" + references + "</scr:component>";
        try (JarFile in = new JarFile(plain.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), in.getManifest())) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (!e.getName().startsWith("META-INF/")) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aPluginWhoseComponentFailsToActivateIsRefusedAndRemoved() throws Exception {
        Path jar = dsBundle("com.acme.modem", FailingComponent.class, "");
        PluginException e = assertThrows(PluginException.class,
                () -> service.install("modem.jar", Files.newInputStream(jar)));
        assertTrue(e.getMessage().contains("component com.acme.modem.Component failed to activate"), e.getMessage());
        assertTrue(e.getMessage().contains("no modem on /dev/ttyS0"), e.getMessage());
        assertNull(osgi.bundle("com.acme.modem"));
    }

    @Test
    void aComponentWaitingForAServiceMakesThePluginUnhealthy() throws Exception {
        Path jar = dsBundle("com.acme.waiting", WaitingComponent.class,
                "<reference name=\"store\" interface=\"io.pishkhan.api.store.ConfigStore\"/>");
        PluginInfo info = service.install("waiting.jar", Files.newInputStream(jar));
        assertEquals("ACTIVE", info.state());
        assertFalse(info.healthy());
        assertEquals("component com.acme.waiting.Component waits for service io.pishkhan.api.store.ConfigStore",
                info.problem());
    }
}
