package io.pishkhan.channel.webchat.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webchat WebSocket, {@code /webchat/ws}, published on the Pax Web whiteboard.
 *
 * <p>Pax Web 11 registers the service object itself as the endpoint: its ServerEndpointConfig's configurator
 * returns this one DS instance for every connection (PaxWebWebSocketsServletContainerInitializer.DynamicEndpointConfig),
 * so the DS references are reachable and all per-connection state lives in the {@link Session}'s user properties.
 * The Origin check happens before the upgrade, in {@link WebchatOriginFilter}.
 *
 * <p>The endpoint waits for the whiteboard's default context: at boot, Pax Web 11 may process a whiteboard
 * WebSocket before that context is registered; it then logs "No matching target context(s) ... may be
 * re-registered later" and the endpoint never appears (seen in the integration tests; cf. Pax Web #1798).
 */
@Component(service = Object.class, property = "org.ops4j.pax.web.http.whiteboard.websocket=true")
@ServerEndpoint("/webchat/ws")
public class WebchatEndpoint {
    static final String CONN = "pishkhan.webchat.conn";
    private static final Logger LOG = LoggerFactory.getLogger(WebchatEndpoint.class);
    private final WebchatService service;

    @Activate
    public WebchatEndpoint(@Reference WebchatService service,
            @Reference(target = "(osgi.http.whiteboard.context.name=default)") ServletContextHelper defaultContext) {
        this.service = service;
    }

    @OnOpen
    public void open(Session session) {
        Settings s = service.settings();
        session.setMaxTextMessageBufferSize(s.maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(1024);
        session.setMaxIdleTimeout(s.sessionIdleSeconds() * 1000L);
        session.getUserProperties().put(CONN, new WsConn(session));
    }

    @OnMessage
    public void text(Session session, String text) {
        Conn c = (Conn) session.getUserProperties().get(CONN);
        if (c == null) {
            return;
        }
        for (Map<String, Object> f : service.onFrame(c, text)) {
            c.push(Frames.json(f));
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        Conn c = (Conn) session.getUserProperties().get(CONN);
        if (c != null) {
            c.push(Frames.json(Frames.error("bad-frame", "binary messages are not supported")));
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        Conn c = (Conn) session.getUserProperties().remove(CONN);
        if (c != null) {
            service.onClose(c);
        }
    }

    @OnError
    public void error(Session session, Throwable t) {
        // abrupt disconnects and over-sized frames land here; the session is closed by the container
        LOG.debug("webchat websocket {}: {}", session.getId(), t.toString());
    }
}
