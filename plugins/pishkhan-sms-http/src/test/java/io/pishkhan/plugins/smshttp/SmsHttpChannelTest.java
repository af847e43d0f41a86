package io.pishkhan.plugins.smshttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.DeliveryException;
import io.pishkhan.sdk.IncomingMessage;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.ReceiveResult;
import io.pishkhan.sdk.RejectedMessageException;
import io.pishkhan.sdk.WebhookRequest;
import io.pishkhan.sdk.WebhookResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin against a local HTTP gateway that speaks the form API it documents, with a fake appliance context. */
class SmsHttpChannelTest {
    HttpServer gateway;
    final List<Map<String, String>> sent = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(200);
    final List<IncomingMessage> received = new CopyOnWriteArrayList<>();
    final List<String> reports = new CopyOnWriteArrayList<>();
    SmsHttpChannel sms = new SmsHttpChannel();
    String token = "s3cret";

    ChannelContext context() {
        return new ChannelContext() {
            @Override
            public ReceiveResult receive(IncomingMessage m) throws RejectedMessageException {
                if (m.text().isBlank()) {
                    throw new RejectedMessageException("text is empty");
                }
                received.add(m);
                return new ReceiveResult("cu1", "conv-1", "m" + received.size(), false);
            }

            @Override
            public boolean deliveryReport(String messageId, boolean delivered, String detail) {
                reports.add(messageId + " " + delivered + " " + detail);
                return messageId.startsWith("msg-");
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("gateway.url", "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send",
                        "gateway.apiKey", "key-1", "gateway.sender", "3000123", "webhook.token", token);
            }

            @Override
            public String webhookUrl() {
                return "/hooks/sms";
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", ex -> {
            sent.add(SmsHttpChannel.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"status\":" + answer.get() + "}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.get(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        gateway.start();
        sms.start(context());
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    static OutgoingMessage out(String text, List<String> quick) {
        return new OutgoingMessage("conv-1", "msg-7", "+989121234567", "Alice", text, quick);
    }

    static WebhookRequest hook(String path, String token, String form) {
        return new WebhookRequest("POST", path, token == null ? Map.of() : Map.of("x-gateway-token", List.of(token)),
                Map.of(), form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReplyIsSentToTheGatewayWithTheReferenceAndQuickRepliesAsText() throws Exception {
        sms.deliver(out("کد پیگیری شما ۱۲۳۴ است", List.of("بله", "خیر")));
        assertEquals(1, sent.size());
        Map<String, String> f = sent.get(0);
        assertEquals("+989121234567", f.get("to"));
        assertEquals("3000123", f.get("from"));
        assertEquals("msg-7", f.get("reference"));
        assertEquals("کد پیگیری شما ۱۲۳۴ است\nبله / خیر", f.get("text"));
        assertEquals("Bearer key-1", auth.get(0));
    }

    @Test
    void gatewayErrorsAreRetriedOrNotByTheirStatus() {
        answer.set(503);
        assertTrue(assertThrows(DeliveryException.class, () -> sms.deliver(out("x", List.of()))).isRetryable());
        answer.set(429);
        assertTrue(assertThrows(DeliveryException.class, () -> sms.deliver(out("x", List.of()))).isRetryable());
        answer.set(400);
        DeliveryException bad = assertThrows(DeliveryException.class, () -> sms.deliver(out("x", List.of())));
        assertFalse(bad.isRetryable(), "an invalid number stays invalid");
        assertTrue(bad.getMessage().contains("400"), bad.getMessage());
        gateway.stop(0);
        assertTrue(assertThrows(DeliveryException.class, () -> sms.deliver(out("x", List.of()))).isRetryable(),
                "gateway down");
    }

    @Test
    void inboundMessagesAndDeliveryReportsComeThroughTheWebhook() {
        WebhookResponse in = sms.onWebhook(hook("/inbound", "s3cret", "from=%2B989121234567&text=%D8%B3%D9%84%D8%A7%D9%85&id=gw-9"));
        assertEquals(200, in.status(), new String(in.body(), StandardCharsets.UTF_8));
        assertEquals("+989121234567", received.get(0).address());
        assertEquals("سلام", received.get(0).text());
        assertEquals("gw-9", received.get(0).clientMessageId());

        assertEquals(200, sms.onWebhook(hook("/report", "s3cret", "reference=msg-7&status=DELIVERED&detail=ok")).status());
        assertEquals(404, sms.onWebhook(hook("/report", "s3cret", "reference=other&status=FAILED")).status());
        assertEquals(List.of("msg-7 true ok", "other false null"), reports);
    }

    @Test
    void badWebhookCallsGetClearErrorsAndStoreNothing() {
        assertEquals(401, sms.onWebhook(hook("/inbound", null, "from=1&text=hi")).status());
        assertEquals(401, sms.onWebhook(hook("/inbound", "wrong", "from=1&text=hi")).status());
        assertEquals(400, sms.onWebhook(hook("/inbound", "s3cret", "text=hi")).status());
        assertEquals(400, sms.onWebhook(hook("/inbound", "s3cret", "from=1&text=%20")).status(), "rejected by the core");
        assertEquals(400, sms.onWebhook(hook("/report", "s3cret", "reference=msg-7&status=MAYBE")).status());
        assertEquals(404, sms.onWebhook(hook("/other", "s3cret", "")).status());
        assertEquals(405, sms.onWebhook(new WebhookRequest("GET", "/inbound", null, null, null)).status());
        assertEquals(200, sms.onWebhook(hook("/inbound", "s3cret", "from=1&text=ok&bad=%E0%A4%A")).status(),
                "a malformed escape in another field is skipped");
        assertEquals(1, received.size());
    }

    @Test
    void aGatewayUrlIsRequired() {
        SmsHttpChannel other = new SmsHttpChannel();
        ChannelContext noUrl = new ChannelContext() {
            @Override
            public ReceiveResult receive(IncomingMessage m) {
                return null;
            }

            @Override
            public boolean deliveryReport(String messageId, boolean delivered, String detail) {
                return false;
            }

            @Override
            public Map<String, String> settings() {
                return Map.of("gateway.url", "ftp://x");
            }

            @Override
            public String webhookUrl() {
                return "";
            }
        };
        assertTrue(assertThrows(IllegalArgumentException.class, () -> other.start(noUrl)).getMessage()
                .contains("gateway.url"));
    }
}
