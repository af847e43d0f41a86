package io.pishkhan.bot.assistant.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.Map;

/** Calls the endpoint of a flow's action. Implementations never throw: a failure is a result. */
interface Action {
    Result call(Call call);

    /** One call, with placeholders already filled in. */
    record Call(String uri, String method, String body, Map<String, String> headers, Duration timeout) {
        public Call {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /**
     * @param result the response as JSON: the parsed body, or {@code {"body": "<text>"}} when it is not JSON
     * @param error  why the call failed ({@code null} when it did not)
     */
    record Result(JsonNode result, String error) {
        static Result ok(JsonNode result) {
            return new Result(result, null);
        }

        static Result failed(String error) {
            return new Result(null, error);
        }

        boolean failed() {
            return error != null;
        }
    }

    ObjectMapper JSON = JsonMapper.builder().build();

    /** The response text as JSON: parsed when it is JSON, else wrapped as {@code {"body": text}}. */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.objectNode().put("body", text);
        }
    }
}
