package io.pishkhan.channel.loopback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.model.SenderType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackServletTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(String body) {
        return assertThrows(IllegalArgumentException.class, () -> LoopbackServlet.parse(b(body))).getMessage();
    }

    @Test
    void parsesAValidMessage() {
        InboundMessage m = LoopbackServlet.parse(b("{\"from\":\"ali\",\"text\":\"سلام\",\"clientMessageId\":\"m-1\"}"));
        assertEquals("loopback", m.channel());
        assertEquals("ali", m.address());
        assertEquals("سلام", m.text());
        assertEquals("m-1", m.clientMessageId());
        assertNull(m.displayName());
    }

    @Test
    void rejectsBadInputWithAReadableReason() {
        assertTrue(reason("{\"from\":\"a\",").startsWith("malformed JSON"));
        assertEquals("body must be a JSON object", reason("[1,2]"));
        assertEquals("body must be a JSON object", reason(""));
        assertEquals("field 'text' is required", reason("{\"from\":\"a\"}"));
        assertEquals("field 'text' is empty", reason("{\"from\":\"a\",\"text\":\"  \"}"));
        assertEquals("field 'text' must be a string", reason("{\"from\":\"a\",\"text\":5}"));
        assertEquals("field 'from' is required", reason("{\"text\":\"hi\"}"));
        assertTrue(reason("{\"from\":\"a\",\"text\":\"" + "x".repeat(InboundMessage.MAX_TEXT_LENGTH + 1) + "\"}")
                .contains("longer than"));
    }

    @Test
    void outboxKeepsOrderBoundsAndAddressesApart() {
        Outbox o = new Outbox(2, 2);
        for (int i = 1; i <= 3; i++) {
            o.add(new OutboundMessage("c", "m" + i, "loopback", "a", SenderType.BOT, "bot", "t" + i, List.of()), Instant.now());
        }
        List<Outbox.Entry> a = o.after("a", 0);
        assertEquals(List.of("t2", "t3"), a.stream().map(e -> e.message().text()).toList(), "only the last 2 kept");
        assertEquals(List.of("t3"), o.after("a", a.get(0).seq()).stream().map(e -> e.message().text()).toList());
        assertTrue(o.after("b", 0).isEmpty());
        o.add(new OutboundMessage("c", "x", "loopback", "b", SenderType.BOT, "bot", "x", List.of()), Instant.now());
        o.add(new OutboundMessage("c", "y", "loopback", "c", SenderType.BOT, "bot", "y", List.of()), Instant.now());
        assertTrue(o.after("a", 0).isEmpty(), "least recently used address dropped");
    }

    @Test
    void onlyLoopbackAddressesAreLocal() {
        assertTrue(LoopbackServlet.isLocal("127.0.0.1"));
        assertTrue(LoopbackServlet.isLocal("0:0:0:0:0:0:0:1"));
        assertTrue(LoopbackServlet.isLocal("[::1]"));
        assertFalse(LoopbackServlet.isLocal("10.0.0.5"));
        assertFalse(LoopbackServlet.isLocal("localhost.evil.example"));
        assertFalse(LoopbackServlet.isLocal(null));
    }
}
