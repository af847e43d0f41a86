package io.pishkhan.camel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.pishkhan.camel.RouteProvider;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

    @Test
    void theHttpComponentIsFoundAndCallsAnHttpServer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"got\":\""
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            owner.activate(null);
            assertNotNull(owner.context().getComponent("http"), "camel-http is embedded");
            assertNotNull(owner.context().getComponent("https"));
            String reply = owner.context().createProducerTemplate().requestBodyAndHeader(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/echo", "سلام", "CamelHttpMethod", "POST",
                    String.class);
            assertEquals("{\"method\":\"POST\",\"got\":\"سلام\"}", reply);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void providerClassLoadersAreAddedToCamelsResolverAndRemovedWithTheirProvider() throws Exception {
        owner.activate(null);
        RouteProvider a = upper("a");
        RouteProvider b = upper("b");
        owner.bindRouteProvider(a);
        owner.bindRouteProvider(b);
        assertEquals(1, owner.providerLoaders(), "one loader per bundle, not per provider");
        owner.unbindRouteProvider(a);
        assertEquals(1, owner.providerLoaders(), "b still uses it");
        owner.unbindRouteProvider(b);
        assertEquals(0, owner.providerLoaders());
    }

    @Test
    void providerClassLoaderDelegatesToItsLoadersOnly() throws Exception {
        ProviderClassLoader pcl = new ProviderClassLoader();
        ClassLoader only = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("com.example.Marker")) {
                    return CamelContextOwnerTest.class;
                }
                throw new ClassNotFoundException(name);
            }
        };
        assertThrows(ClassNotFoundException.class, () -> pcl.loadClass("com.example.Marker"));
        pcl.add(only);
        assertEquals(CamelContextOwnerTest.class, pcl.loadClass("com.example.Marker"));
        assertEquals(String.class, pcl.loadClass("java.lang.String"));
        pcl.remove(only);
        assertThrows(ClassNotFoundException.class, () -> pcl.loadClass("com.example.Marker2"));
    }
}
