package io.pishkhan.routing.rules.internal;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.api.store.RuleSetStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory fakes of the store SPIs and the agent directory, and builders of triage inputs. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-03-01T06:30:00Z"); // 10:00 in Tehran, a Saturday
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

    private Fixtures() {
    }

    static final class MemoryRuleSetStore implements RuleSetStore {
        final List<RuleSetVersion> versions = new ArrayList<>();
        RuleDeployment deployment = RuleDeployment.NONE;
        int deploymentWrites;

        @Override
        public synchronized RuleSetVersion saveVersion(String source, String author, String comment, Instant at) {
            RuleSetVersion v = new RuleSetVersion(versions.size() + 1, source, author, at, comment);
            versions.add(v);
            return v;
        }

        @Override
        public synchronized List<RuleSetVersion> versions() {
            List<RuleSetVersion> out = new ArrayList<>(versions);
            Collections.reverse(out);
            return out;
        }

        @Override
        public synchronized Optional<RuleSetVersion> version(int version) {
            return versions.stream().filter(v -> v.version() == version).findFirst();
        }

        @Override
        public synchronized void saveDeployment(RuleDeployment d) {
            deployment = d;
            deploymentWrites++;
        }

        @Override
        public synchronized RuleDeployment deployment() {
            return deployment;
        }
    }

    static final class RecordingConfigStore implements ConfigStore {
        final List<AuditRecord> audits = Collections.synchronizedList(new ArrayList<>());

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
            throw new UnsupportedOperationException();
        }

        @Override
        public void audit(String actor, String kind, String entityId, String action, String detail) {
            audits.add(new AuditRecord(audits.size() + 1, T0, actor, kind, entityId, action, detail));
        }

        @Override
        public List<AuditRecord> auditLog(String kind, int limit) {
            return List.copyOf(audits);
        }
    }

    /** Queues as given; skills as given (not derived from agents). */
    static final class Directory implements AgentDirectory {
        final List<Queue> queues;
        final List<Skill> skills;

        Directory(Set<String> queueIds, Set<String> skillIds) {
            this.queues = queueIds.stream().sorted().map(id -> new Queue(id, null, 0)).toList();
            this.skills = skillIds.stream().sorted().map(id -> new Skill(id, null)).toList();
        }

        @Override
        public List<Agent> agents() {
            return List.of();
        }

        @Override
        public Optional<Agent> agent(String agentId) {
            return Optional.empty();
        }

        @Override
        public List<Queue> queues() {
            return queues;
        }

        @Override
        public Optional<Queue> queue(String queueId) {
            return queues.stream().filter(q -> q.id().equals(queueId)).findFirst();
        }

        @Override
        public List<Skill> skills() {
            return skills;
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

    static Directory standardDirectory() {
        return new Directory(Set.of("general", "vip", "cards", "payments"),
                Set.of("cards", "payments", "lang-fa", "lang-en"));
    }

    static RuleSetServiceImpl service(MemoryRuleSetStore store) {
        return new RuleSetServiceImpl(store, standardDirectory(), new RecordingConfigStore(),
                Clock.fixed(T0, ZoneOffset.UTC), TEHRAN, 50_000);
    }

    /** A triage input builder with harmless defaults. */
    static final class In {
        String id = "c-1";
        String channel = "webchat";
        String text = "";
        String intent;
        double confidence;
        Double sentiment;
        Map<String, String> attributes = new HashMap<>();
        Map<String, String> context = new HashMap<>();
        String name = "Sara";
        Instant now = T0;

        In id(String v) {
            id = v;
            return this;
        }

        In text(String v) {
            text = v;
            return this;
        }

        In intent(String v, double c) {
            intent = v;
            confidence = c;
            return this;
        }

        In sentiment(Double v) {
            sentiment = v;
            return this;
        }

        In attr(String k, String v) {
            attributes.put(k, v);
            return this;
        }

        In ctx(String k, String v) {
            context.put(k, v);
            return this;
        }

        In channel(String v) {
            channel = v;
            return this;
        }

        In at(Instant v) {
            now = v;
            return this;
        }

        TriageInput build() {
            Conversation c = new Conversation(id, "cust-" + id, channel, "addr", ConversationState.BOT, null, null,
                    intent, context, T0, T0);
            Customer cu = new Customer("cust-" + id, name, List.of(), attributes, T0);
            return new TriageInput(c, cu, text, intent, confidence, sentiment, now);
        }
    }

    static In in() {
        return new In();
    }
}
