package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The servlet lets supervisors into the analytics resources only, and the analytics service comes and goes. */
class ApiServletAnalyticsTest {
    private static final Map<String, Set<String>> USERS = Map.of("root", Set.of("admin"),
            "sara", Set.of("supervisor", "agent"), "alice", Set.of("agent"));

    private final Authenticator auth = (user, password) -> USERS.containsKey(user)
            && new String(password).equals("pw") ? Optional.of(new Login(user, USERS.get(user))) : Optional.empty();
    private final ApiServlet servlet = new ApiServlet(unused(ConversationService.class), unused(ConversationStore.class),
            new AgentDirectoryImpl(), new ExtensionTracker(), auth);

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    private FakeHttp.Response call(String user, String method, String path) throws IOException {
        FakeHttp.Request req = new FakeHttp.Request(method, path);
        if (user != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8)));
        }
        FakeHttp.Response resp = new FakeHttp.Response();
        servlet.service(req.servlet(), resp.servlet());
        return resp;
    }

    @Test
    void supervisorsReachAnalyticsButNotTheAdministration() throws IOException {
        servlet.analyticsService = new AnalyticsApiTest.FakeAnalytics();
        assertEquals(401, call(null, "GET", "/analytics/kpis").status);
        assertEquals(200, call("sara", "GET", "/analytics/kpis").status);
        assertEquals(200, call("sara", "GET", "/analytics").status);
        FakeHttp.Response admin = call("sara", "GET", "/conversations");
        assertEquals(403, admin.status);
        assertEquals("role admin required", admin.json().get("error").asText());
        assertEquals(403, call("alice", "GET", "/analytics/wallboard").status);
        assertEquals(403, call("sara", "POST", "/analytics/rebuild").status);
        assertEquals(202, call("root", "POST", "/analytics/rebuild").status);
    }

    @Test
    void theAnalyticsServiceIsOptional() throws IOException {
        FakeHttp.Response r = call("root", "GET", "/analytics/kpis");
        assertEquals(503, r.status);
        assertTrue(r.json().get("error").asText().contains("not available"));
        assertEquals(200, call("root", "GET", "/analytics").status, "processor snapshots need no service");
        servlet.analyticsService = new AnalyticsApiTest.FakeAnalytics();
        assertEquals(200, call("root", "GET", "/analytics/kpis").status);
    }
}
