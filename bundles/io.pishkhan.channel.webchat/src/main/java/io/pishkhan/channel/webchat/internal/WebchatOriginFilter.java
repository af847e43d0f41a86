package io.pishkhan.channel.webchat.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Refuses requests to the webchat API and WebSocket whose {@code Origin} is not allowed (403, before any upgrade),
 * and adds the CORS headers the widget needs on other sites. The widget script and demo page are public.
 *
 * <p>A whiteboard {@link Preprocessor}, not a plain filter: Pax Web puts Jetty's WebSocketUpgradeFilter ahead of
 * whiteboard filters, and that filter upgrades without calling the rest of the chain (verified in Karaf: a plain
 * filter never saw the handshake). Preprocessors run before every filter; this one ignores all other paths.
 */
@Component(service = Preprocessor.class)
public class WebchatOriginFilter implements Preprocessor {
    private final WebchatService service;

    @Activate
    public WebchatOriginFilter(@Reference WebchatService service) {
        this.service = service;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String uri = req.getRequestURI();
        if (!(uri.startsWith("/webchat/api/") || uri.equals("/webchat/ws"))) {
            chain.doFilter(request, response);
            return;
        }
        String origin = req.getHeader("Origin");
        if (!service.settings().origins().allows(origin, req.getScheme(), req.getHeader("Host"))) {
            WebchatServlet.error(resp, 403, "origin not allowed");
            return;
        }
        if (origin != null) {
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.setHeader("Vary", "Origin");
        }
        if (req.getMethod().equals("OPTIONS") && uri.startsWith("/webchat/api/")) {
            resp.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            resp.setHeader("Access-Control-Allow-Headers", "Content-Type");
            resp.setHeader("Access-Control-Max-Age", "600");
            resp.setStatus(204);
            return;
        }
        chain.doFilter(request, response);
    }
}
