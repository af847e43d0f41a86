package io.pishkhan.core.internal.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * HTTP Basic credentials checked against the appliance's JAAS realm (Karaf's {@code karaf} realm, the same users as
 * the shell). Successful logins are cached for a short time, keyed by a hash of the credentials, so that a REST
 * client does not run a full JAAS login per request.
 */
public class JaasAuthenticator {
    /** A logged-in user and his role names. */
    public record Login(String user, Set<String> roles) {
        public boolean hasRole(String role) {
            return roles.contains(role);
        }
    }

    private record Cached(Login login, long expiresAt) {
    }

    private final String realm;
    private final long cacheMillis;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public JaasAuthenticator(String realm, long cacheMillis) {
        this.realm = realm;
        this.cacheMillis = cacheMillis;
    }

    /** Parses an {@code Authorization: Basic ...} header and logs in; empty when absent or wrong. */
    public Optional<Login> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = sha256(decoded);
        long now = System.currentTimeMillis();
        Cached c = cache.get(key);
        if (c != null && c.expiresAt() > now) {
            return Optional.of(c.login());
        }
        Optional<Login> login = login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        login.ifPresent(l -> {
            if (cache.size() > 1000) {
                cache.clear();
            }
            cache.put(key, new Cached(l, now + cacheMillis));
        });
        return login;
    }

    Optional<Login> login(String user, char[] password) {
        Subject subject = new Subject();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext lc = new LoginContext(realm, subject, callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            lc.login();
            // Karaf's RolePrincipal / GroupPrincipal / UserPrincipal, matched by simple name to avoid importing Karaf
            Set<String> roles = subject.getPrincipals().stream()
                    .filter(p -> p.getClass().getSimpleName().equals("RolePrincipal"))
                    .map(Principal::getName).collect(Collectors.toUnmodifiableSet());
            return Optional.of(new Login(user, roles));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
