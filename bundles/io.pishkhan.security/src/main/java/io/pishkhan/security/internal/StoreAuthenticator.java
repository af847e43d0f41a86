package io.pishkhan.security.internal;

import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.User;
import io.pishkhan.security.internal.UserServiceImpl.Credentials;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's {@link Authenticator} (ranked above the core's JAAS one, which it uses as its delegate):
 *
 * <ol>
 * <li>{@code Authorization: Bearer pk_...}: an active API token, logged in as {@code token:<id>} with the token's one
 * role;</li>
 * <li>a user name of the own store: his PBKDF2 password; the store is authoritative for the names it holds (no
 * fallback to the realm, so disabling a user really shuts him out);</li>
 * <li>any other name: the delegate (the JAAS realm {@code karaf}: etc/users.properties, LDAP through Karaf's JAAS
 * LDAP module, users the integration tests add over JMX).</li>
 * </ol>
 *
 * Every source shares one lockout: {@code lockout.maxFailures} wrong passwords in a row lock the name for
 * {@code lockout.minutes}; while locked, even the right password is refused without being checked. A success resets
 * the counter. A successful own-store login is remembered for {@code cache.seconds} under an HMAC of name and
 * password, together with the hash it was checked against; a hit re-reads the user (cheap) and counts only while he
 * is enabled, not locked and his hash unchanged, so a password change, disable or lockout ends it at once.
 */
@Component(service = Authenticator.class,
        property = "service.ranking:Integer=100")
public final class StoreAuthenticator implements Authenticator {
    /** The component name of the core's JAAS authenticator, the delegate. */
    static final String DELEGATE_FILTER = "(component.name=io.pishkhan.core.internal.JaasAuthenticator)";
    private static final Logger LOG = LoggerFactory.getLogger(StoreAuthenticator.class);
    static final int CACHE_SIZE = 1000;

    private record Cached(String name, String passwordHash, long expiresAt) {
    }

    private final UserServiceImpl users;
    private final TokenService tokens;
    private final Authenticator delegate;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final byte[] cacheKey = new byte[32];

    @Activate
    public StoreAuthenticator(@Reference(name = "users") UserServiceImpl users,
            @Reference(name = "tokens") TokenService tokens,
            @Reference(name = "delegate", target = DELEGATE_FILTER) Authenticator delegate) {
        this.users = users;
        this.tokens = tokens;
        this.delegate = delegate;
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public Optional<Login> authenticate(String authorizationHeader) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiToken> t = tokens.verify(authorizationHeader.substring(7).strip());
            if (t.isEmpty()) {
                LOG.info("Bearer token refused (unknown, revoked or expired)");
            }
            return t.map(token -> new Login(token.principal(), Set.of(token.role())));
        }
        return Authenticator.super.authenticate(authorizationHeader);
    }

    @Override
    public Optional<Login> login(String user, char[] password) {
        if (user == null || user.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        String name = user.strip();
        Instant now = users.clock().instant();
        Instant locked = users.lockedUntil(name, now);
        if (locked != null) {
            LOG.info("Login refused for '{}': locked out until {}", UserServiceImpl.clean(name), locked);
            return Optional.empty();
        }
        Optional<Credentials> own = users.credentials(name);
        if (own.isEmpty()) {
            Optional<Login> login = delegate.login(name, password);
            if (login.isPresent()) {
                users.loginSucceeded(name, false);
            } else {
                users.loginFailed(name, false);
            }
            return login;
        }
        User u = own.get().user();
        if (u.disabled()) {
            LOG.info("Login refused for '{}': disabled", u.name());
            return Optional.empty();
        }
        String hash = own.get().passwordHash();
        String key = key(u.name(), password);
        long millis = now.toEpochMilli();
        Cached c = cache.get(key);
        boolean ok;
        if (c != null && c.expiresAt() > millis && c.passwordHash().equals(hash)) {
            ok = true;
        } else {
            ok = PasswordHasher.verify(password, hash);
            long ttl = users.config().cache_seconds() * 1000L;
            if (ok && ttl > 0) {
                if (cache.size() >= CACHE_SIZE) {
                    cache.clear();
                }
                cache.put(key, new Cached(u.name(), hash, millis + ttl));
            } else {
                cache.remove(key);
            }
        }
        if (!ok) {
            LOG.info("Login failed for user '{}'", u.name());
            users.loginFailed(u.name(), true);
            return Optional.empty();
        }
        if (u.failedLogins() > 0) {
            users.loginSucceeded(u.name(), true);
        }
        return Optional.of(new Login(u.name(), u.roles()));
    }

    /** Entries in the success cache (tests). */
    int cached() {
        return cache.size();
    }

    private String key(String name, char[] password) {
        byte[] pw = PasswordHasher.utf8(password);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update((name.length() + ":" + name + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(pw));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
