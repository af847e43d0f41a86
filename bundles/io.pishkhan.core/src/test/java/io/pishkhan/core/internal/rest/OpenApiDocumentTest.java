package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the servlet agree: every documented operation reaches a handler, and a probe of the
 * handlers (with the document's route check off) finds no served route the document misses.
 */
class OpenApiDocumentTest {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");
    /** The placeholder for a {parameter}: a number, so that numeric ids (plugins) pass their parsing. */
    private static final String ID = "1";
    private final Routes routes = Routes.load();
    private final ApiServlet servlet = RestFixture.servlet(RestFixture.AUTH);

    private FakeHttp.Response call(String method, String path) throws IOException {
        return RestFixture.call(servlet, RestFixture.as("root", method, path));
    }

    private static boolean generic(FakeHttp.Response r) throws IOException {
        return r.status == 405 || r.status == 404 && r.json().path("error").asText().startsWith("no such resource");
    }

    @Test
    void theDocumentIsServedWithoutAuthentication() throws IOException {
        FakeHttp.Response r = RestFixture.call(servlet, new FakeHttp.Request("GET", "/openapi.json"));
        assertEquals(200, r.status);
        assertEquals("application/json", r.contentType);
        JsonNode doc = r.json();
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        assertEquals("/api/v1", doc.path("servers").get(0).path("url").asText());
        assertTrue(doc.path("components").path("securitySchemes").has("bearerAuth"));
        assertEquals(405, RestFixture.call(servlet, new FakeHttp.Request("POST", "/openapi.json")).status);
    }

    @Test
    void theDocumentIsWellFormed() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(routes.document());
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext();) {
            String path = it.next();
            Set<String> params = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                params.add(m.group(1));
            }
            for (Iterator<String> ms = doc.path("paths").path(path).fieldNames(); ms.hasNext();) {
                JsonNode op = doc.path("paths").path(path).path(ms.next());
                operations++;
                assertTrue(ids.add(op.path("operationId").asText()), "operationId unique: " + path);
                assertFalse(op.path("summary").asText().isBlank(), path);
                assertTrue(op.path("responses").size() > 0, path);
                Set<String> declared = new TreeSet<>();
                op.path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("path")) {
                        declared.add(p.path("name").asText());
                    }
                });
                assertEquals(params, declared, "path parameters of " + path);
                op.path("responses").forEach(r -> {
                    String ref = r.path("$ref").asText();
                    if (!ref.isEmpty()) {
                        assertTrue(doc.at(ref.substring(1)).isObject(), ref);
                    }
                });
            }
        }
        assertTrue(operations >= 80, "operations: " + operations);
        for (String area : List.of("/conversations", "/conversations/{id}/messages", "/agents", "/queues",
                "/analytics/kpis", "/analytics/friction", "/kb/articles", "/admin/backups", "/admin/plugins",
                "/admin/config/{pid}", "/users", "/users/{name}/password", "/tokens", "/tokens/{id}")) {
            assertTrue(doc.path("paths").has(area), area);
        }
    }

    @Test
    void everyDocumentedOperationReachesAHandler() throws IOException {
        List<String> unreached = new ArrayList<>();
        for (Routes.Route route : routes.routes()) {
            String path = "/" + String.join("/", Stream.of(route.segments()).map(s -> s == null ? ID : s).toList());
            for (String method : route.methods()) {
                FakeHttp.Response r = call(method, path);
                if (generic(r)) {
                    unreached.add(method + " " + path + " -> " + r.status + " " + r.text());
                }
            }
        }
        assertEquals(List.of(), unreached);
    }

    @Test
    void unknownPathsAndMethodsAreClearJsonErrors() throws IOException {
        FakeHttp.Response unknown = call("GET", "/nothing/here");
        assertEquals(404, unknown.status);
        assertEquals("application/json", unknown.contentType);
        assertTrue(unknown.json().path("error").asText().contains("/nothing/here"), unknown.text());
        assertEquals(404, unknown.json().path("status").asInt());
        FakeHttp.Response wrong = call("PATCH", "/queues/vip");
        assertEquals(405, wrong.status);
        assertEquals("DELETE, PUT", wrong.headers.get("Allow"));
        assertEquals(405, wrong.json().path("status").asInt());
        assertEquals(405, call("DELETE", "/conversations").status);
        assertEquals(404, call("GET", "/extensions/more").status);
        assertEquals(401, RestFixture.call(servlet, new FakeHttp.Request("GET", "/nothing")).status,
                "authentication comes first");
    }

    /** Literal path segments the handlers compare with: every string literal of the rest sources. */
    private static Set<String> sourceLiterals() throws IOException {
        Set<String> out = new TreeSet<>();
        Pattern literal = Pattern.compile("\"([a-z][a-z0-9./-]*)\"");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/pishkhan/core/internal/rest"))) {
            for (Path f : files.toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    for (String seg : m.group(1).split("/")) {
                        if (!seg.isEmpty()) {
                            out.add(seg);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Probes the handlers breadth first: at every depth every source literal and an id; a path is extended when a
     * handler recognised it (any answer but the generic 404/405) and its last segment is an id or a literal the
     * document has at that depth. Every answer that is not a 404 or 405 must be a documented operation.
     */
    @Test
    void theHandlersServeNoRouteTheDocumentMisses() throws IOException {
        servlet.routeCheck = false;
        Set<String> literals = sourceLiterals();
        assertTrue(literals.containsAll(Set.of("conversations", "backups", "canary", "end", "password")), literals.toString());
        List<Set<String>> documented = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            documented.add(new HashSet<>());
        }
        for (Routes.Route r : routes.routes()) {
            for (int i = 0; i < r.segments().length; i++) {
                if (r.segments()[i] != null) {
                    documented.get(i).add(r.segments()[i]);
                }
            }
        }
        List<String> segments = new ArrayList<>(literals);
        segments.add(ID);
        List<String> undocumented = new ArrayList<>();
        List<List<String>> frontier = List.of(List.of());
        int calls = 0;
        for (int depth = 1; depth <= 4 && undocumented.size() < 20; depth++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : frontier) {
                for (String seg : segments) {
                    if (depth == 1 && seg.equals(ID)) {
                        continue;
                    }
                    List<String> parts = new ArrayList<>(prefix);
                    parts.add(seg);
                    String path = "/" + String.join("/", parts);
                    boolean recognised = false;
                    for (String method : METHODS) {
                        FakeHttp.Response r = call(method, path);
                        calls++;
                        recognised |= !generic(r);
                        boolean dispatched = r.status != 404 && r.status != 405;
                        if (dispatched && undocumented.size() < 20 && routes.methods(parts.toArray(String[]::new))
                                .filter(m -> m.contains(method)).isEmpty()) {
                            undocumented.add(method + " " + path + " -> " + r.status + " " + r.text());
                        }
                    }
                    if (recognised && (seg.equals(ID) || documented.get(depth - 1).contains(seg))) {
                        next.add(parts);
                    }
                }
            }
            frontier = next;
        }
        assertEquals(List.of(), undocumented, "served but not in openapi.json (" + calls + " requests)");
        assertTrue(calls > 1000, "the probe ran: " + calls);
    }
}
