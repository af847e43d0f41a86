package io.pishkhan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.admin.internal.FakeMetaType.Ad;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.store.AuditRecord;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;

/** The configuration service on Felix ConfigAdmin running in an embedded framework, metatype from small fakes. */
class ConfigurationServiceImplTest {
    static final String PID = "io.pishkhan.demo";
    static final String FACTORY = "io.pishkhan.demo.channel";

    TestFramework osgi;
    ConfigurationAdmin configAdmin;
    InMemoryConfigStore store;
    ConfigurationServiceImpl service;

    @BeforeEach
    void start() throws Exception {
        osgi = new TestFramework("org.osgi.service.cm;version=1.6.0");
        osgi.install(System.getProperty("pishkhan.test.configadmin")).start();
        configAdmin = osgi.context().getService(osgi.context().getServiceReference(ConfigurationAdmin.class));
        TestJars jars = new TestJars(Path.of("target", "config-jars").toAbsolutePath(), false);
        Bundle demo = osgi.install(jars.jar("demo.jar", TestJars.bundle("io.pishkhan.demo", "1.0.0", null, null))
                .toString());
        Bundle other = osgi.install(jars.jar("other.jar", TestJars.bundle("org.acme.other", "1.0.0", null, null))
                .toString());
        FakeMetaType metaType = new FakeMetaType();
        metaType.info(demo).pids.put(PID, new FakeMetaType.Ocd(PID, "Demo")
                .add(new Ad("port", AttributeDefinition.INTEGER, "8080").range("1", "65535"))
                .add(new Ad("hosts", AttributeDefinition.STRING, "a").cardinality(3))
                .add(new Ad("tags", AttributeDefinition.STRING).cardinality(-3).notRequired())
                .add(new Ad("enabled", AttributeDefinition.BOOLEAN, "true"))
                .add(new Ad("secret", AttributeDefinition.PASSWORD).notRequired()));
        metaType.info(demo).factoryPids.put(FACTORY, new FakeMetaType.Ocd(FACTORY, "Channel instance")
                .add(new Ad("number", AttributeDefinition.STRING)));
        metaType.info(other).pids.put("org.acme.other", new FakeMetaType.Ocd("org.acme.other", "Other"));
        store = new InMemoryConfigStore();
        service = new ConfigurationServiceImpl(osgi.context(), metaType, configAdmin, store,
                TestFramework.config(Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        osgi.close();
    }

    Dictionary<String, Object> props(String pid) throws Exception {
        Configuration[] cs = configAdmin.listConfigurations("(service.pid=" + pid + ")");
        return cs == null ? null : cs[0].getProperties();
    }

    void existing() throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("port", "9090"); // as Karaf reads it from a .cfg file
        p.put("hosts", new String[] {"h1", "h2"});
        p.put("secret", "s3cret");
        p.put("unknownKey", "kept");
        p.put("felix.fileinstall.filename", "file:/opt/pishkhan/etc/io.pishkhan.demo.cfg");
        configAdmin.getConfiguration(PID, "?").update(p);
    }

    @Test
    void formsOfPrefixedBundlesOnlySortedByName() {
        List<ConfigForm> forms = service.forms();
        assertEquals(List.of("Channel instance", "Demo"), forms.stream().map(ConfigForm::name).toList());
        ConfigForm factory = forms.get(0);
        assertTrue(factory.factory());
        assertEquals(FACTORY, factory.pid());
        assertEquals("io.pishkhan.demo", factory.bundle());
        assertTrue(service.form("org.acme.other").isEmpty(), "not an io.pishkhan. bundle");
        assertEquals(5, service.form(PID).orElseThrow().fields().size());
    }

    @Test
    void currentValuesWithThePasswordMasked() throws Exception {
        existing();
        ConfigForm form = service.form(PID).orElseThrow();
        assertEquals(Map.of("port", List.of("9090"), "hosts", List.of("h1", "h2"), "secret", List.of(Forms.MASK)),
                form.values());
    }

    @Test
    void saveConvertsMergesAndAudits() throws Exception {
        existing();
        ConfigForm saved = service.save(PID, Map.of("port", List.of("8443"), "tags", List.of("x", "y"),
                "enabled", List.of("false"), "secret", List.of(Forms.MASK)), "admin1");

        Dictionary<String, Object> p = props(PID);
        assertEquals("8443", p.get("port"), "validated as an integer, stored as text (the .cfg stays plain)");
        assertEquals("false", p.get("enabled"));
        assertEquals(List.of("x", "y"), List.copyOf((java.util.Collection<?>) p.get("tags")));
        assertArrayEquals(new String[] {"h1", "h2"}, (String[]) p.get("hosts"), "not submitted: kept");
        assertEquals("s3cret", p.get("secret"), "the masked value keeps the password");
        assertEquals("kept", p.get("unknownKey"));
        assertEquals("file:/opt/pishkhan/etc/io.pishkhan.demo.cfg", p.get("felix.fileinstall.filename"));
        assertEquals(List.of("8443"), saved.values().get("port"));

        assertEquals(1, store.audit.size());
        AuditRecord r = store.audit.get(0);
        assertEquals("admin1", r.actor());
        assertEquals("config.save", r.action());
        assertEquals(PID, r.entityId());
        assertTrue(r.detail().contains("before={hosts=[h1, h2], port=9090, secret=" + Forms.MASK), r.detail());
        assertTrue(r.detail().contains("after={enabled=false, hosts=[h1, h2], port=8443"), r.detail());
        assertFalse(r.detail().contains("s3cret"), r.detail());
    }

    @Test
    void aNewPasswordReplacesTheOldOne() throws Exception {
        existing();
        service.save(PID, Map.of("secret", List.of("n3w")), "admin1");
        assertEquals("n3w", props(PID).get("secret"));
        service.save(PID, Map.of("secret", List.of("")), "admin1");
        assertNull(props(PID).get("secret"), "cleared");
    }

    @Test
    void invalidValuesAreRefusedAndNothingChanges() throws Exception {
        existing();
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () -> service.save(PID,
                Map.of("port", List.of("70000"), "enabled", List.of("maybe"), "hosts", List.of("1", "2", "3", "4")),
                "admin1"));
        assertEquals(Map.of("port", "must be at most 65535", "enabled", "must be true or false",
                "hosts", "at most 3 values"), e.errors());
        assertEquals("9090", props(PID).get("port"));
        assertTrue(store.audit.isEmpty());
        assertEquals(e.errors(), service.validate(PID, Map.of("port", List.of("70000"),
                "enabled", List.of("maybe"), "hosts", List.of("1", "2", "3", "4"))));
        assertEquals(Map.of(), service.validate(PID, Map.of("port", List.of("1"))));
    }

    @Test
    void savingAFactoryFormCreatesAnInstance() throws Exception {
        ConfigValidationException missing = assertThrows(ConfigValidationException.class,
                () -> service.save(FACTORY, Map.of(), "admin1"));
        assertEquals(Map.of("number", "required"), missing.errors());

        ConfigForm instance = service.save(FACTORY, Map.of("number", List.of("+98 21 1234")), "admin1");
        assertFalse(instance.factory());
        assertTrue(instance.pid().startsWith(FACTORY), instance.pid());
        Configuration[] cs = configAdmin.listConfigurations("(service.factoryPid=" + FACTORY + ")");
        assertEquals(1, cs.length);
        assertEquals("+98 21 1234", cs[0].getProperties().get("number"));
        assertTrue(service.forms().stream().anyMatch(f -> f.pid().equals(instance.pid())
                && f.values().equals(Map.of("number", List.of("+98 21 1234")))));
        assertEquals(instance.pid(), store.audit.get(0).entityId());
    }

    @Test
    void savingWithoutAConfigurationCreatesItUnbound() throws Exception {
        service.save(PID, Map.of("port", List.of("81")), "admin1");
        Configuration c = configAdmin.getConfiguration(PID, "?");
        assertEquals("81", c.getProperties().get("port"));
        assertEquals("?", c.getBundleLocation(), "not bound to a bundle");
    }
}
