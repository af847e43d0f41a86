package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.IssuedToken;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.User;
import io.pishkhan.api.security.UserService;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, tokens, Bearer logins, rate limits and paging through the servlet. */
class RestSecurityApiTest {
    /** Users with passwords, as the security bundle keeps them (the last enabled admin cannot go). */
    static final class FakeUsers implements UserService {
        final Map<String, User> users = new TreeMap<>();
        final Map<String, String> passwords = new TreeMap<>();
        final List<String> audit = new ArrayList<>();

        @Override
        public List<User> list() {
            return List.copyOf(users.values());
        }

        @Override
        public Optional<User> get(String name) {
            return Optional.ofNullable(users.get(name.toLowerCase()));
        }

        @Override
        public User create(User u, char[] password, String actor) {
            if (!User.ROLES.containsAll(u.roles()) || u.roles().isEmpty()) {
                throw new IllegalArgumentException("unknown role");
            }
            if (password.length < 10) {
                throw new IllegalArgumentException("the password must have at least 10 characters");
            }
            if (users.containsKey(u.name())) {
                throw new IllegalStateException("user " + u.name() + " exists");
            }
            users.put(u.name(), u);
            passwords.put(u.name(), new String(password));
            audit.add(actor + " create " + u.name());
            return u;
        }

        @Override
        public User update(User u, String actor) {
            users.put(u.name(), u);
            audit.add(actor + " update " + u.name());
            return u;
        }

        @Override
        public void setPassword(String name, char[] password, boolean mustChange, String actor) {
            User u = users.get(name);
            users.put(name, new User(u.name(), u.displayName(), u.roles(), u.queues(), u.language(), u.disabled(),
                    mustChange, 0, null, null, null));
            passwords.put(name, new String(password));
            audit.add(actor + " password " + name);
        }

        @Override
        public void unlock(String name, String actor) {
            audit.add(actor + " unlock " + name);
        }

        @Override
        public boolean delete(String name, String actor) {
            if (name.equals("root")) {
                throw new IllegalStateException("user root is the last enabled admin");
            }
            return users.remove(name) != null;
        }

        @Override
        public int minPasswordLength() {
            return 10;
        }
    }

    static final class FakeTokens implements TokenService {
        final Map<String, ApiToken> tokens = new TreeMap<>();
        final Map<String, String> secrets = new TreeMap<>();
        int n;

        @Override
        public IssuedToken create(String name, String role, Instant expiresAt, String actor) {
            ApiToken t = new ApiToken("t" + (++n), name, role, actor, Instant.now(), expiresAt, null, null);
            tokens.put(t.id(), t);
            secrets.put("pk_secret" + n, t.id());
            return new IssuedToken(t, "pk_secret" + n);
        }

        @Override
        public List<ApiToken> list() {
            return List.copyOf(tokens.values());
        }

        @Override
        public Optional<ApiToken> get(String id) {
            return Optional.ofNullable(tokens.get(id));
        }

        @Override
        public boolean revoke(String id, String actor) {
            ApiToken t = tokens.get(id);
            if (t == null || t.revokedAt() != null) {
                return false;
            }
            tokens.put(id, new ApiToken(t.id(), t.name(), t.role(), t.createdBy(), t.createdAt(), t.expiresAt(),
                    Instant.now(), null));
            return true;
        }

        @Override
        public Optional<ApiToken> verify(String secret) {
            return Optional.ofNullable(secrets.get(secret)).map(tokens::get).filter(t -> t.activeAt(Instant.now()));
        }
    }

    private final FakeUsers users = new FakeUsers();
    private final FakeTokens tokens = new FakeTokens();
    /** Basic against FakeUsers, Bearer against FakeTokens: what the security bundle's authenticator does. */
    private final Authenticator auth = new Authenticator() {
        @Override
        public Optional<Login> login(String user, char[] password) {
            return users.get(user).filter(u -> new String(password).equals(users.passwords.get(u.name())))
                    .map(u -> new Login(u.name(), u.roles()));
        }

        @Override
        public Optional<Login> authenticate(String header) {
            if (header != null && header.startsWith("Bearer ")) {
                return tokens.verify(header.substring(7)).map(t -> new Login(t.principal(), Set.of(t.role())));
            }
            return Authenticator.super.authenticate(header);
        }
    };
    private final List<Conversation> queued = new ArrayList<>();
    private final ConversationStore store = (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConversationStore.class}, (p, m, a) -> {
                if (m.getName().equals("conversations")) {
                    return queued.subList(0, Math.min(queued.size(), (Integer) a[1]));
                }
                throw new UnsupportedOperationException(m.getName());
            });
    private final AtomicLong nanos = new AtomicLong();
    private ApiServlet servlet;

    @BeforeEach
    void setUp() {
        servlet = new ApiServlet(RestFixture.empty(ConversationService.class), store, new AgentDirectoryImpl(),
                new ExtensionTracker(), auth);
        servlet.userService = users;
        servlet.tokenService = tokens;
        servlet.analyticsService = new AnalyticsApiTest.FakeAnalytics();
        users.create(User.of("root", null, Set.of("admin"), Set.of(), "en"), "root-password".toCharArray(), "setup");
        users.create(User.of("sara", "Sara", Set.of("supervisor"), Set.of("vip"), "fa"), "sara-password".toCharArray(),
                "setup");
        for (int i = 0; i < 7; i++) {
            queued.add(new Conversation("c" + i, "cust" + i, "webchat", "a" + i, ConversationState.QUEUED, "vip", null,
                    null, Map.of(), Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T08:00:00Z")));
        }
    }

    private FakeHttp.Response call(FakeHttp.Request req) throws IOException {
        return RestFixture.call(servlet, req);
    }

    private FakeHttp.Request as(String user, String password, String method, String path) {
        return new FakeHttp.Request(method, path).header("Authorization", RestFixture.basic(user, password));
    }

    private FakeHttp.Request root(String method, String path) {
        return as("root", "root-password", method, path);
    }

    private FakeHttp.Request bearer(String secret, String method, String path) {
        return new FakeHttp.Request(method, path).header("Authorization", "Bearer " + secret);
    }

    @Test
    void usersAreManagedWithoutPasswordsInAnswers() throws IOException {
        FakeHttp.Response created = call(root("POST", "/users").body("{\"name\":\"dara\",\"displayName\":\"دارا\","
                + "\"roles\":[\"agent\"],\"queues\":[\"loans\"],\"language\":\"fa\",\"password\":\"dara-password-1\"}"));
        assertEquals(201, created.status, created.text());
        assertFalse(created.text().contains("dara-password-1"));
        assertEquals("دارا", created.json().path("displayName").asText());
        assertTrue(created.json().path("mustChangePassword").asBoolean(), "an admin-set password must be changed");
        assertEquals(List.of("root create dara"), users.audit.subList(2, 3));
        FakeHttp.Response updated = call(root("PUT", "/users/dara").body("{\"roles\":[\"supervisor\"]}"));
        assertEquals(200, updated.status, updated.text());
        assertEquals("supervisor", updated.json().path("roles").get(0).asText());
        assertEquals("loans", updated.json().path("queues").get(0).asText(), "missing fields are kept");
        assertEquals(400, call(root("POST", "/users").body("{\"name\":\"x\",\"roles\":[\"agent\"],\"password\":\"short\"}"))
                .status);
        assertEquals(409, call(root("POST", "/users").body("{\"name\":\"dara\",\"roles\":[\"agent\"],"
                + "\"password\":\"long-enough-1\"}")).status);
        assertEquals(409, call(root("DELETE", "/users/root")).status);
        assertEquals(404, call(root("GET", "/users/nobody")).status);
        assertEquals(200, call(root("POST", "/users/dara/unlock")).status);
        assertEquals(200, call(root("DELETE", "/users/dara")).status);
        assertEquals(404, call(root("DELETE", "/users/dara")).status);
        assertEquals(403, call(as("sara", "sara-password", "GET", "/users")).status);
    }

    @Test
    void passwordsAreSetByAnAdminOrChangedByTheUserHimself() throws IOException {
        FakeHttp.Response reset = call(root("POST", "/users/sara/password").body("{\"password\":\"reset-by-admin\"}"));
        assertEquals(200, reset.status, reset.text());
        assertTrue(reset.json().path("mustChangePassword").asBoolean());
        FakeHttp.Response wrong = call(as("sara", "reset-by-admin", "POST", "/users/sara/password")
                .body("{\"currentPassword\":\"nope\",\"password\":\"my-own-password\"}"));
        assertEquals(400, wrong.status);
        assertEquals("currentPassword is wrong", wrong.json().path("error").asText());
        FakeHttp.Response own = call(as("sara", "reset-by-admin", "POST", "/users/sara/password")
                .body("{\"currentPassword\":\"reset-by-admin\",\"password\":\"my-own-password\"}"));
        assertEquals(200, own.status, own.text());
        assertFalse(own.json().path("mustChangePassword").asBoolean());
        assertEquals("my-own-password", users.passwords.get("sara"));
        assertEquals(403, call(as("sara", "my-own-password", "POST", "/users/root/password")
                .body("{\"currentPassword\":\"my-own-password\",\"password\":\"taken-over-1\"}")).status);
    }

    @Test
    void tokensAreShownOnceAndWorkWithTheirRoleOnly() throws IOException {
        FakeHttp.Response created = call(root("POST", "/tokens").body("{\"name\":\"wallboard\",\"role\":\"supervisor\","
                + "\"expiresInDays\":30}"));
        assertEquals(201, created.status, created.text());
        String secret = created.json().path("secret").asText();
        String id = created.json().path("id").asText();
        assertTrue(secret.startsWith("pk_"));
        FakeHttp.Response list = call(root("GET", "/tokens"));
        assertFalse(list.text().contains(secret), "no secret in the list");
        assertEquals(id, list.json().get(0).path("id").asText());
        assertEquals(200, call(bearer(secret, "GET", "/analytics/kpis")).status, "supervisor may read analytics");
        assertEquals(403, call(bearer(secret, "GET", "/conversations")).status, "but not the administration");
        assertEquals(401, call(bearer("pk_unknown", "GET", "/analytics/kpis")).status);
        String admin = call(root("POST", "/tokens").body("{\"name\":\"crm\",\"role\":\"admin\"}")).json().path("secret")
                .asText();
        assertEquals(200, call(bearer(admin, "GET", "/conversations")).status, "Bearer works where Basic does");
        FakeHttp.Response mint = call(bearer(admin, "POST", "/tokens").body("{\"name\":\"more\",\"role\":\"admin\"}"));
        assertEquals(403, mint.status, "a token cannot mint tokens");
        assertEquals(403, call(bearer(admin, "GET", "/users")).status);
        assertEquals(400, call(root("POST", "/tokens").body("{\"name\":\"x\",\"role\":\"agent\",\"expiresAt\":\"soon\"}"))
                .status);
        assertEquals(200, call(root("DELETE", "/tokens/" + id)).status);
        assertEquals(404, call(root("DELETE", "/tokens/" + id)).status);
        assertEquals(401, call(bearer(secret, "GET", "/analytics/kpis")).status, "revoked");
        assertTrue(call(root("GET", "/tokens/" + id)).json().path("revokedAt").isTextual());
    }

    @Test
    void eachUserHasHisOwnRateLimit() throws IOException {
        servlet.limits(60, 3, 0, 1, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, call(root("GET", "/conversations")).status);
        }
        FakeHttp.Response limited = call(root("GET", "/conversations"));
        assertEquals(429, limited.status);
        assertEquals("1", limited.headers.get("Retry-After"));
        assertEquals(429, limited.json().path("status").asInt());
        assertEquals(1, limited.json().path("retryAfterSeconds").asInt());
        assertTrue(limited.json().path("error").asText().contains("user"), limited.text());
        assertEquals(200, call(as("sara", "sara-password", "GET", "/analytics/kpis")).status, "another user");
        String token = tokens.create("t", "admin", null, "root").secret();
        assertEquals(200, call(bearer(token, "GET", "/conversations")).status, "a token has its own bucket");
        nanos.addAndGet(1_000_000_000L); // one request a second comes back
        assertEquals(200, call(root("GET", "/conversations")).status);
        assertEquals(429, call(root("GET", "/conversations")).status);
    }

    @Test
    void eachClientAddressHasARateLimitBeforeAuthentication() throws IOException {
        servlet.limits(0, 1, 120, 2, nanos::get);
        assertEquals(401, call(as("root", "guess-1", "GET", "/conversations").from("10.0.0.9")).status);
        assertEquals(401, call(as("root", "guess-2", "GET", "/conversations").from("10.0.0.9")).status);
        FakeHttp.Response limited = call(as("root", "guess-3", "GET", "/conversations").from("10.0.0.9"));
        assertEquals(429, limited.status);
        assertTrue(limited.json().path("error").asText().contains("client address"));
        assertEquals(200, call(root("GET", "/conversations").from("10.0.0.10")).status);
        assertEquals(200, call(new FakeHttp.Request("GET", "/health").from("10.0.0.9")).status, "health is not limited");
        nanos.addAndGet(500_000_000L);
        assertEquals(200, call(root("GET", "/conversations").from("10.0.0.9")).status);
    }

    @Test
    void conversationsPageWithLimitOffsetAndALinkToTheNextPage() throws IOException {
        FakeHttp.Response first = call(root("GET", "/conversations").param("state", "QUEUED").param("limit", "3"));
        assertEquals(List.of("c0", "c1", "c2"), ids(first.json()));
        assertEquals("</api/v1/conversations?state=QUEUED&limit=3&offset=3>; rel=\"next\"", first.headers.get("Link"));
        FakeHttp.Response second = call(root("GET", "/conversations").param("state", "QUEUED").param("limit", "3")
                .param("offset", "3"));
        assertEquals(List.of("c3", "c4", "c5"), ids(second.json()));
        FakeHttp.Response last = call(root("GET", "/conversations").param("limit", "3").param("offset", "6"));
        assertEquals(List.of("c6"), ids(last.json()));
        assertNull(last.headers.get("Link"), "no next page");
        assertEquals(400, call(root("GET", "/conversations").param("offset", "-1")).status);
        assertEquals(400, call(root("GET", "/conversations").param("limit", "many")).status);
        assertEquals(400, call(root("GET", "/conversations").param("limit", "500").param("offset", "9600")).status);
        FakeHttp.Response users = call(root("GET", "/users").param("limit", "1"));
        assertEquals(1, users.json().size());
        assertEquals("</api/v1/users?limit=1&offset=1>; rel=\"next\"", users.headers.get("Link"));
    }

    @Test
    void frictionAndKpisCarryTheNextPageInTheAnswer() throws IOException {
        AnalyticsApiTest.FakeAnalytics a = new AnalyticsApiTest.FakeAnalytics();
        servlet.analyticsService = a;
        a.friction = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a.friction.add(new io.pishkhan.api.analytics.FrictionRow(io.pishkhan.api.analytics.FrictionRow.Kind.values()[0],
                    "k" + i, 10 - i, 20, 0.5, List.of()));
        }
        JsonNode page = call(root("GET", "/analytics/friction").param("limit", "2")).json();
        assertEquals(2, page.path("rows").size());
        assertEquals("/api/v1/analytics/friction?limit=2&offset=2", page.path("next").asText());
        JsonNode second = call(root("GET", "/analytics/friction").param("limit", "2").param("offset", "2")).json();
        assertEquals(List.of("k2", "k3"), Arrays.asList(second.path("rows").get(0).path("key").asText(),
                second.path("rows").get(1).path("key").asText()));
        JsonNode kpis = call(root("GET", "/analytics/kpis")).json();
        assertTrue(kpis.has("next") && kpis.path("next").isNull(), kpis.toString());
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(c -> out.add(c.path("id").asText()));
        return out;
    }
}
