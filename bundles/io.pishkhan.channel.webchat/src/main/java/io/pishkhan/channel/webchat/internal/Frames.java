package io.pishkhan.channel.webchat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses and validates client frames (PROTOCOL.md); builds server frames. Pure functions, no state. */
final class Frames {
    static final int PROTOCOL = 1;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    static final int MAX_FIELD = 200;
    static final long MAX_SEQ = 1L << 53;

    private Frames() {
    }

    /** A client frame. */
    sealed interface ClientFrame permits Hello, Msg, Prechat, Typing, Read, Ping, End, Feedback {
    }

    record Hello(int protocol, String token, String lang, String conversationId, long lastSeq) implements ClientFrame {
    }

    record Msg(String clientId, long clientSeq, String text) implements ClientFrame {
    }

    record Prechat(String name, String email, String phone) implements ClientFrame {
    }

    record Typing(boolean start) implements ClientFrame {
    }

    record Read(String conversationId, String upToMessageId) implements ClientFrame {
    }

    record Ping(JsonNode t) implements ClientFrame {
    }

    /** The visitor ends the chat; {@code conversationId} null: his current conversation. */
    record End(String conversationId) implements ClientFrame {
    }

    /** Thumbs up/down on a bot answer; {@code conversationId} null: his current conversation. */
    record Feedback(String conversationId, String messageId, boolean helpful) implements ClientFrame {
    }

    /** A frame the client got wrong; becomes an {@code error} frame, the session stays open. */
    static class FrameException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final transient String ref;
        /** Further fields of the error frame ({@code limit}, {@code field}, {@code retryAfter}). */
        final transient Map<String, Object> extra = new LinkedHashMap<>();

        FrameException(String code, String message, String ref) {
            super(message, null, false, false);
            this.code = code;
            this.ref = ref;
        }

        Map<String, Object> toFrame() {
            Map<String, Object> f = error(code, getMessage());
            if (ref != null) {
                f.put("ref", ref);
            }
            f.putAll(extra);
            return f;
        }
    }

    /**
     * Parses one frame. Checks shape only (types, formats, lengths); {@code maxMessageBytes} is the limit for the
     * text of a {@code message} frame.
     */
    static ClientFrame parse(String json, int maxMessageBytes) throws FrameException {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FrameException("bad-frame", "malformed JSON: " + e.getOriginalMessage(), null);
        }
        if (n == null || !n.isObject()) {
            throw new FrameException("bad-frame", "a frame must be a JSON object", null);
        }
        String type = str(n, "type", true, 32, null);
        switch (type) {
            case "hello": {
                JsonNode p = n.get("protocol");
                int protocol = p == null || p.isNull() ? PROTOCOL : p.canConvertToInt() && p.isIntegralNumber() ? p.intValue() : -1;
                if (protocol != PROTOCOL) {
                    throw new FrameException("protocol", "unsupported protocol " + p + "; this server speaks " + PROTOCOL, null);
                }
                String token = str(n, "token", false, 64, null);
                if (token == null || !TOKEN.matcher(token).matches()) {
                    throw new FrameException("bad-token", "token must match [A-Za-z0-9_-]{22,64}", null);
                }
                String lang = str(n, "lang", false, 16, null);
                String conv = str(n, "conversationId", false, 128, null);
                if (conv != null && !ID.matcher(conv).matches()) {
                    throw new FrameException("bad-frame", "field 'conversationId' is malformed", null);
                }
                long lastSeq = number(n, "lastSeq", false, null);
                return new Hello(protocol, token, lang == null ? null : lang.toLowerCase(java.util.Locale.ROOT), conv, lastSeq);
            }
            case "message": {
                String clientId = str(n, "clientId", true, 64, null);
                if (!CLIENT_ID.matcher(clientId).matches()) {
                    throw new FrameException("bad-frame", "clientId must match [A-Za-z0-9_-]{8,64}", null);
                }
                long seq = number(n, "clientSeq", true, clientId);
                if (seq < 1) {
                    throw new FrameException("bad-frame", "clientSeq must be at least 1", clientId);
                }
                JsonNode t = n.get("text");
                if (t == null || !t.isTextual()) {
                    throw new FrameException("bad-frame", "field 'text' must be a string", clientId);
                }
                String text = t.textValue();
                if (text.isBlank()) {
                    throw new FrameException("empty-message", "the message is empty", clientId);
                }
                if (text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
                    FrameException e = new FrameException("too-large",
                            "the message is longer than " + maxMessageBytes + " bytes", clientId);
                    e.extra.put("limit", maxMessageBytes);
                    throw e;
                }
                return new Msg(clientId, seq, text);
            }
            case "prechat":
                return new Prechat(str(n, "name", false, MAX_FIELD, null), str(n, "email", false, MAX_FIELD, null),
                        str(n, "phone", false, MAX_FIELD, null));
            case "typing": {
                String state = str(n, "state", true, 8, null);
                if (!state.equals("start") && !state.equals("stop")) {
                    throw new FrameException("bad-frame", "field 'state' must be 'start' or 'stop'", null);
                }
                return new Typing(state.equals("start"));
            }
            case "read":
                return new Read(id(n, "conversationId"), id(n, "upToMessageId"));
            case "ping":
                return new Ping(n.get("t"));
            case "end":
                return new End(optionalId(n, "conversationId"));
            case "feedback": {
                String messageId = id(n, "messageId");
                JsonNode h = n.get("helpful");
                if (h == null || !h.isBoolean()) {
                    throw new FrameException("bad-frame", "field 'helpful' must be true or false", messageId);
                }
                return new Feedback(optionalId(n, "conversationId"), messageId, h.booleanValue());
            }
            default:
                throw new FrameException("unknown-type", "unknown frame type '" + type + "'", null);
        }
    }

    private static String optionalId(JsonNode n, String name) throws FrameException {
        String v = str(n, name, false, 128, null);
        if (v != null && !ID.matcher(v).matches()) {
            throw new FrameException("bad-frame", "field '" + name + "' is malformed", null);
        }
        return v;
    }

    private static String id(JsonNode n, String name) throws FrameException {
        String v = str(n, name, true, 128, null);
        if (!ID.matcher(v).matches()) {
            throw new FrameException("bad-frame", "field '" + name + "' is malformed", null);
        }
        return v;
    }

    private static String str(JsonNode n, String name, boolean required, int max, String ref) throws FrameException {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FrameException("bad-frame", "field '" + name + "' is required", ref);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new FrameException("bad-frame", "field '" + name + "' must be a string", ref);
        }
        String s = v.textValue().strip();
        if (required && s.isEmpty()) {
            throw new FrameException("bad-frame", "field '" + name + "' is empty", ref);
        }
        if (s.length() > max) {
            throw new FrameException("bad-frame", "field '" + name + "' is longer than " + max + " characters", ref);
        }
        return s.isEmpty() ? null : s;
    }

    private static long number(JsonNode n, String name, boolean required, String ref) throws FrameException {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new FrameException("bad-frame", "field '" + name + "' is required", ref);
            }
            return 0;
        }
        if (!v.isIntegralNumber() || v.longValue() < 0 || v.longValue() > MAX_SEQ) {
            throw new FrameException("bad-frame", "field '" + name + "' must be an integer 0.." + MAX_SEQ, ref);
        }
        return v.longValue();
    }

    // ------------------------------------------------------------------ server frames

    static Map<String, Object> frame(String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        return f;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> f = frame("error");
        f.put("code", code);
        f.put("message", message);
        return f;
    }

    static String json(Object frame) {
        try {
            return MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise frame", e);
        }
    }

    // ------------------------------------------------------------------ pre-chat values

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    /** Lower-cased email, or throws. */
    static String normaliseEmail(String email) throws FrameException {
        String e = email.strip().toLowerCase(java.util.Locale.ROOT);
        if (!EMAIL.matcher(e).matches() || e.length() > 254) {
            throw invalid("email", "not a valid email address");
        }
        return e;
    }

    /**
     * Phone in international form: Persian/Arabic digits become ASCII, separators go, {@code 09xx} (Iranian mobile)
     * and {@code 0098} become {@code +98}. Result {@code +<8..15 digits>}, or throws.
     */
    static String normalisePhone(String phone) throws FrameException {
        StringBuilder b = new StringBuilder();
        for (char c : phone.strip().toCharArray()) {
            if (c >= '\u06F0' && c <= '\u06F9') {
                b.append((char) ('0' + c - '\u06F0'));
            } else if (c >= '\u0660' && c <= '\u0669') {
                b.append((char) ('0' + c - '\u0660'));
            } else if ((c >= '0' && c <= '9') || (c == '+' && b.length() == 0)) {
                b.append(c);
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
                throw invalid("phone", "not a valid phone number");
            }
        }
        String p = b.toString();
        if (p.startsWith("00")) {
            p = "+" + p.substring(2);
        } else if (p.startsWith("0")) {
            p = "+98" + p.substring(1);
        } else if (!p.startsWith("+")) {
            p = "+" + p;
        }
        if (!p.matches("\\+[1-9][0-9]{7,14}")) {
            throw invalid("phone", "not a valid phone number");
        }
        return p;
    }

    static FrameException invalid(String field, String message) {
        return new FieldException(field, message);
    }

    /** {@code invalid-prechat} naming the field. */
    static final class FieldException extends FrameException {
        private static final long serialVersionUID = 1L;
        final String field;

        FieldException(String field, String message) {
            super("invalid-prechat", field + ": " + message, null);
            this.field = field;
            extra.put("field", field);
        }
    }
}
