package io.pishkhan.channel.loopback.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.store.StoreException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback channel's HTTP side, a test channel on the appliance's HTTP port (replies come from
 * {@link LoopbackConnector}).
 *
 * <pre>
 * POST /loopback/messages  {"from":"ali","text":"...","name":"Ali","clientMessageId":"m-1"}
 *      202 {"conversationId","messageId","customerId","duplicate":false}   (200 with duplicate=true on a retry)
 *      400 malformed JSON / missing or empty field, 413 body too large, 415 not JSON, 403 not from localhost,
 *      503 storage unavailable (nothing stored; retry)
 * GET  /loopback/replies?to=ali&amp;after=0
 *      200 {"replies":[{"seq","conversationId","messageId","senderType","senderName","text","quickReplies","deliveredAt"}],"last":N}
 * </pre>
 * A message is acknowledged only after the core stored it. Replies are kept in memory (bounded).
 */
@Component(service = Servlet.class, configurationPid = LoopbackServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            "osgi.http.whiteboard.servlet.pattern=/loopback/*",
            "osgi.http.whiteboard.servlet.name=pishkhan-loopback"})
@Designate(ocd = LoopbackConfig.class)
public class LoopbackServlet extends HttpServlet {
    static final String PID = "io.pishkhan.channel.loopback";
    static final int MAX_FIELD = 200;
    /** Oversized bodies up to this many bytes are read and dropped before answering 413. */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackServlet.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final transient ConversationService conversations;
    private final transient LoopbackConnector connector;
    private transient volatile LoopbackConfig config;

    @Activate
    public LoopbackServlet(@Reference ConversationService conversations, @Reference LoopbackConnector connector,
            LoopbackConfig config) {
        this.conversations = conversations;
        this.connector = connector;
        this.config = config;
    }

    @Modified
    void modified(LoopbackConfig cfg) {
        this.config = cfg;
        LOG.info("loopback channel reconfigured: maxBodyBytes={} allowRemote={}", cfg.maxBodyBytes(), cfg.allowRemote());
    }

    // ------------------------------------------------------------------ HTTP

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!config.allowRemote() && !isLocal(req.getRemoteAddr())) {
            error(resp, 403, "the loopback channel only accepts requests from localhost");
            return;
        }
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (path.equals("/messages") && req.getMethod().equals("POST")) {
            post(req, resp);
        } else if (path.equals("/replies") && req.getMethod().equals("GET")) {
            replies(req, resp);
        } else if (path.equals("/messages") || path.equals("/replies")) {
            resp.setHeader("Allow", path.equals("/messages") ? "POST" : "GET");
            error(resp, 405, "method not allowed");
        } else {
            error(resp, 404, "no such resource; use POST /loopback/messages or GET /loopback/replies?to=ADDRESS");
        }
    }

    private void post(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(resp, 415, "Content-Type must be application/json");
            return;
        }
        int max = config.maxBodyBytes();
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = req.getContentLengthLong() > max ? new byte[0] : in.readNBytes(max + 1);
            if (req.getContentLengthLong() > max || body.length > max) {
                // read (and drop) a moderately oversized body so the client sees the 413 instead of a reset
                // connection; beyond DRAIN_LIMIT the container closes the connection after the answer
                long drained = 0;
                while (drained < DRAIN_LIMIT && in.read() >= 0) {
                    drained += 1 + in.skip(DRAIN_LIMIT - drained);
                }
                error(resp, 413, "body is larger than " + max + " bytes");
                return;
            }
        }
        InboundMessage message;
        try {
            message = parse(body);
        } catch (IllegalArgumentException e) {
            error(resp, 400, e.getMessage());
            return;
        }
        try {
            Receipt r = conversations.receive(message);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("conversationId", r.conversationId());
            out.put("messageId", r.messageId());
            out.put("customerId", r.customerId());
            out.put("duplicate", r.duplicate());
            write(resp, r.duplicate() ? 200 : 202, out);
        } catch (InvalidMessageException e) {
            error(resp, 400, e.getMessage());
        } catch (StoreException e) {
            LOG.error("could not store loopback message", e);
            resp.setHeader("Retry-After", "5");
            error(resp, 503, "storage unavailable; nothing was stored, retry later");
        }
    }

    /** Validates and converts a request body; throws IllegalArgumentException with a readable reason. */
    static InboundMessage parse(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        String from = field(node, "from", true, MAX_FIELD);
        String text = field(node, "text", true, InboundMessage.MAX_TEXT_LENGTH);
        String name = field(node, "name", false, MAX_FIELD);
        String clientId = field(node, "clientMessageId", false, MAX_FIELD);
        return new InboundMessage(LoopbackConnector.CHANNEL, from, name, text, clientId, Map.of());
    }

    private static String field(JsonNode node, String name, boolean required, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + name + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' must be a string");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new IllegalArgumentException("field '" + name + "' is empty");
        }
        if (s.length() > maxLength) {
            throw new IllegalArgumentException("field '" + name + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    private void replies(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String to = req.getParameter("to");
        if (to == null || to.isBlank()) {
            error(resp, 400, "parameter 'to' is required");
            return;
        }
        long after;
        try {
            after = req.getParameter("after") == null ? 0 : Long.parseLong(req.getParameter("after"));
        } catch (NumberFormatException e) {
            error(resp, 400, "parameter 'after' must be a number");
            return;
        }
        List<Outbox.Entry> entries = connector.replies(to.strip(), after);
        List<Map<String, Object>> replies = entries.stream().map(LoopbackServlet::view).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replies", replies);
        out.put("last", entries.isEmpty() ? after : entries.get(entries.size() - 1).seq());
        write(resp, 200, out);
    }

    private static Map<String, Object> view(Outbox.Entry e) {
        OutboundMessage m = e.message();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("seq", e.seq());
        v.put("conversationId", m.conversationId());
        v.put("messageId", m.messageId());
        v.put("senderType", m.senderType().name());
        v.put("senderName", m.senderName());
        v.put("text", m.text());
        v.put("quickReplies", m.quickReplies());
        v.put("deliveredAt", e.deliveredAt().toString());
        return v;
    }

    static boolean isLocal(String remoteAddr) {
        if (remoteAddr == null) {
            return false;
        }
        try {
            String a = remoteAddr.startsWith("[") ? remoteAddr.substring(1, remoteAddr.length() - 1) : remoteAddr;
            // literal addresses only: never resolve names here
            if (!a.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, Map.of("error", message, "status", status));
    }

    private static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(resp.getOutputStream(), body);
    }
}
