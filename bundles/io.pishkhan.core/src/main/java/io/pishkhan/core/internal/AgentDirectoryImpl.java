package io.pishkhan.core.internal;

import io.pishkhan.api.conversation.AgentDirectory;
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
 * {@code .priority}). Presence changes made at runtime are kept across configuration edits.
 */
@Component(service = {AgentDirectory.class, AgentDirectoryImpl.class}, configurationPid = AgentDirectoryImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class AgentDirectoryImpl implements AgentDirectory {
    static final String PID = "io.pishkhan.core.agents";
    private static final Logger LOG = LoggerFactory.getLogger(AgentDirectoryImpl.class);
    private static final Pattern KEY = Pattern.compile("(agent|queue)\\.([A-Za-z0-9_-]+)\\.([A-Za-z]+)");

    private volatile Map<String, Agent> agents = Map.of();
    private volatile Map<String, Queue> queues = Map.of();
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
        queueProps.forEach((id, p) -> newQueues.put(id, new Queue(id, p.get("name"), parseInt(p.get("priority"), 0, "queue." + id))));
        Map<String, Agent> newAgents = new LinkedHashMap<>();
        agentProps.forEach((id, p) -> {
            try {
                newAgents.put(id, new Agent(id, p.get("name"), parseSkills(p.get("skills")), parseList(p.get("queues")),
                        parseInt(p.get("capacity"), 1, "agent." + id), parsePresence(p.get("presence"))));
            } catch (IllegalArgumentException ex) {
                LOG.error("agent {} ignored: {}", id, ex.getMessage());
            }
        });
        this.queues = Map.copyOf(newQueues);
        this.agents = Map.copyOf(newAgents);
        LOG.info("agent directory: {} agents, {} queues", newAgents.size(), newQueues.size());
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
                : new Agent(a.id(), a.name(), a.skills(), a.queues(), capacity, p);
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

    private static Presence parsePresence(String value) {
        return value == null || value.isBlank() ? Presence.AVAILABLE : Presence.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
