package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotRequest;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain-object stand-ins for what DS, ConfigAdmin and the core hand the engine. */
final class Fixtures {
    private Fixtures() {
    }

    /** The typed configuration DS would build from {@code properties} ({@code kb_minScore} reads {@code kb.minScore}). */
    static AssistantConfig config(Map<String, Object> properties) {
        return (AssistantConfig) Proxy.newProxyInstance(AssistantConfig.class.getClassLoader(),
                new Class<?>[] {AssistantConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "AssistantConfig" + properties;
                        };
                    }
                    if (method.getName().equals("annotationType")) {
                        return AssistantConfig.class;
                    }
                    Object value = properties.get(method.getName().replace('_', '.'));
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    String v = value.toString().strip();
                    return type == int.class ? Integer.valueOf(v) : type == double.class ? Double.valueOf(v) : v;
                });
    }

    static Settings settings(Map<String, Object> properties) {
        return Settings.from(config(properties), properties);
    }

    /**
     * A conversation with the bot, driven turn by turn the way the core drives it: the reply's data is merged into
     * the context, and the transcript grows with both sides.
     */
    static final class Chat {
        private final AssistantEngine engine;
        private final Map<String, String> context = new HashMap<>();
        private final List<Message> transcript = new ArrayList<>();
        private String intent;
        private int seq;
        final String conversationId;

        Chat(AssistantEngine engine) {
            this(engine, "c-1");
        }

        Chat(AssistantEngine engine, String conversationId) {
            this.engine = engine;
            this.conversationId = conversationId;
        }

        Chat with(String key, String value) {
            context.put(key, value);
            return this;
        }

        BotReply say(String text) {
            Instant now = Instant.parse("2025-04-02T08:00:00Z").plusSeconds(seq);
            Message m = new Message("m-" + ++seq, conversationId, Direction.INBOUND, SenderType.CUSTOMER, "cust-1",
                    text, null, now);
            transcript.add(m);
            Conversation c = new Conversation(conversationId, "cust-1", "webchat", "v-1", ConversationState.BOT, null,
                    null, intent, context, now, now);
            Customer customer = new Customer("cust-1", "Sara", List.of(), Map.of(), now);
            BotReply reply = engine.reply(new BotRequest(c, customer, m, transcript));
            context.putAll(reply.data());
            if (reply.intent() != null) {
                intent = reply.intent();
            }
            if (reply.text() != null) {
                transcript.add(new Message("m-" + ++seq, conversationId, Direction.OUTBOUND, SenderType.BOT,
                        "assistant", reply.text(), null, now));
            }
            return reply;
        }

        Map<String, String> context() {
            return context;
        }
    }
}
