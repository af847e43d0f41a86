package io.pishkhan.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a user name and password against the appliance's user realm (the JAAS realm {@code karaf}: the same users
 * and roles as the Karaf shell). The core registers the one implementation; the REST API and the console use it.
 * Implementations may remember a successful login for a short time, so that a client sending its credentials with
 * every request does not cost a full realm login each time.
 */
public interface Authenticator {
    /** The realm the appliance logs users in against. */
    String REALM = "karaf";

    /**
     * Logs the user in.
     *
     * @param user     the user name (surrounding blanks are ignored)
     * @param password the password; not kept
     * @return the user and his roles, or empty when the name or password is wrong, blank or missing
     */
    Optional<Login> login(String user, char[] password);

    /**
     * Logs in with the credentials of an HTTP {@code Authorization: Basic ...} header (UTF-8).
     *
     * @return empty when the header is absent, not Basic, malformed, or its credentials are wrong
     */
    default Optional<Login> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    /**
     * An authenticator that forwards every call to the one {@code current} gives at that moment (e.g. a dynamic DS
     * reference), so that a consumer need not be re-created when a higher-ranked authenticator arrives.
     *
     * @throws IllegalStateException from a call when {@code current} gives none
     */
    static Authenticator forwarding(java.util.function.Supplier<Authenticator> current) {
        return new Authenticator() {
            private Authenticator target() {
                Authenticator a = current.get();
                if (a == null) {
                    throw new IllegalStateException("no authenticator available");
                }
                return a;
            }

            @Override
            public Optional<Login> login(String user, char[] password) {
                return target().login(user, password);
            }

            @Override
            public Optional<Login> authenticate(String authorizationHeader) {
                return target().authenticate(authorizationHeader);
            }
        };
    }
}
