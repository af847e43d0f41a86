package io.pishkhan.console.internal.ui;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleProblem;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.logic.Dates;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory routing services that behave like the real ones where the views depend on it. */
final class Fakes {
    private Fakes() {
    }

    static final class Audit {
        final List<AuditRecord> records = new ArrayList<>();

        void add(String actor, String kind, String id, String action, String detail) {
            records.add(0, new AuditRecord(records.size() + 1, Instant.now(), actor, kind, id, action, detail));
        }

        List<AuditRecord> newest(int limit) {
            return records.subList(0, Math.min(limit, records.size()));
        }
    }

    static final class Directory implements AgentDirectory, DirectoryAdmin {
        final Map<String, Queue> queues = new TreeMap<>();
        final Map<String, Skill> skills = new TreeMap<>();
        final Map<String, Agent> agents = new TreeMap<>();
        final Audit audit = new Audit();

        Directory() {
            queues.put("general", new Queue("general", "General", 10));
            skills.put("cards", new Skill("cards", "Cards"));
            agents.put("alice", new Agent("alice", "Alice", Map.of("cards", 5), java.util.Set.of(), 2,
                    Presence.AVAILABLE));
        }

        @Override
        public List<Agent> agents() {
            return List.copyOf(agents.values());
        }

        @Override
        public Optional<Agent> agent(String id) {
            return Optional.ofNullable(agents.get(id));
        }

        @Override
        public List<Queue> queues() {
            return List.copyOf(queues.values());
        }

        @Override
        public Optional<Queue> queue(String id) {
            return Optional.ofNullable(queues.get(id));
        }

        @Override
        public List<Skill> skills() {
            return List.copyOf(skills.values());
        }

        @Override
        public Agent setPresence(String agentId, Presence presence) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Agent setCapacity(String agentId, int capacity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Queue saveQueue(Queue q, String actor) {
            if (q.fallbackQueue() != null && !queues.containsKey(q.fallbackQueue())) {
                throw new IllegalArgumentException("unknown fallback queue " + q.fallbackQueue());
            }
            queues.put(q.id(), q);
            audit.add(actor, "queue", q.id(), "update", q.toString());
            return q;
        }

        @Override
        public boolean deleteQueue(String id, String actor) {
            audit.add(actor, "queue", id, "delete", "");
            return queues.remove(id) != null;
        }

        @Override
        public Skill saveSkill(Skill s, String actor) {
            skills.put(s.id(), s);
            audit.add(actor, "skill", s.id(), "update", s.toString());
            return s;
        }

        @Override
        public boolean deleteSkill(String id, String actor) {
            return skills.remove(id) != null;
        }

        @Override
        public Agent saveAgent(Agent a, String actor) {
            for (String s : a.skills().keySet()) {
                if (!skills.containsKey(s)) {
                    throw new IllegalArgumentException("unknown skill " + s);
                }
            }
            agents.put(a.id(), a);
            audit.add(actor, "agent", a.id(), "update", a.toString());
            return a;
        }

        @Override
        public List<AuditRecord> auditLog(int limit) {
            return audit.newest(limit);
        }
    }

    static final class Rules implements RuleSetService {
        final List<RuleSetVersion> versions = new ArrayList<>();
        RuleDeployment deployment = RuleDeployment.NONE;
        List<DryRunCase> lastCases = List.of();

        @Override
        public List<RuleProblem> validate(String source) {
            List<RuleProblem> out = new ArrayList<>();
            String[] lines = source.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("nope")) {
                    out.add(new RuleProblem(i + 1, 0, "unknown queue nope"));
                }
            }
            return out;
        }

        @Override
        public DryRunResult dryRun(String source, List<DryRunCase> cases) {
            lastCases = cases;
            List<DryRunResult.Row> rows = new ArrayList<>();
            int changed = 0;
            int failed = 0;
            for (DryRunCase c : cases) {
                String text = c.input().text();
                String error = text.contains("boom") ? "division by zero" : null;
                String draft = error != null ? null : text.contains("vip") ? "vip" : "general";
                DryRunResult.Row r = new DryRunResult.Row(c.input().conversation().id(), c.actualQueue(), draft, 0,
                        "r1", error);
                changed += r.changed() ? 1 : 0;
                failed += error != null ? 1 : 0;
                rows.add(r);
            }
            return new DryRunResult(rows, changed, failed);
        }

        private RuleSetVersion save(String source, String author, String comment) {
            List<RuleProblem> p = validate(source);
            if (!p.isEmpty()) {
                throw new RuleSetException(p);
            }
            RuleSetVersion v = new RuleSetVersion(versions.size() + 1, source, author, Instant.now(), comment);
            versions.add(0, v);
            return v;
        }

        @Override
        public RuleSetVersion deploy(String source, String author, String comment) {
            RuleSetVersion v = save(source, author, comment);
            deployment = new RuleDeployment(v.version(), 0, 0, author, Instant.now());
            return v;
        }

        @Override
        public RuleSetVersion startCanary(String source, int percent, String author, String comment) {
            RuleSetVersion v = save(source, author, comment);
            deployment = new RuleDeployment(deployment.activeVersion(), v.version(), percent, author, Instant.now());
            return v;
        }

        @Override
        public RuleDeployment endCanary(boolean promote, String author) {
            deployment = new RuleDeployment(promote ? deployment.canaryVersion() : deployment.activeVersion(), 0, 0,
                    author, Instant.now());
            return deployment;
        }

        @Override
        public RuleDeployment rollback(int version, String author) {
            deployment = new RuleDeployment(version, 0, 0, author, Instant.now());
            return deployment;
        }

        @Override
        public List<RuleSetVersion> versions() {
            return List.copyOf(versions);
        }

        @Override
        public RuleDeployment deployment() {
            return deployment;
        }
    }

    static final class Blacklist implements BlacklistService {
        final List<BlacklistEntry> entries = new ArrayList<>();
        final Audit audit = new Audit();
        final List<String> comments = new ArrayList<>();

        @Override
        public Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes) {
            return Optional.empty();
        }

        @Override
        public List<BlacklistEntry> entries() {
            return List.copyOf(entries);
        }

        @Override
        public List<String> validate(BlacklistEntry e) {
            return e.pattern().equals("*") ? List.of("a pattern of only * would block everyone") : List.of();
        }

        @Override
        public BlacklistEntry add(BlacklistEntry e, String actor, String comment) {
            List<String> p = validate(e);
            if (!p.isEmpty()) {
                throw new PolicyValidationException(p);
            }
            BlacklistEntry stored = new BlacklistEntry("b" + (entries.size() + 1), e.kind(), e.pattern(), e.action(),
                    e.message(), e.queueId(), actor, Instant.now(), comment);
            entries.add(stored);
            audit.add(actor, "blacklist", stored.id(), "create", stored.pattern());
            return stored;
        }

        @Override
        public boolean remove(String id, String actor, String comment) {
            comments.add(comment);
            audit.add(actor, "blacklist", id, "delete", comment);
            return entries.removeIf(e -> e.id().equals(id));
        }

        @Override
        public List<AuditRecord> audit(int limit) {
            return audit.newest(limit);
        }
    }

    static final class Hours implements BusinessHoursService {
        final Map<String, BusinessHours> schedules = new TreeMap<>();
        final Audit audit = new Audit();

        @Override
        public boolean isOpen(String scheduleId, Instant at) {
            return true;
        }

        @Override
        public Optional<Instant> nextOpening(String scheduleId, Instant at) {
            return Optional.empty();
        }

        @Override
        public String closedMessage(String scheduleId, String language) {
            return "";
        }

        @Override
        public List<BusinessHours> schedules() {
            return List.copyOf(schedules.values());
        }

        @Override
        public Optional<BusinessHours> schedule(String id) {
            return Optional.ofNullable(schedules.get(id));
        }

        @Override
        public List<String> validate(BusinessHours s) {
            List<String> out = new ArrayList<>();
            s.weekly().forEach((d, iv) -> iv.forEach(i -> {
                if (!i.matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d") || i.substring(0, 5).compareTo(i.substring(6)) >= 0) {
                    out.add(d + ": " + i + " is not an interval");
                }
            }));
            s.holidays().forEach(h -> {
                if (h.date().matches("1[0-6]\\d\\d-.*")) {
                    try {
                        parseJalali(h.date());
                    } catch (IllegalArgumentException e) {
                        out.add("holiday " + h.date() + ": " + e.getMessage());
                    }
                }
            });
            return out;
        }

        @Override
        public BusinessHours save(BusinessHours s, String actor, String comment) {
            List<String> p = validate(s);
            if (!p.isEmpty()) {
                throw new PolicyValidationException(p);
            }
            schedules.put(s.id(), s);
            audit.add(actor, "hours", s.id(), "update", comment);
            return s;
        }

        @Override
        public boolean delete(String id, String actor, String comment) {
            return schedules.remove(id) != null;
        }

        @Override
        public List<AuditRecord> audit(int limit) {
            return audit.newest(limit);
        }

        @Override
        public String formatJalali(LocalDate date, boolean persianDigits) {
            int[] j = Dates.toJalali(date);
            String s = String.format("%04d/%02d/%02d", j[0], j[1], j[2]);
            return persianDigits ? Dates.persianDigits(s) : s;
        }

        @Override
        public String formatJalali(Instant at, ZoneId zone, boolean persianDigits) {
            return formatJalali(at.atZone(zone == null ? ZoneId.of("Asia/Tehran") : zone).toLocalDate(),
                    persianDigits);
        }

        /** By search over 1990-2060: enough for tests. */
        @Override
        public LocalDate parseJalali(String text) {
            String[] p = io.pishkhan.console.internal.logic.RoutingText.latinDigits(text).split("[-/]");
            int[] want = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
            if (want[1] < 1 || want[1] > 12) {
                throw new IllegalArgumentException("month must be 1-12");
            }
            for (LocalDate d = LocalDate.of(1990, 1, 1); d.getYear() < 2060; d = d.plusDays(1)) {
                if (java.util.Arrays.equals(Dates.toJalali(d), want)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("no such day");
        }

        @Override
        public List<String> jalaliMonthNames(String language) {
            return List.of();
        }
    }

    /** ConversationService: only routingHistory answers (the given cases); everything else fails. */
    static final class Conversations {
        List<DryRunCase> history = List.of();
        Instant askedSince;
        int askedLimit;

        ConversationService proxy() {
            return (ConversationService) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] {ConversationService.class}, (p, m, a) -> {
                        if (m.getName().equals("routingHistory")) {
                            askedSince = (Instant) a[0];
                            askedLimit = (Integer) a[1];
                            return history;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
