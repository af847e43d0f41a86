package io.pishkhan.bot.assistant.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A status backend on a free local port: {@code GET /status/<id>} answers {@code {"status": ...}} for 123456 and
 * 777777, HTTP 500 for 999999, 404 otherwise; {@code /slow/<id>} answers after a second; {@code /echo/...} answers
 * what it got (method, raw path and query, Accept, Content-Type, X-Ticket, body) as JSON; {@code /redirect} sends
 * a 302 to {@code /status/777777}; {@code /text} answers plain text.
 */
final class StatusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    final List<String> paths = new CopyOnWriteArrayList<>();

    StatusServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            paths.add(exchange.getRequestMethod() + " " + path);
            String id = path.substring("/status/".length());
            switch (id) {
                case "123456" -> send(exchange, 200, "{\"status\":\"در حال بررسی\",\"eta\":{\"days\":2}}");
                case "777777" -> send(exchange, 200, "{\"status\":\"done\",\"eta\":{\"days\":0}}");
                case "999999" -> send(exchange, 500, "{\"error\":\"database down\"}");
                default -> send(exchange, 404, "{}");
            }
        });
        server.createContext("/slow/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "{\"status\":\"late\"}");
        });
        server.createContext("/echo/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            com.fasterxml.jackson.databind.node.ObjectNode o = Action.JSON.createObjectNode();
            o.put("method", exchange.getRequestMethod());
            o.put("path", exchange.getRequestURI().getRawPath());
            o.put("query", exchange.getRequestURI().getRawQuery());
            o.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
            o.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
            o.put("ticket", exchange.getRequestHeaders().getFirst("X-Ticket"));
            o.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange, 200, o.toString());
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/status/777777");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/text", exchange -> {
            byte[] bytes = "سلام".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "status-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
