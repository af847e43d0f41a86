package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static io.pishkhan.core.internal.TestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingStrategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipeline wiring shared by the pipeline tests: real Camel routes, in-memory store, test extensions. */
abstract class PipelineTestBase {
    /** The system clock plus an offset that tests can advance. */
    static final class TestClock extends java.time.Clock {
        private volatile java.time.Duration offset = java.time.Duration.ZERO;

        void advance(java.time.Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(offset);
        }
    }

    final TestClock clock = new TestClock();
    final InMemoryConversationStore store = new InMemoryConversationStore();
    final AgentDirectoryImpl directory = new AgentDirectoryImpl();
    final ExtensionTracker extensions = new ExtensionTracker();
    final List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();
    final List<ConversationEvent> analyzed = new CopyOnWriteArrayList<>();
    DefaultCamelContext camel;
    ConversationPipeline pipeline;

    /** Answers "hours" questions, hands off everything else; throws on "boom". */
    static final ChatbotEngine BOT = new ChatbotEngine() {
        @Override
        public String id() {
            return "test-bot";
        }

        @Override
        public BotReply reply(io.pishkhan.api.bot.BotRequest r) {
            String t = r.message().text();
            if (t.contains("boom")) {
                throw new IllegalStateException("bot crashed");
            }
            return t.contains("hours") ? BotReply.answer("We open at 8.", "hours", 0.9)
                    : BotReply.handoff("Let me find a person.", null, 0.1, "no-match");
        }
    };

    /** Assigns the first agent with capacity by id. */
    static RoutingStrategy firstWithCapacity(String id) {
        return byIdOrder(id, java.util.Comparator.naturalOrder());
    }

    /** Assigns the last agent with capacity by id (so a swap of strategies shows in the choice). */
    static RoutingStrategy lastWithCapacity(String id) {
        return byIdOrder(id, java.util.Comparator.reverseOrder());
    }

    private static RoutingStrategy byIdOrder(String id, java.util.Comparator<String> order) {
        return new RoutingStrategy() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public RoutingDecision route(io.pishkhan.api.routing.RoutingRequest r) {
                return r.candidates().stream().filter(AgentLoad::hasCapacity).map(l -> l.agent().id())
                        .sorted(order).findFirst().map(a -> RoutingDecision.assign(a, id))
                        .orElse(RoutingDecision.waitInQueue("full"));
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        Map<String, Object> agents = new HashMap<>();
        agents.put("queue.general.name", "General");
        agents.put("agent.alice.capacity", "1");
        agents.put("agent.bob.capacity", "1");
        directory.configure(agents);
        extensions.configure(config(CoreConfig.class, Map.of("routing.strategy", "first", "dispatch.periodMillis", 100L)));
        extensions.bindChannel(new ChannelConnector() {
            @Override
            public String channelId() {
                return "test";
            }

            @Override
            public void deliver(OutboundMessage message) {
                delivered.add(message);
            }
        }, Map.of());
        extensions.bindProcessor(new AnalyticsProcessor() {
            @Override
            public String id() {
                return "collector";
            }

            @Override
            public void onEvent(ConversationEvent event) {
                analyzed.add(event);
            }

            @Override
            public Map<String, Object> snapshot() {
                return Map.of("n", analyzed.size());
            }
        }, Map.of());
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(2);
        camel.start();
        pipeline = new ConversationPipeline(store, directory, extensions, camel,
                config(CoreConfig.class, Map.of("dispatch.periodMillis", 100L, "routing.offerTimeoutSeconds", offerTimeout())),
                clock);
        camel.addRoutes(pipeline.createRoutes());
    }

    /** Seconds of the offer timeout; 0 assigns without offering. */
    abstract int offerTimeout();

    @AfterEach
    void stop() {
        pipeline.deactivate();
        camel.stop();
    }

    Receipt send(String from, String text) {
        return pipeline.receive(new InboundMessage("test", from, null, text, null, Map.of()));
    }

    List<EventType> eventTypes(String conversationId) {
        return store.events(conversationId).stream().map(ConversationEvent::type).toList();
    }
}
