package io.pishkhan.core.internal.rest;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain-map views of the model for JSON (keeps Jackson free of java.time modules). */
final class Json {
    private Json() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("customerId", c.customerId());
        m.put("channel", c.channel());
        m.put("address", c.address());
        m.put("state", c.state().name());
        m.put("queueId", c.queueId());
        m.put("agentId", c.agentId());
        m.put("intent", c.intent());
        m.put("context", c.context());
        m.put("createdAt", time(c.createdAt()));
        m.put("updatedAt", time(c.updatedAt()));
        return m;
    }

    static Map<String, Object> message(Message x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", x.id());
        m.put("direction", x.direction().name());
        m.put("senderType", x.senderType().name());
        m.put("senderId", x.senderId());
        m.put("text", x.text());
        m.put("clientMessageId", x.clientMessageId());
        m.put("createdAt", time(x.createdAt()));
        return m;
    }

    static Map<String, Object> attachment(io.pishkhan.api.model.AttachmentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("messageId", a.messageId());
        m.put("fileName", a.fileName());
        m.put("contentType", a.contentType());
        m.put("size", a.size());
        return m;
    }

    static Map<String, Object> event(ConversationEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().name());
        m.put("at", time(e.at()));
        m.put("data", e.data());
        return m;
    }

    static Map<String, Object> customer(io.pishkhan.api.model.Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("displayName", c.displayName());
        m.put("identities", c.identities().stream()
                .map(i -> Map.of("channel", i.channel(), "address", i.address())).toList());
        m.put("attributes", c.attributes());
        m.put("createdAt", time(c.createdAt()));
        return m;
    }

    static Map<String, Object> agent(Agent a, int active) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("presence", a.presence().name());
        m.put("capacity", a.capacity());
        m.put("active", active);
        m.put("queues", a.queues());
        m.put("skills", a.skills());
        return m;
    }
}
