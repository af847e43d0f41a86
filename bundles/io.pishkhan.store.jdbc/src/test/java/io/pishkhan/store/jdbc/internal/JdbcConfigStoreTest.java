package io.pishkhan.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The config store and rule set store against a real (in-memory) Derby. */
class JdbcConfigStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-20T10:00:00Z");
    private final DerbyDatabase db = DerbyDatabase.inMemory();
    private final JdbcConfigStore store = new JdbcConfigStore(db.dataSource(), "auto", Clock.fixed(T0, ZoneOffset.UTC));

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void putGetListDeleteWithAudit() {
        store.put("queue", "vip", "{\"priority\":50}", "admin", "new vip queue");
        store.put("queue", "general", "{\"priority\":0}", "admin", null);
        store.put("queue", "vip", "{\"priority\":60}", "bob", "raise");
        store.put("skill", "cards", "{}", "admin", null);

        assertEquals(List.of("general", "vip"), store.list("queue").stream().map(e -> e.id()).toList());
        assertEquals("{\"priority\":60}", store.get("queue", "vip").orElseThrow().json());
        assertEquals("bob", store.get("queue", "vip").orElseThrow().updatedBy());
        assertTrue(store.get("queue", "nope").isEmpty());

        assertTrue(store.delete("queue", "vip", "admin", "not needed"));
        assertFalse(store.delete("queue", "vip", "admin", "twice"));
        assertTrue(store.get("queue", "vip").isEmpty());

        List<AuditRecord> log = store.auditLog("queue", 10);
        assertEquals(List.of("delete", "update", "create", "create"), log.stream().map(AuditRecord::action).toList());
        assertEquals("admin", log.get(0).actor());
        assertTrue(log.get(0).detail().contains("was: {\"priority\":60}"), log.get(0).detail());
        assertEquals(5, store.auditLog(null, 100).size());
        assertEquals(2, store.auditLog(null, 2).size());
    }

    @Test
    void listenersAreToldOfCommittedChangesOfTheirKinds() {
        java.util.List<String> queues = new java.util.ArrayList<>();
        java.util.List<String> all = new java.util.ArrayList<>();
        store.addListener((k, id) -> queues.add(k + ":" + id), java.util.Map.of("pishkhan.config.kinds",
                new String[] {"queue", "skill"}));
        store.addListener((k, id) -> all.add(k + ":" + id), java.util.Map.of());
        io.pishkhan.api.store.ConfigChangeListener broken = (k, id) -> {
            throw new IllegalStateException("listener bug");
        };
        store.addListener(broken, java.util.Map.of("pishkhan.config.kinds", "queue"));

        store.put("queue", "vip", "{}", "admin", null); // the broken listener does not undo or fail the save
        store.put("schedule", "tehran", "{}", "admin", null);
        assertTrue(store.delete("queue", "vip", "admin", null));
        assertFalse(store.delete("queue", "vip", "admin", null)); // nothing deleted: nobody is told
        store.removeListener(broken);
        store.put("skill", "billing", "{}", "admin", null);

        assertEquals(java.util.List.of("queue:vip", "queue:vip", "skill:billing"), queues);
        assertEquals(java.util.List.of("queue:vip", "schedule:tehran", "queue:vip", "skill:billing"), all);
        assertTrue(store.get("schedule", "tehran").isPresent());
    }

    @Test
    void badInputIsRefusedBeforeTheDatabase() {
        assertThrows(IllegalArgumentException.class, () -> store.put(" ", "x", "{}", "a", null));
        assertThrows(IllegalArgumentException.class, () -> store.put("queue", "x".repeat(201), "{}", "a", null));
        assertThrows(IllegalArgumentException.class,
                () -> store.put("queue", "x", "y".repeat(JdbcConfigStore.MAX_JSON + 1), "a", null));
        assertTrue(store.list("queue").isEmpty());
    }

    @Test
    void ruleSetVersionsAndDeployment() {
        assertEquals(RuleDeployment.NONE, store.deployment());
        RuleSetVersion v1 = store.saveVersion("{\"rules\":[]}", "admin", "first", null);
        RuleSetVersion v2 = store.saveVersion("{\"rules\":[1]}", "bob", "second", T0.plusSeconds(5));
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertEquals(List.of(2, 1), store.versions().stream().map(RuleSetVersion::version).toList());
        assertEquals("bob", store.version(2).orElseThrow().author());
        assertEquals(T0.plusSeconds(5), store.version(2).orElseThrow().createdAt());

        store.saveDeployment(new RuleDeployment(1, 2, 10, "admin", T0));
        assertEquals(new RuleDeployment(1, 2, 10, "admin", T0), store.deployment());
        store.saveDeployment(new RuleDeployment(2, 0, 0, "bob", T0.plusSeconds(9)));
        assertEquals(2, store.deployment().activeVersion());
        assertEquals(0, store.deployment().canaryVersion());
        assertTrue(store.auditLog("ruleset", 10).stream().anyMatch(a -> a.action().equals("deploy")));
    }

    @Test
    void concurrentSavesGetDistinctVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RuleSetVersion>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                fs.add(pool.submit(() -> store.saveVersion("{\"n\":" + n + "}", "admin", null, null)));
            }
            Set<Integer> versions = ConcurrentHashMap.newKeySet();
            for (Future<RuleSetVersion> f : fs) {
                versions.add(f.get().version());
            }
            assertEquals(20, versions.size());
            assertEquals(20, store.versions().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
