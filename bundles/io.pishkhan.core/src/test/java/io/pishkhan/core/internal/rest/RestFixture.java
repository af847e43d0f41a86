package io.pishkhan.core.internal.rest;

import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** An ApiServlet over services that answer nothing (empty lists, empty optionals, zeros), and users with roles. */
final class RestFixture {
    static final Map<String, Set<String>> USERS = Map.of("root", Set.of("admin"), "sara", Set.of("supervisor"),
            "alice", Set.of("agent"));
    static final Authenticator AUTH = (user, password) -> USERS.containsKey(user) && new String(password).equals("pw")
            ? Optional.of(new Login(user, USERS.get(user))) : Optional.empty();

    private RestFixture() {
    }

    /** A service whose every method returns an empty or zero value, and throws IllegalStateException for an entity. */
    static <T> T empty(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            Class<?> r = m.getReturnType();
            if (m.getName().equals("toString")) {
                return "empty " + type.getSimpleName();
            }
            if (r == Optional.class) {
                return Optional.empty();
            }
            if (r == List.class || r == Collection.class) {
                return List.of();
            }
            if (r == Set.class) {
                return Set.of();
            }
            if (r == Map.class) {
                return Map.of();
            }
            if (r == Stream.class) {
                return Stream.empty();
            }
            if (r == boolean.class) {
                return false;
            }
            if (r == int.class || r == long.class || r == double.class || r == short.class) {
                return r == int.class ? (Object) 0 : r == long.class ? (Object) 0L : r == double.class ? (Object) 0.0
                        : (Object) (short) 0;
            }
            if (r == void.class) {
                return null;
            }
            if (r == String.class) {
                return "";
            }
            // an entity: a 409 from the servlet, which counts as served and logs nothing (a null would be a 500)
            throw new IllegalStateException("the test service has no " + r.getSimpleName());
        }));
    }

    /** A servlet with every optional service present (empty) and rate limits off. */
    static ApiServlet servlet(Authenticator auth) {
        ApiServlet s = new ApiServlet(empty(ConversationService.class), empty(ConversationStore.class),
                new AgentDirectoryImpl(), new ExtensionTracker(), auth);
        s.limits(0, 1, 0, 1, System::nanoTime);
        set(s, "ruleSets", empty(io.pishkhan.api.routing.RuleSetService.class));
        set(s, "knowledgeBase", empty(io.pishkhan.api.kb.KnowledgeBase.class));
        set(s, "intents", empty(io.pishkhan.api.nlu.IntentService.class));
        set(s, "flows", empty(io.pishkhan.api.bot.FlowService.class));
        ExtensionTracker tracker = (ExtensionTracker) get(s, "extensions");
        invoke(tracker, "bindBlacklist", io.pishkhan.api.routing.BlacklistService.class,
                empty(io.pishkhan.api.routing.BlacklistService.class));
        invoke(tracker, "bindHours", io.pishkhan.api.routing.BusinessHoursService.class,
                empty(io.pishkhan.api.routing.BusinessHoursService.class));
        s.analyticsService = empty(io.pishkhan.api.analytics.AnalyticsService.class);
        s.backupService = empty(io.pishkhan.api.admin.BackupService.class);
        s.pluginService = empty(io.pishkhan.api.admin.PluginService.class);
        s.configurationService = empty(io.pishkhan.api.admin.ConfigurationService.class);
        s.configTransferService = empty(io.pishkhan.api.admin.ConfigTransferService.class);
        s.userService = empty(io.pishkhan.api.security.UserService.class);
        s.tokenService = empty(io.pishkhan.api.security.TokenService.class);
        return s;
    }

    static Object get(Object target, String field) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void invoke(Object target, String method, Class<?> type, Object arg) {
        try {
            var m = target.getClass().getDeclaredMethod(method, type);
            m.setAccessible(true);
            m.invoke(target, arg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static FakeHttp.Response call(ApiServlet servlet, FakeHttp.Request req) throws IOException {
        FakeHttp.Response resp = new FakeHttp.Response();
        servlet.service(req.servlet(), resp.servlet());
        return resp;
    }

    /** A request of user {@code user} (password pw); null: no credentials. */
    static FakeHttp.Request as(String user, String method, String path) {
        FakeHttp.Request r = new FakeHttp.Request(method, path);
        return user == null ? r : r.header("Authorization", basic(user, "pw"));
    }
}
