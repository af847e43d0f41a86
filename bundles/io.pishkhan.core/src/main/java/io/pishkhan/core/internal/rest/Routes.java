package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes of the REST API, read from its OpenAPI document ({@value #RESOURCE}), the one list of what the servlet
 * serves: a path that matches no documented path is a 404 and a documented path with another method a 405 (with
 * {@code Allow}) before any handler runs, so the document cannot miss a served route (OpenApiDocumentTest checks the
 * other direction: every documented operation reaches a handler).
 */
final class Routes {
    static final String RESOURCE = "/openapi/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** A documented path: its segments ({@code null} for a {@code {parameter}}) and methods (upper case). */
    record Route(String path, String[] segments, Set<String> methods) {
        boolean matches(String[] parts) {
            if (parts.length != segments.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].isEmpty() || segments[i] != null && !segments[i].equals(parts[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final byte[] document;
    private final List<Route> routes;

    Routes(byte[] document) {
        this.document = document.clone();
        try {
            JsonNode paths = new ObjectMapper().readTree(document).path("paths");
            List<Route> out = new ArrayList<>();
            for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
                String path = it.next();
                Set<String> methods = new TreeSet<>();
                paths.get(path).fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        methods.add(m.toUpperCase(Locale.ROOT));
                    }
                });
                String[] segments = path.replaceAll("^/+|/+$", "").split("/");
                for (int i = 0; i < segments.length; i++) {
                    if (segments[i].startsWith("{")) {
                        segments[i] = null;
                    }
                }
                out.add(new Route(path, segments, Set.copyOf(methods)));
            }
            this.routes = List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed " + RESOURCE, e);
        }
    }

    /** The document shipped in the bundle. */
    static Routes load() {
        try (InputStream in = Routes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            return new Routes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] document() {
        return document.clone();
    }

    List<Route> routes() {
        return routes;
    }

    /** The methods documented for a path (the union over the documented paths it matches); empty: unknown path. */
    Optional<Set<String>> methods(String[] parts) {
        Set<String> out = new TreeSet<>();
        boolean found = false;
        for (Route r : routes) {
            if (r.matches(parts)) {
                found = true;
                out.addAll(r.methods());
            }
        }
        return found ? Optional.of(out) : Optional.empty();
    }
}
