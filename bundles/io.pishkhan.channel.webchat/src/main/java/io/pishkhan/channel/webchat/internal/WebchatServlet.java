package io.pishkhan.channel.webchat.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /webchat/*}: the widget script and demo page (static, cached), and the long-poll API (PROTOCOL.md).
 * The Origin check and CORS headers come from {@link WebchatOriginFilter}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/webchat/*",
    "osgi.http.whiteboard.servlet.name=pishkhan-webchat",
    "osgi.http.whiteboard.servlet.asyncSupported=true"})
public class WebchatServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebchatServlet.class);
    private static final int MAX_WAIT = 30;
    private static final Map<String, String> STATIC = Map.of(
            "/widget.js", "application/javascript; charset=utf-8",
            "/demo.html", "text/html; charset=utf-8");

    private final transient WebchatService service;
    private final transient Map<String, PollConn> polls = new ConcurrentHashMap<>();
    private final transient Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final transient ScheduledExecutorService sweeper;

    /** A static file with its ETag. */
    record Resource(byte[] body, String etag) {
    }

    @Activate
    public WebchatServlet(@Reference WebchatService service) {
        this.service = service;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webchat-poll-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        polls.values().forEach(c -> c.close(1001, "server stopping"));
    }

    /** Ends long-poll sessions nobody polled for longer than the idle timeout. */
    void sweep() {
        long limit = TimeUnit.SECONDS.toNanos(service.settings().sessionIdleSeconds());
        long now = System.nanoTime();
        for (PollConn c : polls.values()) {
            if (!c.isWaiting() && now - c.lastActiveNanos > limit) {
                c.close(1001, "idle");
            }
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String method = req.getMethod();
        if (STATIC.containsKey(path)) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                resp.setHeader("Allow", "GET, HEAD");
                error(resp, 405, "method not allowed");
                return;
            }
            serveStatic(req, resp, path);
            return;
        }
        switch (path) {
            case "/api/hello" -> {
                if (requireMethod(req, resp, "POST")) {
                    hello(req, resp);
                }
            }
            case "/api/send" -> {
                if (requireMethod(req, resp, "POST")) {
                    send(req, resp);
                }
            }
            case "/api/poll" -> {
                if (requireMethod(req, resp, "GET")) {
                    poll(req, resp);
                }
            }
            case "/api/bye" -> {
                if (requireMethod(req, resp, "POST")) {
                    PollConn c = session(req, resp);
                    if (c != null) {
                        c.close(1000, "bye");
                        PollConn.write(resp, List.of());
                    }
                }
            }
            default -> error(resp, 404, "no such resource");
        }
    }

    private static boolean requireMethod(HttpServletRequest req, HttpServletResponse resp, String method) throws IOException {
        if (req.getMethod().equals(method)) {
            return true;
        }
        resp.setHeader("Allow", method + ", OPTIONS");
        error(resp, 405, "method not allowed");
        return false;
    }

    private void hello(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String body = body(req, resp);
        if (body == null) {
            return;
        }
        PollConn c = new PollConn(service.settings().pollQueueSize(), this::closed);
        polls.put(c.id, c);
        List<Map<String, Object>> direct = service.onFrame(c, body);
        List<String> frames = new java.util.ArrayList<>(c.drain());
        direct.forEach(f -> frames.add(Frames.json(f)));
        if (c.visitor == null) {
            polls.remove(c.id); // refused (bad hello, too many sessions)
        }
        PollConn.write(resp, frames);
    }

    private void closed(PollConn c) {
        polls.remove(c.id);
        service.onClose(c);
    }

    private void send(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PollConn c = session(req, resp);
        if (c == null) {
            return;
        }
        String body = body(req, resp);
        if (body == null) {
            return;
        }
        c.lastActiveNanos = System.nanoTime();
        PollConn.write(resp, service.onFrame(c, body).stream().map(Frames::json).toList());
    }

    private void poll(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PollConn c = session(req, resp);
        if (c == null) {
            return;
        }
        int wait = 25;
        String w = req.getParameter("wait");
        if (w != null) {
            try {
                wait = Math.max(0, Math.min(MAX_WAIT, Integer.parseInt(w)));
            } catch (NumberFormatException e) {
                error(resp, 400, "parameter 'wait' must be a number");
                return;
            }
        }
        c.poll(req, resp, wait);
    }

    private PollConn session(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sid = req.getParameter("sid");
        PollConn c = sid == null ? null : polls.get(sid);
        if (c == null || c.visitor == null) {
            error(resp, 410, "unknown or expired session; send hello again");
            return null;
        }
        return c;
    }

    /** The body as UTF-8, or null after answering 413. */
    private String body(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int max = service.settings().maxFrameBytes();
        if (req.getContentLengthLong() > max) {
            error(resp, 413, "body is larger than " + max + " bytes");
            return null;
        }
        byte[] b;
        try (InputStream in = req.getInputStream()) {
            b = in.readNBytes(max + 1);
        }
        if (b.length > max) {
            error(resp, 413, "body is larger than " + max + " bytes");
            return null;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private void serveStatic(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        Resource r = resources.computeIfAbsent(path, WebchatServlet::load);
        if (r.body() == null) {
            error(resp, 404, "no such resource");
            return;
        }
        resp.setHeader("ETag", r.etag());
        // short max-age: site owners embed the URL, so a new version must arrive without changing it
        resp.setHeader("Cache-Control", "public, max-age=300");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (r.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(STATIC.get(path));
        resp.setContentLength(r.body().length);
        if (!req.getMethod().equals("HEAD")) {
            resp.getOutputStream().write(r.body());
        }
    }

    static Resource load(String path) {
        try (InputStream in = WebchatServlet.class.getResourceAsStream("/webchat" + path)) {
            if (in == null) {
                return new Resource(null, null);
            }
            byte[] b = in.readAllBytes();
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b);
            return new Resource(b, "\"" + HexFormat.of().formatHex(h, 0, 12) + "\"");
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.error("cannot read webchat resource {}", path, e);
            return new Resource(null, null);
        }
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(Frames.json(Map.of("error", message, "status", status)).getBytes(StandardCharsets.UTF_8));
    }
}
