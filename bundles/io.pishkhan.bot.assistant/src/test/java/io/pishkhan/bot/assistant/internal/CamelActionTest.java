package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Non-HTTP actions go to Camel endpoints through a ProducerTemplate. */
class CamelActionTest {
    private static DefaultCamelContext camel;

    @BeforeAll
    static void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:status").process(e -> e.getMessage().setBody("{\"status\":\""
                        + e.getMessage().getHeader("CamelHttpMethod") + " " + e.getMessage().getHeader("X-Ticket")
                        + " " + e.getMessage().getBody(String.class) + "\"}"));
                from("direct:boom").throwException(new IllegalStateException("backend down"));
            }
        });
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
    }

    @Test
    void callsADirectEndpointAndReadsTheJsonReply() {
        try (CamelAction action = new CamelAction(camel)) {
            Action.Result r = action.call(new Action.Call("direct:status", "POST", "hello",
                    Map.of("X-Ticket", "42"), Duration.ofSeconds(2)));
            assertEquals(null, r.error());
            assertEquals("POST 42 hello", r.result().get("status").asText());
        }
    }

    @Test
    void anEndpointExceptionIsAFailure() {
        try (CamelAction action = new CamelAction(camel)) {
            Action.Result r = action.call(new Action.Call("direct:boom", "GET", null, Map.of(), Duration.ofSeconds(2)));
            assertTrue(r.failed());
            assertTrue(r.error().contains("backend down"), r.error());
        }
    }

    @Test
    void theDispatcherSendsHttpToTheHttpClientAndTheRestToCamel() {
        Action http = call -> Action.Result.ok(Action.parse("{\"via\":\"http\"}"));
        try (CamelAction camelAction = new CamelAction(camel)) {
            Actions actions = new Actions(http, () -> camelAction);
            assertEquals("http", actions.call(new Action.Call("HTTPS://x/y", "GET", null, null, Duration.ofSeconds(1)))
                    .result().get("via").asText());
            assertTrue(actions.call(new Action.Call("direct:status", "GET", null, null, Duration.ofSeconds(1)))
                    .result().get("status").asText().startsWith("GET"));
            Actions withoutCamel = new Actions(http, () -> null);
            assertEquals("no CamelContext for endpoint direct:status", withoutCamel.call(
                    new Action.Call("direct:status", "GET", null, null, Duration.ofSeconds(1))).error());
        }
    }
}
