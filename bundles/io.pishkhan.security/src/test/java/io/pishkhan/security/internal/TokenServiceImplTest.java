package io.pishkhan.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.IssuedToken;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.security.TokenService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** API tokens: the secret is shown once and stored only as a hash; Bearer logins until revoked or expired. */
class TokenServiceImplTest {
    private final DataSource ds = TestSupport.derby();
    private final TestSupport.Audit audit = new TestSupport.Audit();
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock();
    private final TokenServiceImpl tokens = new TokenServiceImpl(ds, audit, clock);
    private final StoreAuthenticator auth = new StoreAuthenticator(new UserServiceImpl(ds, audit, TestSupport.config(),
            clock, Map.<String, String>of()::get), tokens, new TestSupport.FakeRealm());

    @Test
    void aTokenIsShownOnceAndStoredAsAHash() throws SQLException {
        IssuedToken issued = tokens.create("crm-sync", "agent", null, "admin");
        assertTrue(issued.secret().startsWith("pk_"));
        assertEquals(46, issued.secret().length(), "pk_ + 43 base64url characters of 32 bytes");
        assertFalse(issued.toString().contains(issued.secret()));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM security_token")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertFalse(String.valueOf(rs.getObject(i)).contains(issued.secret().substring(3)));
            }
            assertEquals(PasswordHasher.sha256(issued.secret()), rs.getString("secret_sha256"));
        }
        assertEquals(List.of(issued.token().id()), tokens.list().stream().map(ApiToken::id).toList());
        assertEquals("create", audit.of(TokenService.AUDIT_KIND, issued.token().id()).get(0).action());
        assertFalse(audit.records.toString().contains(issued.secret()));
        assertTrue(tokens.create("other", "admin", null, "admin").secret() != null);
        assertEquals(2, tokens.list().size());
    }

    @Test
    void bearerTokensLogInWithTheirRoleUntilRevoked() {
        IssuedToken issued = tokens.create("crm-sync", "supervisor", null, "admin");
        Optional<Login> login = auth.authenticate("Bearer " + issued.secret());
        assertEquals(Optional.of(new Login("token:" + issued.token().id(), Set.of("supervisor"))), login);
        assertEquals(login, auth.authenticate("bearer " + issued.secret()));
        assertTrue(auth.authenticate("Bearer " + issued.secret() + "x").isEmpty());
        assertTrue(auth.authenticate("Bearer pk_nothing").isEmpty());
        assertTrue(auth.authenticate("Bearer ").isEmpty());
        assertTrue(tokens.get(issued.token().id()).orElseThrow().lastUsedAt() != null);
        assertTrue(tokens.revoke(issued.token().id(), "admin"));
        assertFalse(tokens.revoke(issued.token().id(), "admin"));
        assertTrue(auth.authenticate("Bearer " + issued.secret()).isEmpty());
        assertTrue(tokens.get(issued.token().id()).orElseThrow().revokedAt() != null);
        assertEquals("revoke", audit.of(TokenService.AUDIT_KIND, issued.token().id()).get(1).action());
    }

    @Test
    void expiredTokensAreRefused() {
        IssuedToken issued = tokens.create("temp", "agent", clock.instant().plus(Duration.ofHours(1)), "admin");
        assertTrue(tokens.verify(issued.secret()).isPresent());
        clock.advance(Duration.ofMinutes(59));
        assertTrue(tokens.verify(issued.secret()).isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(tokens.verify(issued.secret()).isEmpty());
        assertNull(tokens.get(issued.token().id()).orElseThrow().revokedAt());
    }

    @Test
    void badTokensAreNotCreated() {
        assertThrows(IllegalArgumentException.class, () -> tokens.create(" ", "agent", null, "admin"));
        assertThrows(IllegalArgumentException.class, () -> tokens.create("x", "root", null, "admin"));
        assertThrows(IllegalArgumentException.class, () -> tokens.create("x", "agent", clock.instant(), "admin"));
        assertTrue(tokens.list().isEmpty());
    }
}
