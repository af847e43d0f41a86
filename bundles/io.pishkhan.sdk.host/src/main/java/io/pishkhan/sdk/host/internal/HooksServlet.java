package io.pishkhan.sdk.host.internal;

import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /hooks/<channel id>/...}: gateways call vendor channels here (inbound messages, delivery reports). */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/hooks/*",
    "osgi.http.whiteboard.servlet.name=pishkhan-vendor-hooks"})
public final class HooksServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 1024 * 1024;

    private final transient VendorPluginHostImpl host;

    @Activate
    public HooksServlet(@Reference VendorPluginHostImpl host) {
        this.host = host;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", 2) : new String[] {""};
        if (parts[0].isEmpty()) {
            write(resp, WebhookResponse.json(404, "{\"error\":\"use /hooks/<channel id>\"}"));
            return;
        }
        if (req.getContentLengthLong() > MAX_BODY) {
            write(resp, WebhookResponse.json(413, "{\"error\":\"body larger than 1 MB\"}"));
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            write(resp, WebhookResponse.json(413, "{\"error\":\"body larger than 1 MB\"}"));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h : Collections.list(req.getHeaderNames())) {
            headers.put(h.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(h)));
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> query.put(k, List.of(v)));
        WebhookRequest r = new WebhookRequest(req.getMethod(), parts.length > 1 ? "/" + parts[1] : "", headers, query,
                body);
        write(resp, host.vendorPlugins().webhook(parts[0], r));
    }

    private static void write(HttpServletResponse resp, WebhookResponse r) throws IOException {
        resp.setStatus(r.status());
        if (r.contentType() != null) {
            resp.setContentType(r.contentType());
        }
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.getOutputStream().write(r.body());
    }
}
