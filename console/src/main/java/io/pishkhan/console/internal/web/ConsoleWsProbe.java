package io.pishkhan.console.internal.web;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A do-nothing JSR 356 endpoint in the console's servlet context. Pax Web creates the jakarta.websocket
 * ServerContainer only for contexts that have an endpoint; Vaadin push (Atmosphere) needs it for WebSocket.
 */
@ServerEndpoint("/ws-probe")
public class ConsoleWsProbe {
    @OnMessage
    public String onMessage(String message) {
        return "ok";
    }

    @OnError
    public void onError(Session session, Throwable error) {
        // abrupt closes are normal
    }
}
