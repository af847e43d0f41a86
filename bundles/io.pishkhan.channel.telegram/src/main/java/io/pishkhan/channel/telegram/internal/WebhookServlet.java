package io.pishkhan.channel.telegram.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code POST /messenger/telegram/<channel id>}: the webhook of every bot configured in webhook mode. */
@Component(service = Servlet.class, property = {"osgi.http.whiteboard.servlet.pattern=/messenger/telegram/*",
    "osgi.http.whiteboard.servlet.name=pishkhan-messenger-telegram"})
public final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient List<TelegramChannel> bots = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBot(TelegramChannel bot) {
        bots.add(bot);
    }

    void removeBot(TelegramChannel bot) {
        bots.remove(bot);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceAll("^/+|/+$", "");
        TelegramChannel bot = bots.stream().filter(b -> b.channelId().equals(path)).findFirst().orElse(null);
        TelegramChannel.WebhookAnswer a;
        if (bot == null) {
            a = new TelegramChannel.WebhookAnswer(404, "{\"ok\":false,\"error\":\"no bot here\"}");
        } else {
            byte[] body;
            try (InputStream in = req.getInputStream()) {
                body = in.readNBytes(TelegramChannel.MAX_BODY + 1);
            }
            a = bot.webhook(req.getHeader("X-Telegram-Bot-Api-Secret-Token"), body);
        }
        resp.setStatus(a.status());
        resp.setContentType("application/json");
        resp.getOutputStream().write(a.json().getBytes(StandardCharsets.UTF_8));
    }
}
