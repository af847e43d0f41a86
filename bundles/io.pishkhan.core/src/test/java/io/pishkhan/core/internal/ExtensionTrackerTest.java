package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.RoutingStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ExtensionTrackerTest {
    @Test
    void prefersConfiguredThenRankingThenId() {
        ExtensionTracker t = new ExtensionTracker();
        t.configure(config(CoreConfig.class, Map.of("routing.strategy", "b")));
        assertTrue(t.strategy().isEmpty());
        RoutingStrategy a = PipelineTestBase.firstWithCapacity("a");
        RoutingStrategy b = PipelineTestBase.firstWithCapacity("b");
        RoutingStrategy c = PipelineTestBase.firstWithCapacity("c");
        t.bindStrategy(c, Map.of(Constants.SERVICE_RANKING, 5));
        t.bindStrategy(a, Map.of());
        assertEquals("c", t.strategy().orElseThrow().id(), "highest ranking without the preferred one");
        t.bindStrategy(b, Map.of());
        assertEquals("b", t.strategy().orElseThrow().id(), "configured one wins");
        t.configure(config(CoreConfig.class, Map.of("routing.strategy", "a")));
        assertEquals("a", t.strategy().orElseThrow().id(), "config change applies live");
        t.unbindStrategy(a);
        assertEquals("c", t.strategy().orElseThrow().id());
        assertEquals(java.util.List.of("b", "c"), t.describe().get("routingStrategies"));
    }
}
