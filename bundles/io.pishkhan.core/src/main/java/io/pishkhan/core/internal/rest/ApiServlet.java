package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.Login;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.core.internal.AgentDirectoryImpl;
import io.pishkhan.core.internal.ExtensionTracker;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;

import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import io.pishkhan.api.routing.RuleSetService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's REST API under {@code /api/v1} on the one HTTP port, described by the OpenAPI 3 document
 * {@code GET /api/v1/openapi.json} ({@link Routes}: the servlet serves exactly the paths and methods it documents; an
 * unknown path is a 404, another method a 405 with {@code Allow}). {@code GET /api/v1/health} and the document are
 * open; every other call needs HTTP Basic credentials (the {@link Authenticator}: the appliance's own users, then the
 * JAAS realm) or {@code Authorization: Bearer <API token>}, with role {@code admin}, except
 * {@code /api/v1/analytics/**} ({@link AnalyticsApi}), which role {@code supervisor} may read too, and a user changing
 * his own password ({@link UsersApi}: users and tokens).
 *
 * <p>Rate limits ({@link RestConfig}, pid {@value #PID}): token buckets per client address (before authentication)
 * and per user or token; exceeded: 429 with {@code Retry-After} and a JSON body. Lists page with {@code limit} and
 * {@code offset} ({@link Paging}: a {@code Link rel="next"} header). Every error is JSON
 * {@code {"error": "...", "status": n}}.
 *
 * <pre>
 * GET  /api/v1/health
 * GET  /api/v1/openapi.json                  this API as OpenAPI 3 (no authentication)
 * GET  /api/v1/conversations?state=QUEUED&amp;limit=50&amp;offset=0
 * GET  /api/v1/conversations/{id}            conversation, transcript and events
 * POST /api/v1/conversations/{id}/messages   {"agentId":"alice","text":"..."}
 * POST /api/v1/conversations/{id}/resolve
 * POST /api/v1/conversations/{id}/accept     {"agentId":"alice"}   (an OFFERED conversation)
 * POST /api/v1/conversations/{id}/decline    {"agentId":"alice"}
 * POST /api/v1/conversations/{id}/notes      {"agentId":"alice","text":"..."}   internal note
 * POST /api/v1/conversations/{id}/transfer   {"byAgentId":"alice","toQueueId":"vip"} or {"toAgentId":"bob"}
 * GET  /api/v1/customers?channel=webchat&amp;address=...   a customer by one of his identities
 * GET  /api/v1/customers/{id}                profile: identities on every channel, attributes
 * GET  /api/v1/customers/{id}/conversations  his conversations on every channel, newest first (paged)
 * GET  /api/v1/agents
 * PUT  /api/v1/agents/{id}/presence          {"presence":"AWAY"}
 * GET  /api/v1/extensions                    installed and selected plugins of each kind
 * </pre>
 * the analytics of {@link AnalyticsApi} (processor snapshots, KPIs and friction as JSON or CSV, wallboard, rebuild),
 * the routing administration of {@link RoutingApi} (queues, skills, agent profiles, audit, rule sets), and the
 * chatbot administration of {@link BotApi} (knowledge base, intent models, flows).
 */
@Component(service = Servlet.class, configurationPid = ApiServlet.PID,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.OPTIONAL, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/v1/*",
        "osgi.http.whiteboard.servlet.name=pishkhan-api"})
@org.osgi.service.metatype.annotations.Designate(ocd = RestConfig.class)
public class ApiServlet extends HttpServlet {
    static final String PID = "io.pishkhan.core.rest";
    static final int DEFAULT_USER_PER_MINUTE = 3000;
    static final int DEFAULT_USER_BURST = 500;
    static final int DEFAULT_ADDRESS_PER_MINUTE = 6000;
    static final int DEFAULT_ADDRESS_BURST = 1000;
    /** Conversations a page may reach (offset + limit): the store cannot skip rows. */
    static final int MAX_CONVERSATION_WINDOW = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final int MAX_BODY = 64 * 1024;
    /** Imports and training sets (a knowledge base CSV, 10,000 labelled examples). */
    static final int MAX_UPLOAD = 16 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final transient ConversationService conversations;
    private final transient ConversationStore store;
    private final transient AgentDirectoryImpl agents;
    private final transient ExtensionTracker extensions;
    private final transient Authenticator auth;
    private final transient RoutingApi routing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuleSetService ruleSets;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.pishkhan.api.kb.KnowledgeBase knowledgeBase;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.pishkhan.api.nlu.IntentService intents;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.pishkhan.api.bot.FlowService flows;
    private final transient BotApi bot = new BotApi(() -> knowledgeBase, () -> intents, () -> flows);
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.analytics.AnalyticsService analyticsService;
    private final transient AnalyticsApi analytics;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.admin.BackupService backupService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.admin.PluginService pluginService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.admin.ConfigurationService configurationService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.admin.ConfigTransferService configTransferService;
    private final transient AdminApi admin = new AdminApi(() -> backupService, () -> pluginService,
            () -> configurationService, () -> configTransferService);
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.security.UserService userService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.security.TokenService tokenService;
    private final transient UsersApi users;
    private final transient Routes routes = Routes.load();
    /** Off only in the test that probes for routes the document misses. */
    transient boolean routeCheck = true;
    private transient volatile RateLimiter userLimit;
    private transient volatile RateLimiter addressLimit;

    /**
     * The highest-ranked authenticator, rebound in place (dynamic, greedy) when the security bundle's one arrives
     * after the servlet: re-creating the servlet for it re-registered it with Pax Web during boot.
     */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    /** Declarative Services constructor. */
    @Activate
    public ApiServlet(@Reference ConversationService conversations, @Reference ConversationStore store,
            @Reference AgentDirectoryImpl agents, @Reference ExtensionTracker extensions, RestConfig config) {
        this(conversations, store, agents, extensions, (Authenticator) null);
        modified(config);
    }

    /** With the default rate limits. */
    ApiServlet(ConversationService conversations, ConversationStore store, AgentDirectoryImpl agents,
            ExtensionTracker extensions, Authenticator given) {
        Authenticator auth = given != null ? given : Authenticator.forwarding(() -> authenticator);
        this.users = new UsersApi(() -> userService, () -> tokenService, auth);
        limits(DEFAULT_USER_PER_MINUTE, DEFAULT_USER_BURST, DEFAULT_ADDRESS_PER_MINUTE, DEFAULT_ADDRESS_BURST,
                System::nanoTime);
        this.conversations = conversations;
        this.store = store;
        this.agents = agents;
        this.extensions = extensions;
        this.auth = auth;
        this.routing = new RoutingApi(agents, agents, conversations, () -> ruleSets,
                () -> extensions.blacklist().orElse(null), () -> extensions.businessHours().orElse(null));
        this.analytics = new AnalyticsApi(() -> analyticsService, extensions::processors, java.time.Clock.systemUTC());
    }

    @org.osgi.service.component.annotations.Modified
    void modified(RestConfig c) {
        limits(c.rateLimit_perUserPerMinute(), c.rateLimit_perUserBurst(), c.rateLimit_perAddressPerMinute(),
                c.rateLimit_perAddressBurst(), System::nanoTime);
    }

    /** Replaces the rate limiters (their buckets start full). */
    final void limits(int userPerMinute, int userBurst, int addressPerMinute, int addressBurst,
            java.util.function.LongSupplier nanos) {
        this.userLimit = new RateLimiter(userPerMinute, userBurst, nanos);
        this.addressLimit = new RateLimiter(addressPerMinute, addressBurst, nanos);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String method = req.getMethod();
        try {
            if (parts.length == 1 && (parts[0].equals("health") || parts[0].equals("openapi.json"))
                    && !method.equals("GET")) {
                resp.setHeader("Allow", "GET");
                error(resp, 405, method + " not allowed on " + path + "; use GET");
                return;
            }
            if (parts.length == 1 && parts[0].equals("health")) {
                health(resp);
                return;
            }
            long wait = addressLimit.acquire("address:" + req.getRemoteAddr());
            if (wait > 0) {
                tooManyRequests(resp, wait, "client address");
                return;
            }
            if (parts.length == 1 && parts[0].equals("openapi.json")) {
                resp.setStatus(200);
                resp.setContentType("application/json");
                resp.setCharacterEncoding("UTF-8");
                resp.setHeader("Cache-Control", "max-age=300");
                resp.getOutputStream().write(routes.document());
                return;
            }
            Optional<Login> login = auth.authenticate(req.getHeader("Authorization"));
            if (login.isEmpty()) {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"pishkhan\", charset=\"UTF-8\"");
                error(resp, 401, "authentication required (HTTP Basic, or Bearer with an API token)");
                return;
            }
            wait = userLimit.acquire("user:" + login.get().user());
            if (wait > 0) {
                tooManyRequests(resp, wait, "user");
                return;
            }
            if (routeCheck) {
                Optional<java.util.Set<String>> allowed = routes.methods(parts);
                if (allowed.isEmpty()) {
                    error(resp, 404, "no such resource: " + path + " (see /api/v1/openapi.json)");
                    return;
                }
                if (!allowed.get().contains(method)) {
                    resp.setHeader("Allow", String.join(", ", allowed.get()));
                    error(resp, 405, method + " not allowed on " + path + "; use " + String.join(", ", allowed.get()));
                    return;
                }
            }
            if (analytics.handle(method, parts, login.get(), req, resp)) {
                return; // checks its own roles (supervisor or admin)
            }
            if (users.handle(method, parts, login.get(), req, resp)) {
                return; // checks its own roles (admin; a user may change his own password)
            }
            if (!login.get().hasRole("admin")) {
                error(resp, 403, "role admin required");
                return;
            }
            if (!routing.handle(method, parts, login.get().user(), req, resp)
                    && !bot.handle(method, parts, login.get().user(), req, resp)
                    && !admin.handle(method, parts, login.get().user(), req, resp)) {
                dispatch(method, parts, login.get().user(), req, resp);
            }
        } catch (IllegalArgumentException e) { // includes InvalidMessageException
            error(resp, 400, e.getMessage());
        } catch (NoSuchElementException e) {
            error(resp, 404, e.getMessage());
        } catch (IllegalStateException e) {
            error(resp, 409, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            error(resp, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void dispatch(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        switch (p[0]) {
            case "conversations" -> {
                if (p.length == 1 && method.equals("GET")) {
                    ConversationState state = ConversationState.valueOf(
                            Optional.ofNullable(req.getParameter("state")).orElse("QUEUED").toUpperCase(Locale.ROOT));
                    Paging paging = Paging.of(req, 50, 500);
                    if (paging.offset() + paging.limit() > MAX_CONVERSATION_WINDOW) {
                        throw new IllegalArgumentException("offset + limit may be at most " + MAX_CONVERSATION_WINDOW
                                + " for conversations");
                    }
                    var all = store.conversations(state, paging.fetch());
                    paging.next(req, resp, paging.hasNext(all));
                    write(resp, 200, paging.page(all).stream().map(Json::conversation).toList());
                } else if (p.length == 2 && method.equals("GET")) {
                    Conversation c = conversations.conversation(p[1])
                            .orElseThrow(() -> new NoSuchElementException("no conversation " + p[1]));
                    Map<String, Object> out = Json.conversation(c);
                    out.put("messages", conversations.transcript(c.id()).stream().map(Json::message).toList());
                    out.put("events", store.events(c.id()).stream().map(Json::event).toList());
                    out.put("attachments", conversations.attachments(c.id()).stream().map(Json::attachment).toList());
                    write(resp, 200, out);
                } else if (p.length == 4 && p[2].equals("attachments") && method.equals("GET")) {
                    var info = conversations.attachments(p[1]).stream().filter(a -> a.id().equals(p[3])).findFirst()
                            .orElseThrow(() -> new NoSuchElementException("no attachment " + p[3] + " in " + p[1]));
                    byte[] bytes = conversations.attachmentContent(info.id())
                            .orElseThrow(() -> new NoSuchElementException("no attachment " + p[3]));
                    resp.setStatus(200);
                    // always a download, never rendered by the browser in the appliance's origin
                    resp.setContentType("application/octet-stream");
                    resp.setHeader("X-Content-Type-Options", "nosniff");
                    resp.setHeader("Content-Security-Policy", "sandbox");
                    resp.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                            + java.net.URLEncoder.encode(info.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                                    .replace("+", "%20"));
                    resp.setHeader("X-Pishkhan-Content-Type", info.contentType());
                    resp.setContentLength(bytes.length);
                    resp.getOutputStream().write(bytes);
                } else if (p.length == 3 && p[2].equals("messages") && method.equals("POST")) {
                    JsonNode body = body(req);
                    String viaChannel = optional(body, "viaChannel");
                    var m = conversations.replyAsAgent(p[1], text(body, "agentId"), text(body, "text"),
                            viaChannel == null ? null : new io.pishkhan.api.model.Identity(viaChannel,
                                    text(body, "viaAddress")));
                    write(resp, 201, Json.message(m));
                } else if (p.length == 3 && p[2].equals("resolve") && method.equals("POST")) {
                    write(resp, 200, Json.conversation(conversations.resolve(p[1])));
                } else if (p.length == 3 && p[2].equals("accept") && method.equals("POST")) {
                    write(resp, 200, Json.conversation(conversations.accept(p[1], text(body(req), "agentId"))));
                } else if (p.length == 3 && p[2].equals("decline") && method.equals("POST")) {
                    write(resp, 200, Json.conversation(conversations.decline(p[1], text(body(req), "agentId"))));
                } else if (p.length == 3 && p[2].equals("notes") && method.equals("POST")) {
                    JsonNode body = body(req);
                    write(resp, 201, Json.message(conversations.addNote(p[1], text(body, "agentId"), text(body, "text"))));
                } else if (p.length == 3 && p[2].equals("transfer") && method.equals("POST")) {
                    JsonNode body = body(req);
                    write(resp, 200, Json.conversation(conversations.transfer(p[1], optional(body, "byAgentId"),
                            optional(body, "toQueueId"), optional(body, "toAgentId"))));
                } else {
                    notFound(resp);
                }
            }
            case "agents" -> {
                Map<String, Integer> active = store.activeConversationsByAgent();
                if (p.length == 1 && method.equals("GET")) {
                    write(resp, 200, agents.agents().stream().map(a -> Json.agent(a, active.getOrDefault(a.id(), 0))).toList());
                } else if (p.length == 3 && p[2].equals("presence") && method.equals("PUT")) {
                    Presence presence = Presence.valueOf(text(body(req), "presence").toUpperCase(Locale.ROOT));
                    var a = agents.setPresence(p[1], presence);
                    write(resp, 200, Json.agent(a, active.getOrDefault(a.id(), 0)));
                } else {
                    notFound(resp);
                }
            }
            case "customers" -> {
                if (p.length == 1 && method.equals("GET")) {
                    String channel = req.getParameter("channel");
                    String address = req.getParameter("address");
                    if (channel == null || channel.isBlank() || address == null || address.isBlank()) {
                        throw new IllegalArgumentException("parameters channel and address are required");
                    }
                    write(resp, 200, Json.customer(store.customerByIdentity(
                            new io.pishkhan.api.model.Identity(channel, address)).orElseThrow(
                                    () -> new NoSuchElementException("no customer with that identity"))));
                } else if (p.length == 2 && method.equals("GET")) {
                    write(resp, 200, Json.customer(conversations.customer(p[1])
                            .orElseThrow(() -> new NoSuchElementException("no customer " + p[1]))));
                } else if (p.length == 3 && p[2].equals("conversations") && method.equals("GET")) {
                    conversations.customer(p[1]).orElseThrow(() -> new NoSuchElementException("no customer " + p[1]));
                    Paging paging = Paging.of(req, 50, 500);
                    if (paging.offset() + paging.limit() > MAX_CONVERSATION_WINDOW) {
                        throw new IllegalArgumentException("offset + limit may be at most " + MAX_CONVERSATION_WINDOW);
                    }
                    var all = store.conversationsOfCustomer(p[1], paging.fetch());
                    paging.next(req, resp, paging.hasNext(all));
                    write(resp, 200, paging.page(all).stream().map(Json::conversation).toList());
                } else if (p.length == 3 && p[2].equals("merge") && method.equals("POST")) {
                    String from = text(body(req), "from");
                    write(resp, 200, Json.customer(conversations.mergeCustomers(from, p[1], actor)));
                } else if (p.length == 3 && p[2].equals("split") && method.equals("POST")) {
                    JsonNode body = body(req);
                    io.pishkhan.api.model.Identity identity = new io.pishkhan.api.model.Identity(text(body, "channel"),
                            text(body, "address"));
                    write(resp, 201, Json.customer(conversations.splitIdentity(p[1], identity, actor)));
                } else {
                    notFound(resp);
                }
            }
            case "extensions" -> {
                if (p.length == 1 && method.equals("GET")) {
                    write(resp, 200, extensions.describe());
                } else {
                    notFound(resp);
                }
            }
            default -> notFound(resp);
        }
    }

    private void health(HttpServletResponse resp) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean storeUp;
        try {
            store.conversations(ConversationState.QUEUED, 1);
            storeUp = true;
        } catch (RuntimeException e) {
            storeUp = false;
        }
        out.put("status", storeUp ? "UP" : "DOWN");
        out.put("store", storeUp ? "UP" : "DOWN");
        out.put("extensions", extensions.describe());
        write(resp, storeUp ? 200 : 503, out);
    }

    static JsonNode body(HttpServletRequest req) throws IOException {
        return body(req, MAX_BODY);
    }

    /** A JSON object body of at most {@code max} bytes (larger: a 400 with the limit, nothing read further). */
    static JsonNode body(HttpServletRequest req, int max) throws IOException {
        if (req.getContentLengthLong() > max) {
            throw new IllegalArgumentException("body larger than " + max + " bytes");
        }
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new IllegalArgumentException("body larger than " + max + " bytes");
            }
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return n.asText();
    }

    /** A text field, or {@code dflt} when it is missing, null, not text or blank. */
    static String optional(JsonNode body, String field, String dflt) {
        String v = optional(body, field);
        return v == null ? dflt : v;
    }

    /** The texts of an array field (missing: empty), sorted. */
    static java.util.Set<String> strings(JsonNode body, String field) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        body.path(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** An integer query parameter clamped to 1..max, {@code dflt} when absent; not a number is a 400. */
    static int intParam(HttpServletRequest req, String name, int dflt, int max) {
        String s = req.getParameter(name);
        try {
            return s == null ? dflt : Math.max(1, Math.min(max, Integer.parseInt(s)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    static String optional(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        error(resp, 404, "no such resource");
    }

    /** 429 with {@code Retry-After} (seconds) and a JSON body that says which limit and how long to wait. */
    static void tooManyRequests(HttpServletResponse resp, long seconds, String which) throws IOException {
        resp.setHeader("Retry-After", Long.toString(seconds));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "rate limit of this " + which + " exceeded; retry after " + seconds + " s");
        out.put("status", 429);
        out.put("retryAfterSeconds", seconds);
        write(resp, 429, out);
    }

    static void error(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, Map.of("error", message == null ? "error" : message, "status", status));
    }

    static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(resp.getOutputStream(), body);
    }

}
