package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link FlowService} over the flows the assistant engine runs (ConfigStore kind {@value Flow#KIND}): what the
 * console and the REST API edit. A saved flow is used from the next message on (the engine reads it per turn).
 */
@Component(service = FlowService.class)
public class FlowServiceImpl implements FlowService {
    private final ConfigStore store;
    private final FlowRepository flows;

    @Activate
    public FlowServiceImpl(@Reference ConfigStore store) {
        this.store = store;
        this.flows = new FlowRepository(store);
    }

    @Override
    public List<String> flows() {
        return store.list(Flow.KIND).stream().map(ConfigEntry::json).toList();
    }

    @Override
    public Optional<String> flow(String intent) {
        if (intent == null || intent.isBlank()) {
            return Optional.empty();
        }
        return store.get(Flow.KIND, intent).map(ConfigEntry::json);
    }

    @Override
    public List<String> validate(String json) {
        try {
            Flow.parse(json);
            return List.of();
        } catch (Flow.InvalidFlowException e) {
            return e.problems();
        }
    }

    @Override
    public String save(String json, String actor) {
        try {
            Flow f = flows.save(json, actor, null);
            return store.get(Flow.KIND, f.intent()).map(ConfigEntry::json).orElse(json);
        } catch (Flow.InvalidFlowException e) {
            throw new IllegalArgumentException("invalid flow: " + String.join("; ", e.problems()));
        }
    }

    @Override
    public boolean delete(String intent, String actor) {
        return flows.delete(intent, actor);
    }
}
