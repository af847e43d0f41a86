package io.pishkhan.routing.rules.internal;

import static io.pishkhan.routing.rules.internal.Fixtures.T0;
import static io.pishkhan.routing.rules.internal.Fixtures.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.routing.TriageResult;
import io.pishkhan.api.store.AuditRecord;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RuleSetServiceTest {
    private final Fixtures.MemoryRuleSetStore store = new Fixtures.MemoryRuleSetStore();
    private final Fixtures.RecordingConfigStore audit = new Fixtures.RecordingConfigStore();
    private final RuleSetServiceImpl service = new RuleSetServiceImpl(store, Fixtures.standardDirectory(), audit,
            Clock.fixed(T0, ZoneOffset.UTC), Fixtures.TEHRAN, 1000);

    /** Everything to one queue, with a tag naming that queue (to prove one rule set decided). */
    static String allTo(String queue) {
        return "{\"rules\": [{\"name\": \"all to " + queue + "\", \"when\": \"true\", \"queue\": \"" + queue
                + "\", \"tags\": {\"set\": \"" + queue + "\"}}]}";
    }

    @Test
    void nothingDeployedGivesDefaultsWithoutVersion() {
        assertEquals(TriageResult.defaults(null), service.triage(in().build()));
        assertEquals(RuleDeployment.NONE, service.deployment());
    }

    @Test
    void deployStoresVersionDeploymentAndAudit() {
        RuleSetVersion v1 = service.deploy(allTo("vip"), "admin", "first");
        assertEquals(1, v1.version());
        assertEquals(T0, v1.createdAt());
        assertEquals(new RuleDeployment(1, 0, 0, "admin", T0), store.deployment);
        assertEquals(store.deployment, service.deployment());
        TriageResult r = service.triage(in().build());
        assertEquals("vip", r.queueId());
        assertEquals("1", r.ruleVersion());
        assertEquals("all to vip", r.ruleName());
        AuditRecord a = audit.audits.get(0);
        assertEquals(List.of("admin", "ruleset", "1", "deploy", "first"),
                List.of(a.actor(), a.kind(), a.entityId(), a.action(), a.detail()));
        service.deploy(allTo("cards"), "admin", "second");
        assertEquals("2", service.triage(in().build()).ruleVersion());
        assertEquals(List.of(2, 1), service.versions().stream().map(RuleSetVersion::version).toList());
    }

    @Test
    void invalidDeployThrowsWithProblemsAndChangesNothing() {
        service.deploy(allTo("vip"), "admin", null);
        RuleSetException e = assertThrows(RuleSetException.class,
                () -> service.deploy(allTo("nowhere"), "admin", null));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("unknown queue 'nowhere'"), e.getMessage());
        assertEquals(1, store.versions.size());
        assertEquals("vip", service.triage(in().build()).queueId());
    }

    @Test
    void rollbackReactivatesAnOldVersionWithoutANewOne() {
        service.deploy(allTo("vip"), "admin", null);
        service.deploy(allTo("cards"), "admin", null);
        RuleDeployment d = service.rollback(1, "boss");
        assertEquals(new RuleDeployment(1, 0, 0, "boss", T0), d);
        assertEquals(2, store.versions.size(), "rollback keeps the versions as they are");
        TriageResult r = service.triage(in().build());
        assertEquals("vip", r.queueId());
        assertEquals("1", r.ruleVersion());
        assertEquals("rollback", audit.audits.get(audit.audits.size() - 1).action());
        assertThrows(IllegalArgumentException.class, () -> service.rollback(9, "boss"));
        assertEquals(1, service.deployment().activeVersion());
        service.rollback(0, "boss");
        assertEquals(TriageResult.defaults(null), service.triage(in().build()), "version 0: rules off");
    }

    @Test
    void canaryGetsItsShareStablyAndEndsOrPromotes() {
        service.deploy(allTo("general"), "admin", null);
        RuleSetVersion canary = service.startCanary(allTo("vip"), 10, "admin", "try vip");
        assertEquals(2, canary.version());
        assertEquals(new RuleDeployment(1, 2, 10, "admin", T0), service.deployment());
        assertEquals(service.deployment(), store.deployment);
        for (List<String> ids : List.of(sequentialIds(), uuids())) {
            int vip = 0;
            for (String id : ids) {
                TriageResult r = service.triage(in().id(id).build());
                assertEquals(r.queueId(), r.tags().get("set"));
                assertEquals(r.queueId().equals("vip") ? "2" : "1", r.ruleVersion());
                vip += r.queueId().equals("vip") ? 1 : 0;
            }
            assertTrue(vip >= 800 && vip <= 1200, "10 % of 10,000 within 2 points: " + vip);
        }
        for (int i = 0; i < 50; i++) {
            String id = "conv-" + i;
            assertEquals(service.triage(in().id(id).build()).ruleVersion(),
                    service.triage(in().id(id).build()).ruleVersion(), "a conversation keeps its bucket");
        }
        RuleDeployment ended = service.endCanary(false, "admin");
        assertEquals(new RuleDeployment(1, 0, 0, "admin", T0), ended);
        assertTrue(sequentialIds().stream().allMatch(id -> service.triage(in().id(id).build()).queueId()
                .equals("general")));

        service.startCanary(allTo("cards"), 50, "admin", null);
        RuleDeployment promoted = service.endCanary(true, "admin");
        assertEquals(3, promoted.activeVersion());
        assertEquals(0, promoted.canaryVersion());
        assertTrue(sequentialIds().stream().allMatch(id -> service.triage(in().id(id).build()).ruleVersion()
                .equals("3")));
        assertEquals(promoted, service.endCanary(true, "admin"), "no canary: nothing changes");
        assertThrows(IllegalArgumentException.class, () -> service.startCanary(allTo("vip"), 0, "admin", null));
        assertThrows(IllegalArgumentException.class, () -> service.startCanary(allTo("vip"), 101, "admin", null));
        List<String> actions = audit.audits.stream().map(AuditRecord::action).toList();
        assertEquals(List.of("deploy", "canary-start", "canary-end", "canary-start", "canary-promote"), actions);
    }

    @Test
    void bucketsAreStableNumbers() {
        // String.hashCode is specified by the JLS, so these never change between JVMs or restarts
        assertEquals(RuleSetServiceImpl.bucket("conv-1"), RuleSetServiceImpl.bucket(new String("conv-1")));
        int[] counts = new int[100];
        sequentialIds().forEach(id -> counts[RuleSetServiceImpl.bucket(id)]++);
        for (int c : counts) {
            assertTrue(c > 50 && c < 150, "even spread: " + c);
        }
    }

    @Test
    void activationLoadsTheLiveDeploymentAndSurvivesABrokenVersion() {
        store.saveVersion(allTo("vip"), "old", null, T0);
        store.saveVersion("{\"rules\": [{\"name\": \"x\", \"when\": \"&&\"}]}", "old", null, T0);
        store.saveDeployment(new RuleDeployment(1, 2, 100, "old", T0));
        RuleSetServiceImpl restarted = Fixtures.service(store);
        assertEquals(new RuleDeployment(1, 2, 100, "old", T0), restarted.deployment());
        TriageResult r = restarted.triage(in().build());
        assertEquals("vip", r.queueId(), "the broken canary is left out, the active version serves everyone");
        assertEquals("1", r.ruleVersion());
        assertThrows(IllegalStateException.class, () -> restarted.endCanary(true, "admin"));

        store.saveDeployment(new RuleDeployment(2, 0, 0, "old", T0));
        RuleSetServiceImpl broken = Fixtures.service(store);
        assertEquals(TriageResult.defaults(null), broken.triage(in().build()), "activation does not fail");
        store.saveDeployment(new RuleDeployment(7, 0, 0, "old", T0));
        assertEquals(TriageResult.defaults(null), Fixtures.service(store).triage(in().build()));
    }

    @Test
    void dryRunComparesWithoutTouchingLiveRouting() {
        service.deploy(allTo("general"), "admin", null);
        String draft = """
                {"defaults": {"queue": "general"},
                 "rules": [
                   {"name": "cards", "when": "intent == 'card.blocked'", "queue": "cards", "priority": 40},
                   {"name": "moody", "when": "intent == 'mood' && sentiment < 0", "queue": "vip"}
                 ]}""";
        List<DryRunCase> cases = new ArrayList<>();
        cases.add(new DryRunCase(in().id("a").intent("card.blocked", 0.9).build(), "general", "1"));
        cases.add(new DryRunCase(in().id("b").intent("card.blocked", 0.9).build(), "cards", "1"));
        cases.add(new DryRunCase(in().id("c").intent("other", 0.9).build(), "general", "1"));
        cases.add(new DryRunCase(in().id("d").intent("mood", 0.9).build(), "vip", "1")); // sentiment null: fails
        cases.add(new DryRunCase(in().id("e").intent("mood", 0.9).sentiment(-0.5).build(), "general", "1"));
        DryRunResult r = service.dryRun(draft, cases);
        assertEquals(2, r.changed(), "a -> cards, e -> vip");
        assertEquals(1, r.failed());
        assertEquals(List.of("a", "b", "c", "d", "e"), r.rows().stream().map(DryRunResult.Row::conversationId).toList());
        DryRunResult.Row a = r.rows().get(0);
        assertEquals("general", a.actualQueue());
        assertEquals("cards", a.draftQueue());
        assertEquals(40, a.draftPriority());
        assertEquals("cards", a.draftRule());
        assertTrue(a.changed());
        DryRunResult.Row d = r.rows().get(3);
        assertTrue(d.error().contains("rule 'moody'"), d.error());
        assertEquals("general", d.draftQueue());
        assertEquals(1, store.versions.size(), "a dry run stores nothing");
        assertEquals("general", service.triage(in().intent("card.blocked", 1).build()).queueId());
        assertThrows(RuleSetException.class, () -> service.dryRun(allTo("nowhere"), cases));
        List<DryRunCase> tooMany = java.util.Collections.nCopies(1001, cases.get(0));
        assertThrows(IllegalArgumentException.class, () -> service.dryRun(draft, tooMany));
    }

    @Test
    void triageNeverThrows() {
        assertEquals(TriageResult.defaults(null), service.triage(null), "no rules: input not even read");
        service.deploy(allTo("vip"), "admin", null);
        TriageResult r = service.triage(null);
        assertTrue(r.failed());
        assertNull(r.queueId());
    }

    @Test
    void concurrentDeploysNeverMixVersions() throws Exception {
        service.deploy(allTo("general"), "admin", null);
        List<String> queues = List.of("general", "vip", "cards", "payments");
        Map<String, String> queueOfVersion = new ConcurrentHashMap<>(Map.of("1", "general"));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> deployer = pool.submit(() -> {
                start.await();
                int n = 0;
                while (!done.get() && n < 2000) {
                    String q = queues.get(n % queues.size());
                    // record the mapping before the version goes live
                    int next = store.versions.size() + 1;
                    queueOfVersion.put(String.valueOf(next), q);
                    RuleSetVersion v = n % 5 == 4
                            ? service.startCanary(allTo(q), 30, "admin", null) : service.deploy(allTo(q), "admin", null);
                    assertEquals(next, v.version());
                    n++;
                }
                return n;
            });
            List<Future<List<TriageResult>>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<TriageResult> out = new ArrayList<>(10_000);
                    for (int i = 0; i < 10_000; i++) {
                        out.add(service.triage(in().id("t" + thread + "-" + i).build()));
                    }
                    return out;
                }));
            }
            start.countDown();
            List<TriageResult> all = new ArrayList<>();
            for (Future<List<TriageResult>> w : workers) {
                all.addAll(w.get(60, TimeUnit.SECONDS));
            }
            done.set(true);
            int deploys = deployer.get(60, TimeUnit.SECONDS);
            assertTrue(deploys > 0);
            assertEquals(40_000, all.size());
            assertTrue(all.stream().map(TriageResult::ruleVersion).distinct().count() > 1,
                    "deploys happened while triage ran");
            for (TriageResult r : all) {
                assertNull(r.error());
                assertEquals(queueOfVersion.get(r.ruleVersion()), r.queueId(), () -> "one version decided: " + r);
                assertEquals(r.queueId(), r.tags().get("set"));
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }

    private static List<String> sequentialIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add("conv-" + i);
        }
        return ids;
    }

    private static List<String> uuids() {
        java.util.Random random = new java.util.Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        return ids;
    }

    @Test
    void versionsAreNewestFirst() {
        service.deploy(allTo("vip"), "a", "one");
        service.startCanary(allTo("cards"), 5, "b", "two");
        assertEquals(List.of("two", "one"), service.versions().stream().map(RuleSetVersion::comment).toList());
        assertFalse(service.versions().isEmpty());
    }
}
