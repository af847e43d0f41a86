package io.pishkhan.benchmarks.routing;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.routing.TriageResult;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.api.store.RuleSetStore;
import io.pishkhan.routing.rules.internal.RuleSetServiceImpl;
import io.pishkhan.routing.rules.internal.RulesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation cost per conversation: the shipped sample rule set (9 rules, Persian and English keywords,
 * sentiment, tier, intents) deployed in the real {@link RuleSetServiceImpl}, one {@code triage()} per operation over
 * 1,024 varied inputs (Persian and English texts of 20-400 characters, intents, tiers, sentiments).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
    private RuleSetServiceImpl rules;
    private final List<TriageInput> inputs = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws IOException {
        String sample;
        try (InputStream in = RuleSetServiceImpl.class.getResourceAsStream("/sample-ruleset.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        rules = new RuleSetServiceImpl(new MemoryRuleSetStore(), new Directory(), new NoAudit(), new RulesConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RulesConfig.class;
            }

            @Override
            public String timeZone() {
                return "Asia/Tehran";
            }

            @Override
            public int maxDryRunCases() {
                return 50_000;
            }
        });
        rules.deploy(sample, "bench", "sample");
        String[] texts = {"my card is blocked and I cannot pay", "کارتم مسدود شده و نمی‌توانم خرید کنم",
            "payment failed but the money was taken", "پرداخت ناموفق بود ولی پول کسر شد",
            "I want to track my request status please", "لطفا وضعیت درخواست من را پیگیری کنید",
            "someone stole my card, this is fraud", "hello, I have a question about my loan contract and its clauses"};
        String[] intents = {null, "card.blocked", "payment.failed", "request.status", "loan.info"};
        String[] tiers = {"standard", "vip", "gold"};
        SplittableRandom rnd = new SplittableRandom(42);
        Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
        for (int i = 0; i < 1024; i++) {
            String text = texts[rnd.nextInt(texts.length)];
            if (rnd.nextInt(4) == 0) {
                text = (text + " ").repeat(1 + rnd.nextInt(8)); // up to about 400 characters
            }
            Conversation c = new Conversation("c-" + i, "cust-" + i, rnd.nextBoolean() ? "webchat" : "email",
                    "a" + i, ConversationState.BOT, null, null, null, Map.of("handoff.language", "fa"), t0, t0);
            Customer customer = new Customer("cust-" + i, "Customer " + i, List.of(),
                    Map.of("tier", tiers[rnd.nextInt(tiers.length)], "language", rnd.nextBoolean() ? "fa" : "en"), t0);
            Double sentiment = rnd.nextInt(3) == 0 ? null : rnd.nextDouble() * 2 - 1;
            inputs.add(new TriageInput(c, customer, text, intents[rnd.nextInt(intents.length)], rnd.nextDouble(),
                    sentiment, t0.plusSeconds(rnd.nextInt(86_400))));
        }
    }

    @Benchmark
    public TriageResult triage() {
        TriageInput in = inputs.get(next++ & 1023);
        return rules.triage(in);
    }

    static final class MemoryRuleSetStore implements RuleSetStore {
        private final List<RuleSetVersion> versions = new ArrayList<>();
        private RuleDeployment deployment = RuleDeployment.NONE;

        @Override
        public synchronized RuleSetVersion saveVersion(String source, String author, String comment, Instant at) {
            RuleSetVersion v = new RuleSetVersion(versions.size() + 1, source, author, at == null ? Instant.now() : at, comment);
            versions.add(0, v);
            return v;
        }

        @Override
        public synchronized List<RuleSetVersion> versions() {
            return List.copyOf(versions);
        }

        @Override
        public synchronized Optional<RuleSetVersion> version(int version) {
            return versions.stream().filter(v -> v.version() == version).findFirst();
        }

        @Override
        public synchronized void saveDeployment(RuleDeployment d) {
            deployment = d;
        }

        @Override
        public synchronized RuleDeployment deployment() {
            return deployment;
        }
    }

    static final class Directory implements AgentDirectory {
        private final List<Agent> agents = List.of(
                new Agent("alice", "Alice", Map.of("cards", 8, "payments", 6, "lang-en", 9), Set.of(), 3, Presence.AVAILABLE),
                new Agent("bob", "Bob", Map.of("cards", 5, "lang-fa", 9, "payments", 3), Set.of(), 3, Presence.AVAILABLE));

        @Override
        public List<Agent> agents() {
            return agents;
        }

        @Override
        public Optional<Agent> agent(String agentId) {
            return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
        }

        @Override
        public List<Queue> queues() {
            return List.of(new Queue("general", "General", 0), new Queue("vip", "VIP", 10),
                    new Queue("cards", "Cards", 30), new Queue("payments", "Payments", 30));
        }

        @Override
        public Optional<Queue> queue(String queueId) {
            return queues().stream().filter(q -> q.id().equals(queueId)).findFirst();
        }

        @Override
        public Agent setPresence(String agentId, Presence presence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Agent setCapacity(String agentId, int capacity) {
            throw new UnsupportedOperationException();
        }
    }

    static final class NoAudit implements ConfigStore {
        @Override
        public List<ConfigEntry> list(String kind) {
            return List.of();
        }

        @Override
        public Optional<ConfigEntry> get(String kind, String id) {
            return Optional.empty();
        }

        @Override
        public ConfigEntry put(String kind, String id, String json, String actor, String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String kind, String id, String actor, String comment) {
            return false;
        }

        @Override
        public void audit(String actor, String kind, String entityId, String action, String detail) {
        }

        @Override
        public List<AuditRecord> auditLog(String kind, int limit) {
            return List.of();
        }
    }
}
