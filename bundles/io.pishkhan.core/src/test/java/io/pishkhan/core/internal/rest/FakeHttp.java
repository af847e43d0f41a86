package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Just enough of the servlet API to drive the REST handlers in unit tests (no container). */
final class FakeHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeHttp() {
    }

    /** A request: method, path info ({@code /analytics/kpis}), query parameters and headers. */
    static final class Request {
        final String method;
        final String path;
        final Map<String, String> params = new HashMap<>();
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Request param(String name, String value) {
            params.put(name, value);
            return this;
        }

        byte[] body = new byte[0];

        Request body(String text) {
            body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        String remoteAddr = "127.0.0.1";

        Request from(String address) {
            remoteAddr = address;
            return this;
        }

        /** The query string of the parameters, sorted by name (null when there are none). */
        String queryString() {
            if (params.isEmpty()) {
                return null;
            }
            java.util.StringJoiner q = new java.util.StringJoiner("&");
            new TreeMap<>(params).forEach((k, v) -> q.add(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return q.toString();
        }

        /** The path split as ApiServlet splits it. */
        String[] parts() {
            return path.replaceAll("^/+|/+$", "").split("/");
        }

        HttpServletRequest servlet() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> path;
                        case "getParameter" -> params.get((String) args[0]);
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getRemoteAddr" -> remoteAddr;
                        case "getQueryString" -> queryString();
                        case "getContentLengthLong" -> body.length == 0 ? -1L : (long) body.length;
                        case "getInputStream" -> new jakarta.servlet.ServletInputStream() {
                            private final java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);

                            @Override
                            public boolean isFinished() {
                                return in.available() == 0;
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setReadListener(jakarta.servlet.ReadListener listener) {
                                throw new UnsupportedOperationException();
                            }

                            @Override
                            public int read() {
                                return in.read();
                            }
                        };
                        case "toString" -> method + " " + path + " " + params;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** A response that keeps status, headers and body. */
    static final class Response {
        int status = 200;
        String contentType;
        String encoding;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };

        HttpServletResponse servlet() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "setContentType" -> {
                            contentType = (String) args[0];
                            yield null;
                        }
                        case "setCharacterEncoding" -> {
                            encoding = (String) args[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setContentLength" -> {
                            headers.put("Content-Length", String.valueOf(args[0]));
                            yield null;
                        }
                        case "getOutputStream" -> stream;
                        case "isCommitted" -> body.size() > 0;
                        case "toString" -> "response " + status;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        byte[] bytes() {
            return body.toByteArray();
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return MAPPER.readTree(bytes());
        }
    }
}
