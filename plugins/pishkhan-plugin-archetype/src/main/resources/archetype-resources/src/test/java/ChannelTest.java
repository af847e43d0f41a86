package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pishkhan.sdk.ChannelContext;
import io.pishkhan.sdk.DeliveryException;
import io.pishkhan.sdk.IncomingMessage;
import io.pishkhan.sdk.OutgoingMessage;
import io.pishkhan.sdk.ReceiveResult;
import io.pishkhan.sdk.WebhookRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The channel against a local target and a fake appliance context. */
class ChannelTest {
    @Test
    void repliesGoToTheTargetAndCustomersMessagesToTheAppliance() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/messages", ex -> {
            delivered.add(ex.getRequestHeaders().getFirst("X-To") + ": "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(ex.getRequestHeaders().getFirst("X-To").equals("down") ? 503 : 200, -1);
            ex.close();
        });
        target.start();
        List<IncomingMessage> received = new CopyOnWriteArrayList<>();
        Channel channel = new Channel();
        try {
            channel.start(new ChannelContext() {
                @Override
                public ReceiveResult receive(IncomingMessage m) {
                    received.add(m);
                    return new ReceiveResult("cu1", "conv-1", "m1", false);
                }

                @Override
                public boolean deliveryReport(String messageId, boolean delivered, String detail) {
                    return true;
                }

                @Override
                public Map<String, String> settings() {
                    return Map.of("target.url", "http://127.0.0.1:" + target.getAddress().getPort() + "/messages");
                }

                @Override
                public String webhookUrl() {
                    return "/hooks/${channelId}";
                }
            });
            channel.deliver(new OutgoingMessage("conv-1", "m2", "+989121234567", "Alice", "hello", List.of()));
            assertEquals(List.of("+989121234567: hello"), delivered);
            DeliveryException down = org.junit.jupiter.api.Assertions.assertThrows(DeliveryException.class,
                    () -> channel.deliver(new OutgoingMessage("c", "m3", "down", null, "x", List.of())));
            assertTrue(down.isRetryable());

            var answer = channel.onWebhook(new WebhookRequest("POST", "", Map.of(),
                    Map.of("from", List.of("+98912"), "id", List.of("t-1")), "salam".getBytes(StandardCharsets.UTF_8)));
            assertEquals(200, answer.status());
            assertEquals("salam", received.get(0).text());
            assertEquals(400, channel.onWebhook(new WebhookRequest("POST", "", null, null, null)).status());
        } finally {
            target.stop(0);
        }
    }
}
