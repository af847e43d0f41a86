package io.pishkhan.api.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for machine clients. A token carries one role; the {@link Authenticator} accepts
 * {@code Authorization: Bearer <secret>} for it until it expires or is revoked. Changes are audited (kind
 * {@value #AUDIT_KIND}); secrets are never stored, logged or returned again.
 */
public interface TokenService {
    String AUDIT_KIND = "api-token";

    /**
     * Creates a token.
     *
     * @param role      one of {@link User#ROLES}
     * @param expiresAt null for no expiry; must be in the future
     * @throws IllegalArgumentException for a blank name, an unknown role or a past expiry
     */
    IssuedToken create(String name, String role, Instant expiresAt, String actor);

    /** All tokens (also revoked and expired ones), newest first, without secrets. */
    List<ApiToken> list();

    Optional<ApiToken> get(String id);

    /** Revokes a token; false when there is none or it was revoked already. */
    boolean revoke(String id, String actor);

    /** The active token of a secret, empty when unknown, revoked or expired. */
    Optional<ApiToken> verify(String secret);
}
