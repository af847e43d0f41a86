package io.pishkhan.bot.keyword.internal;

import io.pishkhan.api.bot.BotRequest;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Plain-object stand-ins for what DS and ConfigAdmin hand the component. */
final class Fixtures {
    static final Path SHIPPED_CFG = Path.of("src/main/cfg/io.pishkhan.bot.keyword.cfg");

    private Fixtures() {
    }

    /**
     * The typed configuration DS would build from {@code properties}: a property named like an attribute (with
     * DS's name mapping, {@code handoffText_fa} -> {@code handoffText.fa}) overrides the attribute's default.
     */
    static KeywordFaqConfig config(Map<String, Object> properties) {
        return (KeywordFaqConfig) Proxy.newProxyInstance(KeywordFaqConfig.class.getClassLoader(),
                new Class<?>[] {KeywordFaqConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "KeywordFaqConfig" + properties;
                        };
                    }
                    if (method.getName().equals("annotationType")) {
                        return KeywordFaqConfig.class;
                    }
                    Object value = properties.get(method.getName().replace('_', '.'));
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    return method.getReturnType() == int.class ? Integer.valueOf(value.toString().strip())
                            : value.toString();
                });
    }

    static KeywordFaqEngine engine(Map<String, Object> properties) {
        return new KeywordFaqEngine(config(properties), properties);
    }

    /** Reads a .cfg the way Karaf's file install does: properties syntax in the given encoding. */
    static Map<String, Object> readCfg(Path file, Charset encoding) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, encoding)) {
            p.load(r);
        }
        Map<String, Object> map = new HashMap<>();
        p.forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    static BotRequest request(String text) {
        Instant now = Instant.parse("2025-01-01T08:00:00Z");
        Conversation conversation = new Conversation("c-1", "cust-1", "webchat", "v-1", ConversationState.BOT, null,
                null, null, Map.of(), now, now);
        Customer customer = new Customer("cust-1", "Sara", List.of(), Map.of(), now);
        Message message = new Message("m-1", "c-1", Direction.INBOUND, SenderType.CUSTOMER, "cust-1", text, null, now);
        return new BotRequest(conversation, customer, message, List.of(message));
    }
}
