package io.pishkhan.core.internal;

import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's one {@link Authenticator}: a JAAS login against Karaf's {@code karaf} realm (the same users as the
 * shell), roles taken from Karaf's {@code RolePrincipal}s. Successful logins are remembered for a minute, keyed by a
 * hash of the user name and password, so that a REST client sending Basic credentials with every request does not
 * run a full JAAS login per request; wrong passwords are never remembered. Used by the REST API and the console.
 */
@Component(service = Authenticator.class)
public class JaasAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);
    static final long CACHE_MILLIS = 60_000;
    static final int CACHE_SIZE = 1000;

    private record Cached(Login login, long expiresAt) {
    }

    private final String realm;
    private final long cacheMillis;
    private final Configuration configuration;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    /** The realm {@value Authenticator#REALM} of the JVM's JAAS configuration (Karaf's), cached for a minute. */
    public JaasAuthenticator() {
        this(REALM, CACHE_MILLIS, null, System::currentTimeMillis);
    }

    /**
     * @param configuration the JAAS configuration to read the realm from; {@code null}: the JVM's
     * @param clock         milliseconds, for the cache
     */
    JaasAuthenticator(String realm, long cacheMillis, Configuration configuration, LongSupplier clock) {
        this.realm = realm;
        this.cacheMillis = cacheMillis;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public Optional<Login> login(String user, char[] password) {
        if (user == null || user.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        String name = user.strip();
        String key = key(name, password);
        long now = clock.getAsLong();
        Cached c = cache.get(key);
        if (c != null && c.expiresAt() > now) {
            return Optional.of(c.login());
        }
        Optional<Login> login = jaasLogin(name, password);
        login.ifPresentOrElse(l -> {
            if (cache.size() >= CACHE_SIZE) {
                cache.clear();
            }
            cache.put(key, new Cached(l, now + cacheMillis));
        }, () -> cache.remove(key));
        return login;
    }

    private Optional<Login> jaasLogin(String user, char[] password) {
        Subject subject = new Subject();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            CallbackHandler handler = callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            };
            LoginContext lc = configuration == null ? new LoginContext(realm, subject, handler)
                    : new LoginContext(realm, subject, handler, configuration);
            lc.login();
            // Karaf's RolePrincipal, matched by simple name so that no Karaf JAAS package is imported
            Set<String> roles = subject.getPrincipals().stream()
                    .filter(p -> p.getClass().getSimpleName().equals("RolePrincipal"))
                    .map(Principal::getName).collect(Collectors.toUnmodifiableSet());
            try {
                lc.logout();
            } catch (LoginException ignored) {
                // the subject is not kept
            }
            return Optional.of(new Login(user, roles));
        } catch (LoginException e) {
            LOG.info("Login failed for user '{}'", user.replaceAll("[\\p{Cntrl}]", "_"));
            return Optional.empty();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** A hash of the credentials (the user's length first, so "a:b"+"c" and "a"+"b:c" differ). */
    private static String key(String user, char[] password) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((user.length() + ":" + user + ":").getBytes(StandardCharsets.UTF_8));
            d.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
