package io.pishkhan.api.security;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token for {@code Authorization: Bearer <secret>}, without its secret (only a SHA-256 of the secret is
 * stored).
 *
 * @param id        generated; the login name of a request made with it is {@code token:<id>}
 * @param name      what it is for, e.g. {@code crm-sync}
 * @param role      the one role it grants ({@link User#ROLES})
 * @param createdBy the user who created it
 * @param expiresAt null: does not expire
 * @param revokedAt null: not revoked
 * @param lastUsedAt null: never used (updated at most once a minute)
 */
public record ApiToken(String id, String name, String role, String createdBy, Instant createdAt, Instant expiresAt,
        Instant revokedAt, Instant lastUsedAt) {
    /** The prefix of every secret, so that secret scanners and people recognise one. */
    public static final String PREFIX = "pk_";

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** Whether it is usable at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** The login name of requests made with this token. */
    public String principal() {
        return "token:" + id;
    }
}
