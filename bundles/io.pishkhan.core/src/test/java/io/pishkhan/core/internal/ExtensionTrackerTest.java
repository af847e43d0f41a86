package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static io.pishkhan.api.bot.ChatbotEngine bot(String id) {
        return new io.pishkhan.api.bot.ChatbotEngine() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public io.pishkhan.api.bot.BotReply reply(io.pishkhan.api.bot.BotRequest r) {
                return io.pishkhan.api.bot.BotReply.answer("hi", null, 1);
            }
        };
    }

    @Test
    void aBotIsAwaitedOnlyWhileOneThatWasInstalledIsGoneForLessThanTheHoldTime() {
        PipelineTestBase.TestClock clock = new PipelineTestBase.TestClock();
        ExtensionTracker t = new ExtensionTracker();
        t.clock(clock);
        t.configure(config(CoreConfig.class, Map.of("bot.engine", "kw")));
        java.time.Duration hold = java.time.Duration.ofMinutes(10);
        assertFalse(t.botAwaited(hold), "never installed: nobody waits");
        io.pishkhan.api.bot.ChatbotEngine kw = bot("kw");
        io.pishkhan.api.bot.ChatbotEngine other = bot("other");
        t.bindBot(other, Map.of());
        assertFalse(t.botAwaited(hold), "the configured one was never installed: the other answers");
        t.bindBot(kw, Map.of());
        assertFalse(t.botAwaited(hold));
        t.unbindBot(kw);
        assertTrue(t.botAwaited(hold), "the configured engine is being swapped");
        assertEquals("other", t.bot().orElseThrow().id(), "the selection itself is unchanged");
        clock.advance(java.time.Duration.ofMinutes(11));
        assertFalse(t.botAwaited(hold), "gone for longer than the hold time");
        t.bindBot(kw, Map.of());
        t.unbindBot(kw);
        assertTrue(t.botAwaited(hold));
        t.bindBot(kw, Map.of());
        assertFalse(t.botAwaited(hold), "back");

        t.configure(config(CoreConfig.class, Map.of("bot.engine", "")));
        t.unbindBot(other);
        assertFalse(t.botAwaited(hold), "another engine is installed");
        t.unbindBot(kw);
        assertTrue(t.botAwaited(hold), "no engine at all, the last one just went");
        java.util.List<String> arrived = new java.util.ArrayList<>();
        t.addArrivalListener((kind, id) -> arrived.add(kind + ":" + id));
        t.bindBot(kw, Map.of());
        t.bindChannel(new io.pishkhan.api.channel.ChannelConnector() {
            @Override
            public String channelId() {
                return "sms";
            }

            @Override
            public void deliver(io.pishkhan.api.channel.OutboundMessage m) {
            }
        }, Map.of());
        t.bindStrategy(PipelineTestBase.firstWithCapacity("a"), Map.of());
        assertEquals(java.util.List.of("BOT:kw", "CHANNEL:sms", "STRATEGY:a"), arrived);
    }
}
