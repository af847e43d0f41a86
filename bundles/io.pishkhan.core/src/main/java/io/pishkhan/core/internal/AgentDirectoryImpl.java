package io.pishkhan.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.util.Objects;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents and queues from configuration PID {@code io.pishkhan.core.agents} (keys {@code agent.<id>.name},
 * {@code .capacity}, {@code .queues}, {@code .skills}, {@code .presence}; {@code queue.<id>.name},
 * {@code .priority}), overridden by the entries admins keep in the database ({@link ConfigStore} kinds
 * {@value #QUEUE}, {@value #SKILL}, {@value #AGENT}, JSON documents). Presence changes made at runtime are kept
 * across configuration edits.
 */
@Component(service = {AgentDirectory.class, DirectoryAdmin.class, AgentDirectoryImpl.class,
        io.pishkhan.api.store.ConfigChangeListener.class},
        property = {"pishkhan.config.kinds=queue", "pishkhan.config.kinds=skill", "pishkhan.config.kinds=agent"},
        configurationPid = AgentDirectoryImpl.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class AgentDirectoryImpl implements AgentDirectory, DirectoryAdmin, io.pishkhan.api.store.ConfigChangeListener {
    static final String PID = "io.pishkhan.core.agents";
    private static final Logger LOG = LoggerFactory.getLogger(AgentDirectoryImpl.class);
    private static final Pattern KEY = Pattern.compile("(agent|queue)\\.([A-Za-z0-9_-]+)\\.([A-Za-z]+)");

    static final String QUEUE = "queue";
    static final String SKILL = "skill";
    static final String AGENT = "agent";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From the configuration file. */
    private volatile Map<String, Agent> fileAgents = Map.of();
    private volatile Map<String, Queue> fileQueues = Map.of();
    /** Merged: database entries over file entries. */
    private volatile Map<String, Agent> agents = Map.of();
    private volatile Map<String, Queue> queues = Map.of();
    private volatile Map<String, Skill> skills = Map.of();
    private volatile ConfigStore configStore;
    private final Map<String, Presence> presenceOverrides = new ConcurrentHashMap<>();
    private final Map<String, Integer> capacityOverrides = new ConcurrentHashMap<>();
    static final int MAX_CAPACITY = 50;

    @Activate
    @Modified
    public void configure(Map<String, Object> properties) {
        Map<String, Map<String, String>> agentProps = new LinkedHashMap<>();
        Map<String, Map<String, String>> queueProps = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(properties).entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            Map<String, Map<String, String>> target = m.group(1).equals("agent") ? agentProps : queueProps;
            target.computeIfAbsent(m.group(2), k -> new HashMap<>()).put(m.group(3), String.valueOf(e.getValue()).strip());
        }
        Map<String, Queue> newQueues = new LinkedHashMap<>();
        queueProps.forEach((id, p) -> {
            try {
                newQueues.put(id, new Queue(id, p.get("name"), parseInt(p.get("priority"), 0, "queue." + id),
                        p.get("strategy"), parseInt(p.get("slaPercent"), 80, "queue." + id),
                        parseInt(p.get("slaSeconds"), 20, "queue." + id), p.get("fallbackQueue"), p.get("businessHours")));
            } catch (IllegalArgumentException ex) {
                LOG.error("queue {} ignored: {}", id, ex.getMessage());
            }
        });
        Map<String, Agent> newAgents = new LinkedHashMap<>();
        agentProps.forEach((id, p) -> {
            try {
                newAgents.put(id, new Agent(id, p.get("name"), parseSkills(p.get("skills")), parseList(p.get("queues")),
                        parseInt(p.get("capacity"), 1, "agent." + id), parsePresence(p.get("presence")),
                        parseCounts(p.get("channelCapacity"))));
            } catch (IllegalArgumentException ex) {
                LOG.error("agent {} ignored: {}", id, ex.getMessage());
            }
        });
        this.fileQueues = Map.copyOf(newQueues);
        this.fileAgents = Map.copyOf(newAgents);
        reload();
    }

    /** The database entries; without it (unit tests) only the configuration file counts. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigStore(ConfigStore store) {
        this.configStore = store;
        reload();
    }

    void unbindConfigStore(ConfigStore store) {
        if (this.configStore == store) {
            this.configStore = null;
            reload();
        }
    }

    /** A queue, skill or agent changed in the store (e.g. by a configuration import): read them again. */
    @Override
    public void configChanged(String kind, String id) {
        reload();
    }

    /** Merges file and database entries (a database entry replaces the file's one with the same id). */
    synchronized void reload() {
        Map<String, Queue> q = new LinkedHashMap<>(fileQueues);
        Map<String, Agent> a = new LinkedHashMap<>(fileAgents);
        Map<String, Skill> sk = new java.util.TreeMap<>();
        fileAgents.values().forEach(ag -> ag.skills().keySet().forEach(id -> sk.put(id, new Skill(id, id))));
        ConfigStore cs = configStore;
        if (cs != null) {
            try {
                for (ConfigEntry e : cs.list(QUEUE)) {
                    q.put(e.id(), readQueue(e.id(), e.json()));
                }
                for (ConfigEntry e : cs.list(SKILL)) {
                    sk.put(e.id(), readSkill(e.id(), e.json()));
                }
                for (ConfigEntry e : cs.list(AGENT)) {
                    a.put(e.id(), readAgent(e.id(), e.json()));
                }
            } catch (RuntimeException ex) {
                LOG.error("could not read queues, skills and agents from the database; using the configuration file", ex);
            }
        }
        a.values().forEach(ag -> ag.skills().keySet().forEach(id -> sk.putIfAbsent(id, new Skill(id, id))));
        this.queues = Map.copyOf(q);
        this.agents = Map.copyOf(a);
        this.skills = Map.copyOf(sk);
        LOG.info("agent directory: {} agents, {} queues, {} skills", a.size(), q.size(), sk.size());
    }

    @Override
    public List<Skill> skills() {
        return skills.values().stream().sorted(Comparator.comparing(Skill::id)).toList();
    }

    // ---------------------------------------------------------------- admin

    @Override
    public Queue saveQueue(Queue queue, String actor) {
        Objects.requireNonNull(queue, "queue");
        requireId(queue.id(), "queue");
        if (queue.priority() < 0 || queue.priority() > 100) {
            throw new IllegalArgumentException("queue priority must be 0-100");
        }
        if (queue.fallbackQueue() != null && !queue.fallbackQueue().equals(queue.id())
                && !queues.containsKey(queue.fallbackQueue())) {
            throw new IllegalArgumentException("fallback queue " + queue.fallbackQueue() + " does not exist");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", queue.name());
        m.put("priority", queue.priority());
        m.put("strategy", queue.strategy());
        m.put("slaPercent", queue.slaPercent());
        m.put("slaSeconds", queue.slaSeconds());
        m.put("fallbackQueue", queue.fallbackQueue());
        m.put("businessHours", queue.businessHours());
        requireStore().put(QUEUE, queue.id(), write(m), actor, null);
        reload();
        return queues.get(queue.id());
    }

    @Override
    public boolean deleteQueue(String queueId, String actor) {
        boolean gone = requireStore().delete(QUEUE, queueId, actor, null);
        reload();
        return gone;
    }

    @Override
    public Skill saveSkill(Skill skill, String actor) {
        Objects.requireNonNull(skill, "skill");
        requireId(skill.id(), "skill");
        requireStore().put(SKILL, skill.id(), write(Map.of("name", skill.name())), actor, null);
        reload();
        return skills.get(skill.id());
    }

    @Override
    public boolean deleteSkill(String skillId, String actor) {
        for (Agent a : agents.values()) {
            if (a.skills().containsKey(skillId)) {
                throw new IllegalArgumentException("skill " + skillId + " is still held by agent " + a.id());
            }
        }
        boolean gone = requireStore().delete(SKILL, skillId, actor, null);
        reload();
        return gone;
    }

    @Override
    public Agent saveAgent(Agent agent, String actor) {
        Objects.requireNonNull(agent, "agent");
        requireId(agent.id(), "agent");
        if (agent.capacity() > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 0-" + MAX_CAPACITY);
        }
        for (Map.Entry<String, Integer> c : agent.channelCapacity().entrySet()) {
            if (c.getValue() < 0 || c.getValue() > MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity on channel " + c.getKey() + " must be 0-" + MAX_CAPACITY);
            }
        }
        for (String s : agent.skills().keySet()) {
            if (!skills.containsKey(s)) {
                throw new IllegalArgumentException("unknown skill " + s + " (create it first)");
            }
        }
        for (String q : agent.queues()) {
            if (!queues.containsKey(q)) {
                throw new IllegalArgumentException("unknown queue " + q);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", agent.name());
        m.put("skills", new java.util.TreeMap<>(agent.skills()));
        m.put("queues", new TreeSet<>(agent.queues()));
        m.put("capacity", agent.capacity());
        m.put("channelCapacity", new java.util.TreeMap<>(agent.channelCapacity()));
        m.put("presence", agents.containsKey(agent.id()) ? agents.get(agent.id()).presence().name()
                : agent.presence().name());
        requireStore().put(AGENT, agent.id(), write(m), actor, null);
        capacityOverrides.remove(agent.id());
        reload();
        return agent(agent.id()).orElseThrow();
    }

    @Override
    public List<AuditRecord> auditLog(int limit) {
        ConfigStore cs = configStore;
        if (cs == null) {
            return List.of();
        }
        List<AuditRecord> out = new ArrayList<>();
        for (String kind : List.of(QUEUE, SKILL, AGENT)) {
            out.addAll(cs.auditLog(kind, limit));
        }
        out.sort(Comparator.comparingLong(AuditRecord::seq).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    private ConfigStore requireStore() {
        ConfigStore cs = configStore;
        if (cs == null) {
            throw new IllegalStateException("no configuration store: changes cannot be kept");
        }
        return cs;
    }

    private static void requireId(String id, String what) {
        if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(what + " id must be 1-64 letters, digits, '_', '.' or '-'");
        }
    }

    private static String write(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String kind, String id, String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(kind + " " + id + ": malformed JSON: " + e.getMessage());
        }
    }

    static Queue readQueue(String id, String json) {
        JsonNode n = read(QUEUE, id, json);
        return new Queue(id, n.path("name").asText(id), n.path("priority").asInt(0), text(n, "strategy"),
                n.path("slaPercent").asInt(80), n.path("slaSeconds").asInt(20), text(n, "fallbackQueue"),
                text(n, "businessHours"));
    }

    static Skill readSkill(String id, String json) {
        return new Skill(id, read(SKILL, id, json).path("name").asText(id));
    }

    static Agent readAgent(String id, String json) {
        JsonNode n = read(AGENT, id, json);
        Map<String, Integer> sk = new HashMap<>();
        n.path("skills").fields().forEachRemaining(e -> sk.put(e.getKey(), e.getValue().asInt()));
        Set<String> qs = new TreeSet<>();
        n.path("queues").forEach(q -> qs.add(q.asText()));
        Map<String, Integer> cc = new HashMap<>();
        n.path("channelCapacity").fields().forEachRemaining(e -> cc.put(e.getKey(), e.getValue().asInt()));
        return new Agent(id, n.path("name").asText(id), sk, qs, n.path("capacity").asInt(1),
                parsePresence(text(n, "presence")), cc);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        for (Agent a : agents.values()) {
            out.add(withPresence(a));
        }
        out.sort(Comparator.comparing(Agent::id));
        return out;
    }

    @Override
    public Optional<Agent> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(this::withPresence);
    }

    @Override
    public List<Queue> queues() {
        List<Queue> out = new ArrayList<>(queues.values());
        out.sort(Comparator.comparing(Queue::priority).reversed().thenComparing(Queue::id));
        return out;
    }

    @Override
    public Optional<Queue> queue(String queueId) {
        return Optional.ofNullable(queueId).map(queues::get);
    }

    /** Changes an agent's presence until the next change (survives configuration edits, not restarts). */
    @Override
    public Agent setPresence(String agentId, Presence presence) {
        Agent a = agents.get(agentId);
        if (a == null) {
            throw new IllegalArgumentException("unknown agent " + agentId);
        }
        presenceOverrides.put(agentId, presence);
        return withPresence(a);
    }

    /** Changes an agent's capacity until the next change (survives configuration edits, not restarts). */
    @Override
    public Agent setCapacity(String agentId, int capacity) {
        Agent a = agents.get(agentId);
        if (a == null) {
            throw new IllegalArgumentException("unknown agent " + agentId);
        }
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 0-" + MAX_CAPACITY);
        }
        capacityOverrides.put(agentId, capacity);
        return withPresence(a);
    }

    private Agent withPresence(Agent a) {
        Presence p = presenceOverrides.getOrDefault(a.id(), a.presence());
        int capacity = capacityOverrides.getOrDefault(a.id(), a.capacity());
        return p == a.presence() && capacity == a.capacity() ? a
                : new Agent(a.id(), a.name(), a.skills(), a.queues(), capacity, p, a.channelCapacity());
    }

    private static int parseInt(String value, int dflt, String what) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            LOG.error("{}: '{}' is not a number, using {}", what, value, dflt);
            return dflt;
        }
    }

    private static Set<String> parseList(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return new TreeSet<>(out);
    }

    static Map<String, Integer> parseSkills(String value) {
        Map<String, Integer> out = new HashMap<>();
        for (String item : parseList(value)) {
            String[] kv = item.split(":", 2);
            int level = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : 5;
            if (level < 1 || level > 10) {
                throw new IllegalArgumentException("skill level of " + kv[0] + " must be 1-10");
            }
            out.put(kv[0].strip(), level);
        }
        return out;
    }

    /** {@code webchat:3, voice:1}: channel limits 0-50. */
    static Map<String, Integer> parseCounts(String value) {
        Map<String, Integer> out = new HashMap<>();
        for (String item : parseList(value)) {
            String[] kv = item.split(":", 2);
            int n = kv.length == 2 ? Integer.parseInt(kv[1].strip()) : -1;
            if (n < 0 || n > MAX_CAPACITY) {
                throw new IllegalArgumentException("channel capacity of " + kv[0] + " must be 0-" + MAX_CAPACITY);
            }
            out.put(kv[0].strip(), n);
        }
        return out;
    }

    private static Presence parsePresence(String value) {
        return value == null || value.isBlank() ? Presence.AVAILABLE : Presence.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
