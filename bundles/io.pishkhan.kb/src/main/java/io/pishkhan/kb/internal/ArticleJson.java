package io.pishkhan.kb.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.store.ConfigEntry;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JSON document of an article in the ConfigStore (kind {@value #KIND}):
 * {@code {"title":..,"body":..,"tags":[..],"language":"fa","channels":[..],"published":true,"link":..}}. The id,
 * time and author of the last change are the entry's own.
 */
final class ArticleJson {
    static final String KIND = "kb.article";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ArticleJson() {
    }

    static String write(Article a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("title", a.title());
        o.put("body", a.body());
        ArrayNode tags = o.putArray("tags");
        a.tags().stream().sorted().forEach(tags::add);
        o.put("language", a.language());
        ArrayNode channels = o.putArray("channels");
        a.channels().stream().sorted().forEach(channels::add);
        o.put("published", a.published());
        if (a.link() == null) {
            o.putNull("link");
        } else {
            o.put("link", a.link());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write article " + a.id(), e);
        }
    }

    static Article read(ConfigEntry e) {
        JsonNode o;
        try {
            o = MAPPER.readTree(e.json());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("article " + e.id() + " is not valid JSON: " + ex.getOriginalMessage(), ex);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("article " + e.id() + " is not a JSON object");
        }
        return new Article(e.id(), text(o, "title"), text(o, "body"), strings(o.get("tags")), text(o, "language"),
                strings(o.get("channels")), !o.has("published") || o.get("published").asBoolean(true),
                text(o, "link"), e.updatedAt(), e.updatedBy());
    }

    /** Feedback vote document ({@code {"helpful":true}}). */
    static String vote(boolean helpful) {
        return helpful ? "{\"helpful\":true}" : "{\"helpful\":false}";
    }

    static Boolean readVote(String json) {
        try {
            JsonNode o = MAPPER.readTree(json);
            JsonNode h = o == null ? null : o.get("helpful");
            return h == null || !h.isBoolean() ? null : h.booleanValue();
        } catch (JsonProcessingException ex) {
            return null;
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Set<String> strings(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
