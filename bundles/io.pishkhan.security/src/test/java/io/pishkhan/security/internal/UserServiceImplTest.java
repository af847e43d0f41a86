package io.pishkhan.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.security.User;
import io.pishkhan.api.store.AuditRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The user store on a real embedded Derby. */
class UserServiceImplTest {
    private static final String ENV_PASSWORD = "env-Secret-2026";
    private final DataSource ds = TestSupport.derby();
    private final TestSupport.Audit audit = new TestSupport.Audit();
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();

    private UserServiceImpl service(Map<String, String> env) {
        return new UserServiceImpl(ds, audit, TestSupport.config(), clock, env::get);
    }

    private UserServiceImpl service() {
        return service(Map.of(UserServiceImpl.ENV_ADMIN_PASSWORD, ENV_PASSWORD));
    }

    private String hashOf(String name) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT password_hash FROM security_user WHERE name = '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getString(1);
        }
    }

    @Test
    void theSamePasswordTwiceGivesDifferentSaltedHashes() throws SQLException {
        UserServiceImpl users = service();
        users.create(User.of("sara", "Sara", Set.of("supervisor"), Set.of("vip"), "fa"), "same-password-1".toCharArray(),
                "admin");
        users.create(User.of("dara", null, Set.of("agent"), Set.of(), "en"), "same-password-1".toCharArray(), "admin");
        String a = hashOf("sara");
        String b = hashOf("dara");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"), a);
        assertFalse(a.contains("same-password-1"));
        assertTrue(PasswordHasher.verify("same-password-1".toCharArray(), a));
        assertTrue(PasswordHasher.verify("same-password-1".toCharArray(), b));
        assertFalse(PasswordHasher.verify("same-password-2".toCharArray(), a));
        assertFalse(PasswordHasher.verify("same-password-1".toCharArray(), "garbage"));
    }

    @Test
    void aUserKeepsRolesQueuesLanguageAndDisplayName() {
        UserServiceImpl users = service();
        User created = users.create(User.of(" Sara ", "سارا رضایی", Set.of("supervisor", "agent"), Set.of("vip", "loans"),
                "fa"), "long-enough-pw".toCharArray(), "admin");
        assertEquals("sara", created.name());
        User u = users.get("SARA").orElseThrow();
        assertEquals("سارا رضایی", u.displayName());
        assertEquals(Set.of("supervisor", "agent"), u.roles());
        assertEquals(Set.of("vip", "loans"), u.queues());
        assertEquals("fa", u.language());
        assertFalse(u.disabled());
        User changed = users.update(new User("sara", "Sara R.", Set.of("supervisor"), Set.of("vip"), "en", true, false, 0,
                null, null, null), "admin");
        assertEquals("en", changed.language());
        assertTrue(changed.disabled());
        assertEquals(Set.of("vip"), changed.queues());
        assertEquals(List.of("admin", "sara"), users.list().stream().map(User::name).toList());
    }

    @Test
    void invalidInputIsRefused() {
        UserServiceImpl users = service();
        char[] pw = "long-enough-pw".toCharArray();
        assertThrows(IllegalArgumentException.class,
                () -> users.create(User.of("bad name", null, Set.of("agent"), Set.of(), "fa"), pw, "admin"));
        assertThrows(IllegalArgumentException.class,
                () -> users.create(User.of("x", null, Set.of("root"), Set.of(), "fa"), pw, "admin"));
        assertThrows(IllegalArgumentException.class,
                () -> users.create(User.of("x", null, Set.of(), Set.of(), "fa"), pw, "admin"));
        assertThrows(IllegalArgumentException.class,
                () -> users.create(User.of("x", null, Set.of("agent"), Set.of(), "de"), pw, "admin"));
        IllegalArgumentException shortPw = assertThrows(IllegalArgumentException.class,
                () -> users.create(User.of("x", null, Set.of("agent"), Set.of(), "fa"), "short".toCharArray(), "admin"));
        assertTrue(shortPw.getMessage().contains("10"), shortPw.getMessage());
        assertTrue(users.get("x").isEmpty());
        users.create(User.of("x", null, Set.of("agent"), Set.of(), "fa"), pw, "admin");
        assertThrows(IllegalStateException.class,
                () -> users.create(User.of("x", null, Set.of("agent"), Set.of(), "fa"), pw, "admin"));
        assertThrows(IllegalArgumentException.class, () -> users.setPassword("x", "123456789".toCharArray(), false, "admin"));
        assertThrows(NoSuchElementException.class, () -> users.setPassword("nobody", pw, false, "admin"));
        assertThrows(NoSuchElementException.class,
                () -> users.update(User.of("nobody", null, Set.of("agent"), Set.of(), "fa"), "admin"));
    }

    @Test
    void theLastEnabledAdminCannotGo() {
        UserServiceImpl users = service();
        assertThrows(IllegalStateException.class, () -> users.delete("admin", "admin"));
        assertThrows(IllegalStateException.class, () -> users.update(User.of("admin", null, Set.of("agent"), Set.of(),
                "fa"), "admin"));
        assertThrows(IllegalStateException.class, () -> users.update(new User("admin", null, Set.of("admin"), Set.of(),
                "fa", true, false, 0, null, null, null), "admin"));
        users.create(User.of("root2", null, Set.of("admin"), Set.of(), "en"), "long-enough-pw".toCharArray(), "admin");
        assertTrue(users.delete("admin", "root2"));
        assertFalse(users.delete("admin", "root2"));
        assertThrows(IllegalStateException.class, () -> users.delete("root2", "root2"));
    }

    @Test
    void everyChangeIsAuditedWithoutPasswords() {
        UserServiceImpl users = service();
        users.create(User.of("sara", null, Set.of("agent"), Set.of(), "fa"), "first-password-1".toCharArray(), "admin");
        users.update(User.of("sara", null, Set.of("supervisor"), Set.of("vip"), "fa"), "admin");
        users.setPassword("sara", "second-password-2".toCharArray(), true, "admin");
        assertTrue(users.get("sara").orElseThrow().mustChangePassword());
        users.unlock("sara", "admin");
        users.delete("sara", "admin");
        List<String> actions = new ArrayList<>();
        for (AuditRecord r : audit.of("user", "sara")) {
            actions.add(r.action());
            assertEquals("admin", r.actor());
            assertFalse(r.detail().contains("password-1") || r.detail().contains("password-2"), r.detail());
            assertFalse(r.detail().contains("pbkdf2"), r.detail());
        }
        assertEquals(List.of("create", "update", "password", "unlock", "delete"), actions);
        assertTrue(audit.of("user", "sara").get(1).detail().contains("\"queues\":[\"vip\"]"));
    }

    @Test
    void theFirstAdminTakesThePasswordFromTheEnvironment() throws SQLException {
        UserServiceImpl users = service();
        User admin = users.get("admin").orElseThrow();
        assertEquals(Set.of("admin"), admin.roles());
        assertFalse(admin.mustChangePassword());
        assertTrue(PasswordHasher.verify(ENV_PASSWORD.toCharArray(), hashOf("admin")));
        assertEquals("create", audit.of("user", "admin").get(0).action());
        assertFalse(audit.of("user", "admin").get(0).detail().contains(ENV_PASSWORD));
        // a second start finds the admin and leaves him alone
        users.setPassword("admin", "changed-later-1".toCharArray(), false, "admin");
        UserServiceImpl again = service(Map.of(UserServiceImpl.ENV_ADMIN_PASSWORD, "another-env-password"));
        assertTrue(PasswordHasher.verify("changed-later-1".toCharArray(), hashOf("admin")));
        assertEquals(1, again.list().size());
    }

    @Test
    void withoutTheEnvironmentTheFirstAdminGetsAGeneratedOneTimePassword() throws SQLException {
        UserServiceImpl users = service(Map.of());
        User admin = users.get("admin").orElseThrow();
        assertTrue(admin.mustChangePassword());
        String hash = hashOf("admin");
        assertTrue(hash.startsWith("pbkdf2-sha256$"));
        assertFalse(PasswordHasher.verify("".toCharArray(), hash));
        assertTrue(audit.of("user", "admin").get(0).detail().contains("generated"));
    }

    @Test
    void withNoEnabledAdminLeftTheStartEnablesTheFirstAdminAgain() throws SQLException {
        UserServiceImpl users = service();
        users.create(User.of("root2", null, Set.of("admin"), Set.of(), "en"), "long-enough-pw".toCharArray(), "admin");
        users.update(new User("admin", null, Set.of("admin"), Set.of(), "fa", true, false, 0, null, null, null), "root2");
        assertThrows(IllegalStateException.class,
                () -> users.update(User.of("root2", null, Set.of("agent"), Set.of(), "fa"), "root2"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) { // e.g. a restored old backup
            s.executeUpdate("UPDATE security_user SET disabled = TRUE");
        }
        service();
        assertFalse(users.get("admin").orElseThrow().disabled());
        assertTrue(PasswordHasher.verify(ENV_PASSWORD.toCharArray(), hashOf("admin")));
        assertTrue(users.get("root2").orElseThrow().disabled());
    }
}
