package io.pishkhan.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.security.Login;
import io.pishkhan.api.security.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Own users first, the realm as fallback, one lockout for both, and a cache that never outlives a change. */
class StoreAuthenticatorTest {
    private final DataSource ds = TestSupport.derby();
    private final TestSupport.Audit audit = new TestSupport.Audit();
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private final UserServiceImpl users = new UserServiceImpl(ds, audit, TestSupport.config(), clock,
            Map.of(UserServiceImpl.ENV_ADMIN_PASSWORD, "admin-password-1")::get);
    private final TestSupport.FakeRealm realm = new TestSupport.FakeRealm().user("karaf", "karaf-pw", "admin")
            .user("itest-agent", "agent-pw", "agent");
    private final StoreAuthenticator auth = new StoreAuthenticator(users, new TokenServiceImpl(ds, audit, clock), realm);

    private Optional<Login> login(String user, String password) {
        return auth.login(user, password.toCharArray());
    }

    @Test
    void ownUsersLogInWithTheirRoles() {
        users.create(User.of("sara", null, Set.of("supervisor", "agent"), Set.of("vip"), "fa"), "sara-password".toCharArray(),
                "admin");
        assertEquals(Optional.of(new Login("sara", Set.of("supervisor", "agent"))), login(" Sara ", "sara-password"));
        assertEquals(Optional.of(new Login("admin", Set.of("admin"))), login("admin", "admin-password-1"));
        assertTrue(login("sara", "wrong-password").isEmpty());
        assertTrue(login("sara", "").isEmpty());
        assertTrue(login("", "sara-password").isEmpty());
        String basic = "Basic " + Base64.getEncoder().encodeToString("sara:sara-password".getBytes(StandardCharsets.UTF_8));
        assertEquals("sara", auth.authenticate(basic).orElseThrow().user());
        assertEquals(0, realm.calls, "own users never reach the realm");
    }

    @Test
    void otherNamesFallBackToTheRealm() {
        assertEquals(Optional.of(new Login("itest-agent", Set.of("agent"))), login("itest-agent", "agent-pw"));
        assertEquals(Optional.of(new Login("karaf", Set.of("admin"))), login("karaf", "karaf-pw"));
        assertTrue(login("karaf", "nope").isEmpty());
        assertEquals(3, realm.calls);
    }

    @Test
    void theStoreIsAuthoritativeForItsNames() {
        realm.user("admin", "users-properties-pw", "admin");
        assertTrue(login("admin", "users-properties-pw").isEmpty());
        assertEquals(0, realm.calls);
    }

    @Test
    void anOwnUserIsLockedOutAfterFiveFailuresAndReleasedAfterFifteenMinutes() {
        users.create(User.of("sara", null, Set.of("agent"), Set.of(), "fa"), "sara-password".toCharArray(), "admin");
        for (int i = 1; i <= 4; i++) {
            assertTrue(login("sara", "wrong-" + i).isEmpty());
            assertEquals(i, users.get("sara").orElseThrow().failedLogins());
        }
        assertTrue(login("sara", "wrong-5").isEmpty());
        User locked = users.get("sara").orElseThrow();
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), locked.lockedUntil());
        assertTrue(login("sara", "sara-password").isEmpty(), "the right password is refused while locked");
        assertTrue(audit.of("user", "sara").stream().anyMatch(r -> r.action().equals("lockout")));
        clock.advance(Duration.ofMinutes(14));
        assertTrue(login("sara", "sara-password").isEmpty());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertTrue(login("sara", "sara-password").isPresent(), "released after 15 minutes");
        User after = users.get("sara").orElseThrow();
        assertEquals(0, after.failedLogins());
    }

    @Test
    void aSuccessResetsTheCounter() {
        users.create(User.of("sara", null, Set.of("agent"), Set.of(), "fa"), "sara-password".toCharArray(), "admin");
        for (int i = 0; i < 4; i++) {
            login("sara", "wrong");
        }
        assertTrue(login("sara", "sara-password").isPresent());
        assertEquals(0, users.get("sara").orElseThrow().failedLogins());
        for (int i = 0; i < 4; i++) {
            login("sara", "wrong");
        }
        assertTrue(login("sara", "sara-password").isPresent(), "4 + 4 failures with a success between: not locked");
    }

    @Test
    void realmUsersAreLockedOutTooWithoutAskingTheRealm() {
        for (int i = 0; i < 5; i++) {
            assertTrue(login("itest-agent", "wrong").isEmpty());
        }
        int calls = realm.calls;
        assertTrue(login("itest-agent", "agent-pw").isEmpty());
        assertEquals(calls, realm.calls, "a locked name does not reach the realm");
        users.unlock("itest-agent", "admin");
        assertTrue(login("itest-agent", "agent-pw").isPresent());
        for (int i = 0; i < 5; i++) {
            login("itest-agent", "wrong");
        }
        clock.advance(Duration.ofMinutes(16));
        assertTrue(login("itest-agent", "agent-pw").isPresent());
    }

    @Test
    void theCacheEndsWithAPasswordChangeDisableOrLockout() {
        users.create(User.of("sara", null, Set.of("agent"), Set.of(), "fa"), "sara-password".toCharArray(), "admin");
        assertTrue(login("sara", "sara-password").isPresent());
        assertEquals(1, auth.cached());
        assertTrue(login("sara", "sara-password").isPresent(), "from the cache");
        users.setPassword("sara", "new-password-2".toCharArray(), false, "admin");
        assertTrue(login("sara", "sara-password").isEmpty(), "the old password is dead at once");
        assertTrue(login("sara", "new-password-2").isPresent());
        users.update(new User("sara", null, Set.of("agent"), Set.of(), "fa", true, false, 0, null, null, null), "admin");
        assertTrue(login("sara", "new-password-2").isEmpty(), "disabled at once");
        users.update(User.of("sara", null, Set.of("supervisor"), Set.of(), "fa"), "admin");
        assertEquals(Set.of("supervisor"), login("sara", "new-password-2").orElseThrow().roles(), "roles are fresh");
        for (int i = 0; i < 5; i++) {
            login("sara", "wrong");
        }
        assertTrue(login("sara", "new-password-2").isEmpty(), "locked out despite the cached success");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertTrue(login("sara", "new-password-2").isPresent());
    }
}
