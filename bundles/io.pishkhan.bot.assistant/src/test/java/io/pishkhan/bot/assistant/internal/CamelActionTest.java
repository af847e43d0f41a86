package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.engine.DefaultComponentResolver;
import org.apache.camel.spi.ComponentResolver;
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
    void theDispatcherSendsHttpToCamelsHttpComponentAndTheRestToCamelEndpoints() {
        Action jdk = call -> Action.Result.ok(Action.parse("{\"via\":\"jdk\"}"));
        try (CamelAction camelAction = new CamelAction(camel)) {
            Actions actions = new Actions(jdk, () -> camelAction);
            assertInstanceOf(CamelHttpAction.class, actions.httpAction(), "camel-http is on the class path");
            assertTrue(actions.call(new Action.Call("direct:status", "GET", null, null, Duration.ofSeconds(1)))
                    .result().get("status").asText().startsWith("GET"));
            Actions withoutCamel = new Actions(jdk, () -> null);
            assertEquals("jdk", withoutCamel.call(new Action.Call("HTTPS://x/y", "GET", null, null,
                    Duration.ofSeconds(1))).result().get("via").asText());
            assertEquals("no CamelContext for endpoint direct:status", withoutCamel.call(
                    new Action.Call("direct:status", "GET", null, null, Duration.ofSeconds(1))).error());
        }
    }

    @Test
    void withoutAnHttpComponentHttpFallsBackToTheJdkClient() {
        DefaultCamelContext bare = new DefaultCamelContext();
        ComponentResolver noHttp = (name, context) -> name.startsWith("http") ? null
                : new DefaultComponentResolver().resolveComponent(name, context);
        bare.getCamelContextExtension().addContextPlugin(ComponentResolver.class, noHttp);
        bare.start();
        try (CamelAction camelAction = new CamelAction(bare)) {
            Action jdk = call -> Action.Result.ok(Action.parse("{\"via\":\"jdk\"}"));
            Actions actions = new Actions(jdk, () -> camelAction);
            assertNull(camelAction.http());
            assertEquals("jdk", actions.call(new Action.Call("http://x/y", "GET", null, null, Duration.ofSeconds(1)))
                    .result().get("via").asText());
        } finally {
            bare.stop();
        }
    }
}
