package io.pishkhan.channel.webchat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pishkhan.channel.webchat.internal.Frames.FrameException;
import org.junit.jupiter.api.Test;

class FramesTest {
    static final String TOKEN = "abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE";

    private static String code(String json) {
        return assertThrows(FrameException.class, () -> Frames.parse(json, 10)).code;
    }

    @Test
    void parsesEveryFrameType() throws FrameException {
        Frames.Hello h = assertInstanceOf(Frames.Hello.class, Frames.parse(
                "{\"type\":\"hello\",\"protocol\":1,\"token\":\"" + TOKEN + "\",\"lang\":\"FA\",\"conversationId\":\"conv-1\",\"lastSeq\":7}", 10));
        assertEquals("fa", h.lang());
        assertEquals(7, h.lastSeq());
        Frames.Msg m = assertInstanceOf(Frames.Msg.class,
                Frames.parse("{\"type\":\"message\",\"clientId\":\"3f1c2b9e-0000\",\"clientSeq\":3,\"text\":\"سلام\"}", 10));
        assertEquals("سلام", m.text()); // 8 bytes, limit 10
        assertInstanceOf(Frames.Prechat.class, Frames.parse("{\"type\":\"prechat\",\"name\":\"Ali\"}", 10));
        assertEquals(true, ((Frames.Typing) Frames.parse("{\"type\":\"typing\",\"state\":\"start\"}", 10)).start());
        assertInstanceOf(Frames.Read.class, Frames.parse("{\"type\":\"read\",\"conversationId\":\"c\",\"upToMessageId\":\"m\"}", 10));
        assertInstanceOf(Frames.Ping.class, Frames.parse("{\"type\":\"ping\",\"t\":5}", 10));
    }

    @Test
    void refusesMalformedFramesWithCodes() {
        assertEquals("bad-frame", code("{\"type\":"));
        assertEquals("bad-frame", code("[1]"));
        assertEquals("bad-frame", code("\"hello\""));
        assertEquals("bad-frame", code("{}"));
        assertEquals("bad-frame", code("{\"type\":5}"));
        assertEquals("unknown-type", code("{\"type\":\"launch\"}"));
        assertEquals("protocol", code("{\"type\":\"hello\",\"protocol\":2,\"token\":\"" + TOKEN + "\"}"));
        assertEquals("bad-token", code("{\"type\":\"hello\",\"token\":\"short\"}"));
        assertEquals("bad-token", code("{\"type\":\"hello\",\"token\":\"" + TOKEN.replace('a', '<') + "\"}"));
        assertEquals("bad-frame", code("{\"type\":\"message\",\"clientId\":\"x\",\"clientSeq\":1,\"text\":\"a\"}"));
        assertEquals("bad-frame", code("{\"type\":\"message\",\"clientId\":\"12345678\",\"clientSeq\":0,\"text\":\"a\"}"));
        assertEquals("bad-frame", code("{\"type\":\"message\",\"clientId\":\"12345678\",\"clientSeq\":1.5,\"text\":\"a\"}"));
        assertEquals("bad-frame", code("{\"type\":\"message\",\"clientId\":\"12345678\",\"clientSeq\":1,\"text\":7}"));
        assertEquals("empty-message", code("{\"type\":\"message\",\"clientId\":\"12345678\",\"clientSeq\":1,\"text\":\"  \"}"));
        assertEquals("bad-frame", code("{\"type\":\"typing\",\"state\":\"maybe\"}"));
        assertEquals("bad-frame", code("{\"type\":\"read\",\"conversationId\":\"c\"}"));
    }

    @Test
    void tooLargeCountsUtf8BytesAndCarriesTheLimit() {
        // 6 Persian letters = 12 bytes > 10, though only 6 chars
        FrameException e = assertThrows(FrameException.class, () -> Frames.parse(
                "{\"type\":\"message\",\"clientId\":\"12345678\",\"clientSeq\":1,\"text\":\"سلامسل\"}", 10));
        assertEquals("too-large", e.code);
        assertEquals(10, e.toFrame().get("limit"));
        assertEquals("12345678", e.toFrame().get("ref"));
    }

    @Test
    void normalisesPhonesAndEmails() throws FrameException {
        assertEquals("+989121234567", Frames.normalisePhone("۰۹۱۲ ۱۲۳ ۴۵۶۷"));
        assertEquals("+989121234567", Frames.normalisePhone("0912-123-4567"));
        assertEquals("+989121234567", Frames.normalisePhone("00989121234567"));
        assertEquals("+441632960961", Frames.normalisePhone("+44 1632 960961"));
        assertEquals("invalid-prechat", assertThrows(FrameException.class, () -> Frames.normalisePhone("call me")).code);
        assertEquals("invalid-prechat", assertThrows(FrameException.class, () -> Frames.normalisePhone("123")).code);
        assertEquals("ali@example.ir", Frames.normaliseEmail(" Ali@Example.IR "));
        assertEquals("email", assertThrows(FrameException.class, () -> Frames.normaliseEmail("ali@")).toFrame().get("field"));
    }
}
