package io.pishkhan.security.internal;

import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.IssuedToken;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.User;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.api.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens in table {@code security_token}. A secret is {@code pk_} and 32 random bytes in base64url; only its
 * SHA-256 is stored (the secret has 256 bits of entropy, so an unsalted fast hash is enough: nothing to brute
 * force), and the secret is returned once, by {@link #create}. {@code last_used_at} is written at most once a minute
 * per token.
 */
@Component(service = TokenService.class)
public final class TokenServiceImpl implements TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenServiceImpl.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS = "id, name, role, created_by, created_at, expires_at, revoked_at,"
            + " last_used_at";

    private final DataSource dataSource;
    private final ConfigStore audit;
    private final Clock clock;

    @Activate
    public TokenServiceImpl(@Reference(name = "dataSource", target = "(dataSourceName=pishkhan)") DataSource dataSource,
            @Reference(name = "audit") ConfigStore audit) {
        this(dataSource, audit, Clock.systemUTC());
    }

    TokenServiceImpl(DataSource dataSource, ConfigStore audit, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
        Schema.ensure(dataSource, "security_token", Schema.TOKENS);
    }

    @Override
    public IssuedToken create(String name, String role, Instant expiresAt, String actor) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("name is required (at most 200 characters)");
        }
        if (role == null || !User.ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + new TreeSet<>(User.ROLES));
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be in the future");
        }
        byte[] id = new byte[8];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secretBytes);
        String secret = ApiToken.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        String creator = actor == null ? "system" : actor;
        ApiToken t = new ApiToken(HexFormat.of().formatHex(id), name.strip(), role, creator, now, expiresAt, null,
                null);
        UserServiceImpl.update(dataSource, "INSERT INTO security_token (id, name, role, secret_sha256, created_by,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", t.id(), t.name(), t.role(),
                PasswordHasher.sha256(secret), creator, now.toEpochMilli(),
                expiresAt == null ? null : expiresAt.toEpochMilli());
        audit.audit(creator, AUDIT_KIND, t.id(), "create", "{\"name\":" + UserServiceImpl.quote(t.name())
                + ",\"role\":\"" + role + "\",\"expiresAt\":" + (expiresAt == null ? "null" : "\"" + expiresAt + "\"")
                + "}");
        LOG.info("API token {} ('{}', role {}) created by '{}'", t.id(), UserServiceImpl.clean(t.name()), role,
                creator);
        return new IssuedToken(t, secret);
    }

    @Override
    public List<ApiToken> list() {
        return select("SELECT " + COLUMNS + " FROM security_token ORDER BY created_at DESC, id", null);
    }

    @Override
    public Optional<ApiToken> get(String id) {
        return select("SELECT " + COLUMNS + " FROM security_token WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public boolean revoke(String id, String actor) {
        int n = UserServiceImpl.update(dataSource, "UPDATE security_token SET revoked_at = ? WHERE id = ?"
                + " AND revoked_at IS NULL", clock.instant().toEpochMilli(), id);
        if (n == 0) {
            return false;
        }
        audit.audit(actor == null ? "system" : actor, AUDIT_KIND, id, "revoke", "revoked");
        LOG.info("API token {} revoked by '{}'", id, actor);
        return true;
    }

    @Override
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || !secret.startsWith(ApiToken.PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        List<ApiToken> found = select("SELECT " + COLUMNS + " FROM security_token WHERE secret_sha256 = ?",
                PasswordHasher.sha256(secret));
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get(0).activeAt(now)) {
            return Optional.empty();
        }
        ApiToken t = found.get(0);
        if (t.lastUsedAt() == null || t.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            try {
                UserServiceImpl.update(dataSource, "UPDATE security_token SET last_used_at = ? WHERE id = ?",
                        now.toEpochMilli(), t.id());
            } catch (StoreException e) {
                LOG.debug("last use of token {} not recorded", t.id(), e);
            }
        }
        return Optional.of(t);
    }

    private List<ApiToken> select(String sql, String arg) {
        List<ApiToken> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(rs.getString("id"), rs.getString("name"), rs.getString("role"),
                            rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
                            instant(rs, "revoked_at"), instant(rs, "last_used_at")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("token store: " + e.getMessage(), e);
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
