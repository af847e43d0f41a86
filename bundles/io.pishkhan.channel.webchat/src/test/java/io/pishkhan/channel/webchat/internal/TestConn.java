package io.pishkhan.channel.webchat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the engine pushes. */
class TestConn extends Conn {
    final List<String> pushed = new CopyOnWriteArrayList<>();
    volatile int closedWith;

    @Override
    void push(String json) {
        pushed.add(json);
    }

    @Override
    void close(int code, String reason) {
        closedWith = code;
    }

    List<JsonNode> frames() {
        return pushed.stream().map(TestConn::tree).toList();
    }

    List<JsonNode> take() {
        List<JsonNode> f = frames();
        pushed.clear();
        return f;
    }

    static JsonNode tree(String json) {
        try {
            return Frames.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
