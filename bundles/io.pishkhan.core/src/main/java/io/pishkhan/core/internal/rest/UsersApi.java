package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.security.ApiToken;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.IssuedToken;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.User;
import io.pishkhan.api.security.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Users and API tokens (role {@code admin}; a user of the own store may change his own password with
 * {@code currentPassword}). Requests authenticated with an API token cannot manage users or tokens: a leaked token
 * must not be able to mint more.
 *
 * <pre>
 * GET    /api/v1/users?limit=&amp;offset=            the own store's users (no password material)
 * POST   /api/v1/users                           {"name","displayName","roles":[],"queues":[],"language","password",
 *                                                 "mustChangePassword"} -&gt; 201
 * GET    /api/v1/users/{name}
 * PUT    /api/v1/users/{name}                    {"displayName","roles","queues","language","disabled"} (missing: kept)
 * DELETE /api/v1/users/{name}                    409 for the last enabled admin
 * POST   /api/v1/users/{name}/password           {"password","mustChange"} (admin) or {"currentPassword","password"}
 * POST   /api/v1/users/{name}/unlock             ends a lockout (also of a Karaf realm user)
 * GET    /api/v1/tokens?limit=&amp;offset=           tokens without secrets, newest first
 * POST   /api/v1/tokens                          {"name","role","expiresAt" (ISO instant) or "expiresInDays"} -&gt; 201
 *                                                 with "secret" (shown once)
 * GET    /api/v1/tokens/{id}
 * DELETE /api/v1/tokens/{id}                     revokes it
 * </pre>
 */
final class UsersApi {
    private final Supplier<UserService> users;
    private final Supplier<TokenService> tokens;
    private final Authenticator auth;

    UsersApi(Supplier<UserService> users, Supplier<TokenService> tokens, Authenticator auth) {
        this.users = users;
        this.tokens = tokens;
        this.auth = auth;
    }

    /** @return false when the path is not a users or tokens resource */
    boolean handle(String method, String[] p, Login login, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (!p[0].equals("users") && !p[0].equals("tokens")) {
            return false;
        }
        boolean self = p[0].equals("users") && p.length == 3 && p[2].equals("password") && method.equals("POST")
                && User.of(p[1], null, Set.of(), Set.of(), null).name().equals(login.user());
        if (!login.hasRole("admin") && !self) {
            ApiServlet.error(resp, 403, "role admin required");
            return true;
        }
        if (login.user().startsWith("token:")) {
            ApiServlet.error(resp, 403, "users and tokens cannot be managed with an API token; log in as a user");
            return true;
        }
        if (p[0].equals("users")) {
            UserService s = users.get();
            if (s == null) {
                ApiServlet.error(resp, 503, "the user store (bundle io.pishkhan.security) is not installed");
            } else {
                users(s, method, p, login, req, resp);
            }
        } else {
            TokenService s = tokens.get();
            if (s == null) {
                ApiServlet.error(resp, 503, "API tokens (bundle io.pishkhan.security) are not installed");
            } else {
                tokens(s, method, p, login.user(), req, resp);
            }
        }
        return true;
    }

    private void users(UserService s, String method, String[] p, Login login, HttpServletRequest req,
            HttpServletResponse resp) throws IOException {
        String actor = login.user();
        if (p.length == 1 && method.equals("GET")) {
            Paging paging = Paging.of(req, 100, 1000);
            List<User> all = s.list();
            paging.next(req, resp, paging.hasNext(all));
            ApiServlet.write(resp, 200, paging.page(all).stream().map(UsersApi::user).toList());
        } else if (p.length == 1 && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req);
            User u = new User(ApiServlet.text(b, "name"), ApiServlet.optional(b, "displayName"),
                    ApiServlet.strings(b, "roles"), ApiServlet.strings(b, "queues"), ApiServlet.optional(b, "language"),
                    b.path("disabled").asBoolean(false), b.path("mustChangePassword").asBoolean(true), 0, null, null,
                    null);
            char[] password = ApiServlet.text(b, "password").toCharArray();
            try {
                ApiServlet.write(resp, 201, user(s.create(u, password, actor)));
            } finally {
                Arrays.fill(password, '\0');
            }
        } else if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, user(find(s, p[1])));
        } else if (p.length == 2 && method.equals("PUT")) {
            User old = find(s, p[1]);
            JsonNode b = ApiServlet.body(req);
            User u = new User(old.name(), b.has("displayName") ? ApiServlet.optional(b, "displayName") : old.displayName(),
                    b.has("roles") ? ApiServlet.strings(b, "roles") : old.roles(),
                    b.has("queues") ? ApiServlet.strings(b, "queues") : old.queues(),
                    ApiServlet.optional(b, "language", old.language()), b.path("disabled").asBoolean(old.disabled()),
                    old.mustChangePassword(), old.failedLogins(), old.lockedUntil(), old.createdAt(), old.updatedAt());
            ApiServlet.write(resp, 200, user(s.update(u, actor)));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!s.delete(p[1], actor)) {
                throw new NoSuchElementException("no user " + p[1]);
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else if (p.length == 3 && p[2].equals("password") && method.equals("POST")) {
            User u = find(s, p[1]);
            JsonNode b = ApiServlet.body(req);
            char[] password = ApiServlet.text(b, "password").toCharArray();
            try {
                boolean own = u.name().equals(login.user());
                boolean mustChange;
                if (own) { // also an admin changing his own password proves he knows it
                    char[] current = ApiServlet.text(b, "currentPassword").toCharArray();
                    try {
                        if (auth.login(u.name(), current).isEmpty()) {
                            throw new IllegalArgumentException("currentPassword is wrong");
                        }
                    } finally {
                        Arrays.fill(current, '\0');
                    }
                    mustChange = false;
                } else {
                    mustChange = b.path("mustChange").asBoolean(true);
                }
                s.setPassword(u.name(), password, mustChange, actor);
            } finally {
                Arrays.fill(password, '\0');
            }
            ApiServlet.write(resp, 200, user(find(s, u.name())));
        } else if (p.length == 3 && p[2].equals("unlock") && method.equals("POST")) {
            s.unlock(p[1], actor);
            ApiServlet.write(resp, 200, Map.of("unlocked", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private static User find(UserService s, String name) {
        return s.get(name).orElseThrow(() -> new NoSuchElementException("no user " + name));
    }

    private static void tokens(TokenService s, String method, String[] p, String actor, HttpServletRequest req,
            HttpServletResponse resp) throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            Paging paging = Paging.of(req, 100, 1000);
            List<ApiToken> all = s.list();
            paging.next(req, resp, paging.hasNext(all));
            ApiServlet.write(resp, 200, paging.page(all).stream().map(UsersApi::token).toList());
        } else if (p.length == 1 && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req);
            Instant expiresAt = null;
            String at = ApiServlet.optional(b, "expiresAt");
            if (at != null) {
                try {
                    expiresAt = Instant.parse(at);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expiresAt must be an ISO instant, e.g. 2027-01-01T00:00:00Z");
                }
            } else if (b.has("expiresInDays")) {
                int days = b.path("expiresInDays").asInt(0);
                if (days < 1 || days > 3650) {
                    throw new IllegalArgumentException("expiresInDays must be between 1 and 3650");
                }
                expiresAt = Instant.now().plus(Duration.ofDays(days));
            }
            IssuedToken t = s.create(ApiServlet.text(b, "name"), ApiServlet.text(b, "role"), expiresAt, actor);
            Map<String, Object> out = token(t.token());
            out.put("secret", t.secret());
            ApiServlet.write(resp, 201, out);
        } else if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, token(s.get(p[1]).orElseThrow(() -> new NoSuchElementException("no token " + p[1]))));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!s.revoke(p[1], actor)) {
                throw new NoSuchElementException("no active token " + p[1]);
            }
            ApiServlet.write(resp, 200, Map.of("revoked", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("displayName", u.displayName());
        m.put("roles", u.roles().stream().sorted().toList());
        m.put("queues", u.queues().stream().sorted().toList());
        m.put("language", u.language());
        m.put("disabled", u.disabled());
        m.put("mustChangePassword", u.mustChangePassword());
        m.put("failedLogins", u.failedLogins());
        m.put("lockedUntil", Json.time(u.lockedUntil()));
        m.put("createdAt", Json.time(u.createdAt()));
        m.put("updatedAt", Json.time(u.updatedAt()));
        return m;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("role", t.role());
        m.put("principal", t.principal());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", Json.time(t.createdAt()));
        m.put("expiresAt", Json.time(t.expiresAt()));
        m.put("revokedAt", Json.time(t.revokedAt()));
        m.put("lastUsedAt", Json.time(t.lastUsedAt()));
        m.put("active", t.activeAt(Instant.now()));
        return m;
    }
}
