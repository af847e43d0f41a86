package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.AuditRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The routing part of the REST API (admin role):
 *
 * <pre>
 * GET    /api/v1/queues                     PUT /api/v1/queues/{id} {"name","priority","strategy","slaPercent",
 *                                           "slaSeconds","fallbackQueue","businessHours"}   DELETE /api/v1/queues/{id}
 * GET    /api/v1/skills                     PUT /api/v1/skills/{id} {"name"}                DELETE /api/v1/skills/{id}
 * PUT    /api/v1/agents/{id}/profile        {"name","skills":{"cards":8},"queues":["vip"],"capacity":3,
 *                                            "channelCapacity":{"voice":1}}
 * GET    /api/v1/audit?limit=100            changes to queues, skills and agents
 * GET    /api/v1/rules                      deployment and versions
 * POST   /api/v1/rules/validate             {"source"}                      200 {"problems":[{line,column,message}]}
 * POST   /api/v1/rules/dryrun               {"source","days":7,"limit":500}  rows: actual vs draft queue
 * POST   /api/v1/rules/deploy               {"source","comment"}            201 version; 422 problems
 * POST   /api/v1/rules/canary               {"source","percent","comment"}  201 version
 * POST   /api/v1/rules/canary/end           {"promote":true}
 * POST   /api/v1/rules/rollback             {"version":3}
 * GET    /api/v1/blacklist                  POST {"kind","pattern","action","message","queueId","comment"}
 * DELETE /api/v1/blacklist/{id}?comment=... GET /api/v1/blacklist/audit
 * GET    /api/v1/schedules                  PUT /api/v1/schedules/{id} (BusinessHours JSON)   DELETE /api/v1/schedules/{id}
 * GET    /api/v1/schedules/{id}/open?at=ISO-instant     {"open":true,"nextOpening":...}
 * </pre>
 */
final class RoutingApi {
    private final DirectoryAdmin directory;
    private final io.pishkhan.api.conversation.AgentDirectory agents;
    private final ConversationService conversations;
    private final Supplier<RuleSetService> ruleSets;
    private final Supplier<BlacklistService> blacklist;
    private final Supplier<BusinessHoursService> hours;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    RoutingApi(DirectoryAdmin directory, io.pishkhan.api.conversation.AgentDirectory agents,
            ConversationService conversations, Supplier<RuleSetService> ruleSets, Supplier<BlacklistService> blacklist,
            Supplier<BusinessHoursService> hours) {
        this.directory = directory;
        this.agents = agents;
        this.conversations = conversations;
        this.ruleSets = ruleSets;
        this.blacklist = blacklist;
        this.hours = hours;
    }

    /** @return false when the path is not a routing resource */
    boolean handle(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        switch (p[0]) {
            case "queues" -> queues(method, p, actor, req, resp);
            case "skills" -> skills(method, p, actor, req, resp);
            case "audit" -> {
                if (p.length != 1 || !method.equals("GET")) {
                    return false;
                }
                ApiServlet.write(resp, 200, directory.auditLog(ApiServlet.intParam(req, "limit", 100, 1000)).stream()
                        .map(RoutingApi::audit).toList());
            }
            case "rules" -> rules(method, p, actor, req, resp);
            case "blacklist" -> blacklist(method, p, actor, req, resp);
            case "schedules" -> schedules(method, p, actor, req, resp);
            case "agents" -> {
                if (p.length == 3 && p[2].equals("profile") && method.equals("PUT")) {
                    JsonNode b = ApiServlet.body(req);
                    Agent current = agents.agent(p[1]).orElse(null);
                    Agent a = new Agent(p[1], ApiServlet.optional(b, "name", current == null ? p[1] : current.name()), intMap(b, "skills"),
                            ApiServlet.strings(b, "queues"), b.path("capacity").asInt(current == null ? 1 : current.capacity()),
                            current == null ? io.pishkhan.api.model.Presence.OFFLINE : current.presence(),
                            intMap(b, "channelCapacity"));
                    ApiServlet.write(resp, 200, Json.agent(directory.saveAgent(a, actor), 0));
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void queues(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            ApiServlet.write(resp, 200, agents.queues().stream().map(RoutingApi::queue).toList());
        } else if (p.length == 2 && method.equals("PUT")) {
            JsonNode b = ApiServlet.body(req);
            Queue q = new Queue(p[1], ApiServlet.optional(b, "name", p[1]), b.path("priority").asInt(0), ApiServlet.optional(b, "strategy", null),
                    b.path("slaPercent").asInt(80), b.path("slaSeconds").asInt(20), ApiServlet.optional(b, "fallbackQueue", null),
                    ApiServlet.optional(b, "businessHours", null));
            ApiServlet.write(resp, 200, queue(directory.saveQueue(q, actor)));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!directory.deleteQueue(p[1], actor)) {
                throw new NoSuchElementException("no queue " + p[1] + " in the database");
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private void skills(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (p.length == 1 && method.equals("GET")) {
            ApiServlet.write(resp, 200, agents.skills().stream().map(s -> Map.of("id", s.id(), "name", s.name())).toList());
        } else if (p.length == 2 && method.equals("PUT")) {
            Skill s = directory.saveSkill(new Skill(p[1], ApiServlet.optional(ApiServlet.body(req), "name", p[1])), actor);
            ApiServlet.write(resp, 200, Map.of("id", s.id(), "name", s.name()));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!directory.deleteSkill(p[1], actor)) {
                throw new NoSuchElementException("no skill " + p[1] + " in the database");
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private void rules(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        RuleSetService rules = ruleSets.get();
        if (rules == null) {
            ApiServlet.error(resp, 503, "the routing rules plugin is not installed");
            return;
        }
        String sub = p.length > 1 ? p[1] + (p.length > 2 ? "/" + p[2] : "") : "";
        if (sub.isEmpty() && method.equals("GET")) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("deployment", deployment(rules.deployment()));
            out.put("versions", rules.versions().stream().map(RoutingApi::version).toList());
            ApiServlet.write(resp, 200, out);
            return;
        }
        if (!method.equals("POST") || p.length > 3
                || !java.util.Set.of("validate", "dryrun", "deploy", "canary", "canary/end", "rollback").contains(sub)) {
            ApiServlet.error(resp, 404, "no such resource");
            return;
        }
        JsonNode b = ApiServlet.body(req);
        try {
            switch (sub) {
                case "validate" -> ApiServlet.write(resp, 200, Map.of("problems",
                        rules.validate(ApiServlet.text(b, "source")).stream().map(RoutingApi::problem).toList()));
                case "dryrun" -> {
                    int days = Math.max(1, Math.min(90, b.path("days").asInt(7)));
                    int limit = Math.max(1, Math.min(5000, b.path("limit").asInt(500)));
                    DryRunResult r = rules.dryRun(ApiServlet.text(b, "source"),
                            conversations.routingHistory(Instant.now().minus(Duration.ofDays(days)), limit));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("changed", r.changed());
                    out.put("failed", r.failed());
                    out.put("rows", r.rows());
                    ApiServlet.write(resp, 200, out);
                }
                case "deploy" -> ApiServlet.write(resp, 201, version(rules.deploy(ApiServlet.text(b, "source"), actor,
                        ApiServlet.text(b, "comment"))));
                case "canary" -> ApiServlet.write(resp, 201, version(rules.startCanary(ApiServlet.text(b, "source"),
                        b.path("percent").asInt(10), actor, ApiServlet.text(b, "comment"))));
                case "canary/end" -> ApiServlet.write(resp, 200,
                        deployment(rules.endCanary(b.path("promote").asBoolean(false), actor)));
                case "rollback" -> {
                    if (!b.path("version").canConvertToInt()) {
                        throw new IllegalArgumentException("field 'version' is required");
                    }
                    ApiServlet.write(resp, 200, deployment(rules.rollback(b.path("version").asInt(), actor)));
                }
                default -> ApiServlet.error(resp, 404, "no such resource");
            }
        } catch (RuleSetException e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", e.getMessage());
            out.put("status", 422);
            out.put("problems", e.problems().stream().map(RoutingApi::problem).toList());
            ApiServlet.write(resp, 422, out);
        }
    }

    private void blacklist(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        BlacklistService b = blacklist.get();
        if (b == null) {
            ApiServlet.error(resp, 503, "the routing policy plugin (blacklist) is not installed");
            return;
        }
        if (p.length == 1 && method.equals("GET")) {
            ApiServlet.write(resp, 200, b.entries().stream().map(RoutingApi::entry).toList());
        } else if (p.length == 2 && p[1].equals("audit") && method.equals("GET")) {
            ApiServlet.write(resp, 200, b.audit(ApiServlet.intParam(req, "limit", 100, 1000)).stream().map(RoutingApi::audit).toList());
        } else if (p.length == 1 && method.equals("POST")) {
            JsonNode body = ApiServlet.body(req);
            BlacklistEntry.Action action;
            try {
                action = BlacklistEntry.Action.valueOf(ApiServlet.optional(body, "action", "BLOCK").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("action must be BLOCK or LOW_PRIORITY");
            }
            BlacklistEntry e = new BlacklistEntry(null, ApiServlet.text(body, "kind"), ApiServlet.text(body, "pattern"),
                    action, ApiServlet.optional(body, "message", null), ApiServlet.optional(body, "queueId", null), actor, null, ApiServlet.optional(body, "comment", null));
            ApiServlet.write(resp, 201, entry(b.add(e, actor, e.comment())));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!b.remove(p[1], actor, req.getParameter("comment"))) {
                throw new NoSuchElementException("no blacklist entry " + p[1]);
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private void schedules(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        BusinessHoursService h = hours.get();
        if (h == null) {
            ApiServlet.error(resp, 503, "the routing policy plugin (business hours) is not installed");
            return;
        }
        if (p.length == 1 && method.equals("GET")) {
            ApiServlet.write(resp, 200, h.schedules());
        } else if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, h.schedule(p[1]).orElseThrow(() -> new NoSuchElementException("no schedule " + p[1])));
        } else if (p.length == 3 && p[2].equals("open") && method.equals("GET")) {
            Instant at;
            try {
                at = req.getParameter("at") == null ? Instant.now() : Instant.parse(req.getParameter("at"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("at must be an ISO-8601 instant, e.g. 2025-03-21T08:00:00Z");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("open", h.isOpen(p[1], at));
            out.put("nextOpening", h.nextOpening(p[1], at).map(Instant::toString).orElse(null));
            ApiServlet.write(resp, 200, out);
        } else if (p.length == 2 && method.equals("PUT")) {
            ObjectNode body = (ObjectNode) ApiServlet.body(req);
            body.put("id", p[1]);
            BusinessHours schedule;
            try {
                schedule = MAPPER.treeToValue(body, BusinessHours.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a schedule: " + e.getMessage());
            }
            ApiServlet.write(resp, 200, h.save(schedule, actor, ApiServlet.optional(body, "comment", null)));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!h.delete(p[1], actor, req.getParameter("comment"))) {
                throw new NoSuchElementException("no schedule " + p[1]);
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private static Map<String, Object> entry(BlacklistEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind());
        m.put("pattern", e.pattern());
        m.put("action", e.action().name());
        m.put("message", e.message());
        m.put("queueId", e.queueId());
        m.put("createdBy", e.createdBy());
        m.put("createdAt", Json.time(e.createdAt()));
        m.put("comment", e.comment());
        return m;
    }

    static Map<String, Object> queue(Queue q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("name", q.name());
        m.put("priority", q.priority());
        m.put("strategy", q.strategy());
        m.put("slaPercent", q.slaPercent());
        m.put("slaSeconds", q.slaSeconds());
        m.put("fallbackQueue", q.fallbackQueue());
        m.put("businessHours", q.businessHours());
        return m;
    }

    private static Map<String, Object> audit(AuditRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", a.seq());
        m.put("at", Json.time(a.at()));
        m.put("actor", a.actor());
        m.put("kind", a.kind());
        m.put("id", a.entityId());
        m.put("action", a.action());
        m.put("detail", a.detail());
        return m;
    }

    private static Map<String, Object> version(RuleSetVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("author", v.author());
        m.put("createdAt", Json.time(v.createdAt()));
        m.put("comment", v.comment());
        m.put("source", v.source());
        return m;
    }

    private static Map<String, Object> deployment(RuleDeployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeVersion", d.activeVersion());
        m.put("canaryVersion", d.canaryVersion());
        m.put("canaryPercent", d.canaryPercent());
        m.put("author", d.author());
        m.put("at", Json.time(d.at()));
        return m;
    }

    private static Map<String, Object> problem(io.pishkhan.api.routing.RuleProblem p) {
        return Map.of("line", p.line(), "column", p.column(), "message", p.message());
    }

    private static Map<String, Integer> intMap(JsonNode b, String field) {
        Map<String, Integer> out = new HashMap<>();
        JsonNode n = b.path(field);
        if (!n.isMissingNode() && !n.isNull() && !n.isObject()) {
            throw new IllegalArgumentException("field '" + field + "' must be an object of numbers");
        }
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().canConvertToInt()) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " must be a number");
            }
            out.put(e.getKey(), e.getValue().asInt());
        });
        return out;
    }

}
