package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flows in the ConfigStore: kind {@value Flow#KIND}, id = the flow's intent, the JSON document as it was saved
 * (pretty printed). Documents are checked on save; a stored document that does not parse (edited by hand) is logged
 * and treated as absent, so the bot falls back to the knowledge base or a handoff.
 */
final class FlowRepository {
    private static final Logger LOG = LoggerFactory.getLogger(FlowRepository.class);
    private final ConfigStore store;

    FlowRepository(ConfigStore store) {
        this.store = store;
    }

    Optional<Flow> find(String intent) {
        if (intent == null || intent.isBlank()) {
            return Optional.empty();
        }
        Optional<ConfigEntry> entry = store.get(Flow.KIND, intent);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            Flow flow = Flow.parse(entry.get().json());
            if (!flow.intent().equals(intent)) {
                LOG.warn("flow stored as {} is for intent {}; ignored", intent, flow.intent());
                return Optional.empty();
            }
            return Optional.of(flow);
        } catch (Flow.InvalidFlowException e) {
            LOG.warn("stored flow {} is invalid and ignored: {}", intent, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Checks and saves a flow under its intent.
     *
     * @throws Flow.InvalidFlowException listing every problem
     */
    Flow save(String json, String actor, String comment) {
        Flow flow = Flow.parse(json);
        store.put(Flow.KIND, flow.intent(), Flow.pretty(json), actor, comment);
        return flow;
    }

    boolean delete(String intent, String actor) {
        return store.delete(Flow.KIND, intent, actor, null);
    }

    /** The valid flows; invalid documents are reported in {@code problems}. */
    List<Flow> all(List<String> problems) {
        List<Flow> out = new ArrayList<>();
        for (ConfigEntry e : store.list(Flow.KIND)) {
            try {
                out.add(Flow.parse(e.json()));
            } catch (Flow.InvalidFlowException ex) {
                problems.add(e.id() + ": " + ex.getMessage());
            }
        }
        return out;
    }
}
