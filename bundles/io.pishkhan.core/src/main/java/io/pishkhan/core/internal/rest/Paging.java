package io.pishkhan.core.internal.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one way list endpoints page: {@code limit} (1..max, default per endpoint) and {@code offset} (0..{@value
 * #MAX_OFFSET}). The answer's next page: for lists answered as a JSON array, a {@code Link: <...>; rel="next"}
 * header (RFC 8288, as GitHub's API does; arrays stay arrays so that v1 clients keep working); for answers that are
 * JSON objects, also a {@code "next"} member (null on the last page). The next link is the request's own URL with
 * {@code offset} moved on.
 */
record Paging(int limit, int offset) {
    static final int MAX_OFFSET = 100_000;

    /** The paging of a request; a bad {@code limit} or {@code offset} is an {@link IllegalArgumentException}. */
    static Paging of(HttpServletRequest req, int defaultLimit, int maxLimit) {
        int limit = ApiServlet.intParam(req, "limit", defaultLimit, maxLimit);
        String o = req.getParameter("offset");
        int offset;
        try {
            offset = o == null ? 0 : Integer.parseInt(o.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset must be a number");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset must be between 0 and " + MAX_OFFSET);
        }
        return new Paging(limit, offset);
    }

    /** How many rows to ask a source for that cannot skip: this page, the ones before, and one to see a next. */
    int fetch() {
        return offset + limit + 1;
    }

    /** This page of {@code all} (fetched with {@link #fetch()}). */
    <T> List<T> page(List<T> all) {
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
    }

    /** Whether {@code all} (fetched with {@link #fetch()}) has rows after this page. */
    boolean hasNext(List<?> all) {
        return all.size() > offset + limit;
    }

    /**
     * The URL of the next page (absolute path with the request's other parameters), and the same as a Link header;
     * null (and no header) when there is none.
     */
    String next(HttpServletRequest req, HttpServletResponse resp, boolean hasNext) {
        if (!hasNext) {
            return null;
        }
        StringJoiner q = new StringJoiner("&");
        String query = req.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                if (!pair.isEmpty() && !name.equals("limit") && !name.equals("offset")) {
                    q.add(pair);
                }
            }
        }
        q.add("limit=" + limit);
        q.add("offset=" + (offset + limit));
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String url = "/api/v1" + path.replaceAll("/+$", "") + "?" + q;
        resp.setHeader("Link", "<" + url + ">; rel=\"next\"");
        return url;
    }

    /** {@code {"items": page, "limit", "offset", "next"}} for new list endpoints that answer an object. */
    Map<String, Object> answer(List<?> page, String next) {
        java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("items", page);
        out.put("limit", limit);
        out.put("offset", offset);
        out.put("next", next);
        return out;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
