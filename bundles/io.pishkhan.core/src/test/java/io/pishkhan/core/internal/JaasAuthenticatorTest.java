package io.pishkhan.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JaasAuthenticatorTest {
    /** Karaf's principal types, matched by simple name. */
    public record RolePrincipal(String getName) implements Principal {
    }

    public record UserPrincipal(String getName) implements Principal {
    }

    /** A realm with two users, like Karaf's users.properties; counts the logins it runs. */
    public static class TestModule implements LoginModule {
        static final AtomicInteger LOGINS = new AtomicInteger();
        static final Map<String, String> PASSWORDS = Map.of("sara", "secret", "admin", "p:ss");
        static final Map<String, List<String>> ROLES = Map.of("sara", List.of("agent", "supervisor"),
                "admin", List.of("admin"));
        private Subject subject;
        private CallbackHandler handler;
        private final List<Principal> added = new ArrayList<>();
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            LOGINS.incrementAndGet();
            NameCallback n = new NameCallback("user");
            PasswordCallback p = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {n, p});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            String expected = PASSWORDS.get(n.getName());
            if (expected == null || !Arrays.equals(expected.toCharArray(), p.getPassword())) {
                throw new FailedLoginException("wrong user or password");
            }
            user = n.getName();
            return true;
        }

        @Override
        public boolean commit() {
            added.add(new UserPrincipal(user));
            ROLES.get(user).forEach(r -> added.add(new RolePrincipal(r)));
            subject.getPrincipals().addAll(added);
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().removeAll(added);
            return true;
        }
    }

    private static final Configuration REALM = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return Authenticator.REALM.equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                    TestModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                    : null;
        }
    };

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private JaasAuthenticator auth;

    @BeforeEach
    void setUp() {
        TestModule.LOGINS.set(0);
        auth = new JaasAuthenticator(Authenticator.REALM, 60_000, REALM, clock::get);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rightPasswordGivesTheUserAndOnlyHisRoles() {
        Optional<Login> l = auth.login(" sara ", "secret".toCharArray());
        assertTrue(l.isPresent());
        assertEquals("sara", l.get().user());
        assertEquals(Set.of("agent", "supervisor"), l.get().roles(), "the user principal is not a role");
        assertTrue(l.get().hasRole("supervisor"));
        assertFalse(l.get().hasRole("admin"));
    }

    @Test
    void wrongMissingOrBlankCredentialsFail() {
        assertTrue(auth.login("sara", "wrong".toCharArray()).isEmpty());
        assertTrue(auth.login("nobody", "secret".toCharArray()).isEmpty());
        assertTrue(auth.login("sara", new char[0]).isEmpty());
        assertTrue(auth.login(" ", "secret".toCharArray()).isEmpty());
        assertTrue(auth.login(null, "secret".toCharArray()).isEmpty());
        assertTrue(auth.login("sara", null).isEmpty());
        assertEquals(2, TestModule.LOGINS.get(), "blank input does not reach the realm");
    }

    @Test
    void anUnknownRealmFailsInsteadOfThrowing() {
        JaasAuthenticator other = new JaasAuthenticator("nope", 60_000, REALM, clock::get);
        assertTrue(other.login("sara", "secret".toCharArray()).isEmpty());
    }

    @Test
    void successIsCachedForAMinuteFailuresAreNot() {
        assertTrue(auth.login("sara", "secret".toCharArray()).isPresent());
        clock.addAndGet(59_000);
        assertTrue(auth.login("sara", "secret".toCharArray()).isPresent());
        assertEquals(1, TestModule.LOGINS.get(), "second login served from the cache");

        assertTrue(auth.login("sara", "wrong".toCharArray()).isEmpty(), "another password is not the cached one");
        assertTrue(auth.login("sara", "wrong".toCharArray()).isEmpty());
        assertEquals(3, TestModule.LOGINS.get(), "failures always ask the realm");

        clock.addAndGet(2_000);
        assertTrue(auth.login("sara", "secret".toCharArray()).isPresent());
        assertEquals(4, TestModule.LOGINS.get(), "expired after a minute");
    }

    @Test
    void theCacheKeyDoesNotConfuseWhereTheUserNameEnds() {
        // "admin" with "p:ss" is cached; user "admin:p" with "ss" is someone else and must ask the realm (and fail)
        assertTrue(auth.login("admin", "p:ss".toCharArray()).isPresent());
        assertTrue(auth.login("admin:p", "ss".toCharArray()).isEmpty());
        assertEquals(2, TestModule.LOGINS.get());
    }

    @Test
    void basicHeaderIsDecodedAsUtf8AndSplitAtTheFirstColon() {
        Optional<Login> l = auth.authenticate(basic("admin:p:ss"));
        assertEquals(Set.of("admin"), l.orElseThrow().roles());
        assertTrue(auth.authenticate("basic " + basic("sara:secret").substring(6)).isPresent(), "scheme any case");
        assertTrue(auth.authenticate(null).isEmpty());
        assertTrue(auth.authenticate("Bearer abc").isEmpty());
        assertTrue(auth.authenticate("Basic !!!not-base64").isEmpty());
        assertTrue(auth.authenticate(basic("no-colon")).isEmpty());
        assertTrue(auth.authenticate(basic(":secret")).isEmpty());
        assertTrue(auth.authenticate(basic("sara:wrong")).isEmpty());
    }
}
