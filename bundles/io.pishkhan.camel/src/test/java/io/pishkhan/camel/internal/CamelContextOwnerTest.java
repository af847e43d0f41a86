package io.pishkhan.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.camel.RouteProvider;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CamelContextOwnerTest {
    private final CamelContextOwner owner = new CamelContextOwner();

    @AfterEach
    void stop() {
        owner.deactivate();
    }

    private static RouteProvider upper(String id) {
        return () -> new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + id).routeId(id).transform(body().convertToString().append("!"));
            }
        };
    }

    @Test
    void providersBoundBeforeActivationAreAddedOnStart() throws Exception {
        RouteProvider p = upper("early");
        owner.bindRouteProvider(p);
        owner.activate(null);
        CamelContext ctx = owner.context();
        assertEquals("pishkhan", ctx.getName());
        assertEquals("hi!", ctx.createProducerTemplate().requestBody("direct:early", "hi", String.class));
    }

    @Test
    void unbindRemovesExactlyTheProvidersRoutes() throws Exception {
        owner.activate(null);
        RouteProvider a = upper("a");
        RouteProvider b = upper("b");
        owner.bindRouteProvider(a);
        owner.bindRouteProvider(b);
        assertEquals(2, owner.context().getRoutes().size());
        owner.unbindRouteProvider(a);
        assertNull(owner.context().getRoute("a"));
        assertNotNull(owner.context().getRoute("b"));
        assertEquals("x!", owner.context().createProducerTemplate().requestBody("direct:b", "x", String.class));
    }

    @Test
    void brokenProviderDoesNotBreakTheContext() throws Exception {
        owner.activate(null);
        owner.bindRouteProvider(() -> new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ok-part").routeId("ok-part").to("log:x");
                from("no-such-component:foo").routeId("broken");
            }
        });
        assertTrue(owner.context().getRoutes().isEmpty(), "a failing provider's routes are rolled back");
        owner.bindRouteProvider(upper("good"));
        assertEquals("y!", owner.context().createProducerTemplate().requestBody("direct:good", "y", String.class));
    }
}
