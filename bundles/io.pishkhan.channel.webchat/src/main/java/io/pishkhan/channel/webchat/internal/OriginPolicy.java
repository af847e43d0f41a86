package io.pishkhan.channel.webchat.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Origin}s may use the webchat (configuration {@code allowedOrigins}): a comma-separated list of
 * {@code scheme://host[:port]}, or {@code *}. Empty means the appliance's own origin only (scheme and Host of the
 * request itself). A request without an Origin header (not a browser page) is allowed: the check protects browser
 * pages, and a non-browser client can send any header anyway.
 */
final class OriginPolicy {
    private final Set<String> allowed;
    private final boolean any;

    OriginPolicy(String allowedOrigins) {
        Set<String> set = new LinkedHashSet<>();
        boolean star = false;
        for (String s : (allowedOrigins == null ? "" : allowedOrigins).split(",")) {
            String o = s.strip();
            if (o.equals("*")) {
                star = true;
            } else if (!o.isEmpty()) {
                String n = normalise(o);
                if (n == null) {
                    throw new IllegalArgumentException("allowedOrigins: '" + o + "' is not scheme://host[:port]");
                }
                set.add(n);
            }
        }
        this.allowed = Set.copyOf(set);
        this.any = star;
    }

    /**
     * @param origin the Origin header, or null
     * @param scheme the request's scheme (http/https)
     * @param host   the request's Host header (host[:port]), or null
     */
    boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        if (any) {
            return true;
        }
        String o = normalise(origin);
        if (o == null) {
            return false; // "null" (sandboxed frames, file:), garbage
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(o);
        }
        return host != null && scheme != null && o.equals(normalise(scheme + "://" + host));
    }

    Set<String> allowed() {
        return allowed;
    }

    /** scheme://host[:port] in lower case without the default port, or null when it is not such an origin. */
    static String normalise(String origin) {
        try {
            URI u = new URI(origin.strip());
            String scheme = u.getScheme();
            String host = u.getHost();
            if (scheme == null || host == null || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))
                    || u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            int port = u.getPort();
            if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
                port = -1;
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
