package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.TrainingJob;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The chatbot part of the REST API (admin role):
 *
 * <pre>
 * GET    /api/v1/kb/articles                 POST /api/v1/kb/articles {"title","body","tags":[],"language","channels":[],"published","link"}
 * PUT    /api/v1/kb/articles/{id}            DELETE /api/v1/kb/articles/{id}
 * POST   /api/v1/kb/import                   {"format":"csv"|"markdown","content","language"}  -> {"imported","errors"}
 * GET    /api/v1/kb/search?q=&amp;lang=&amp;channel=&amp;limit=
 * POST   /api/v1/intents/train               {"language","csv","comment"}  202 job
 * GET    /api/v1/intents/jobs/{id}           GET /api/v1/intents/models?lang=fa
 * POST   /api/v1/intents/activate            {"language","version"}
 * POST   /api/v1/intents/classify            {"text","language"}
 * GET    /api/v1/flows                       PUT /api/v1/flows/{intent} (the flow JSON)   DELETE /api/v1/flows/{intent}
 * POST   /api/v1/flows/validate              (the flow JSON) -> {"problems":[...]}
 * </pre>
 */
final class BotApi {
    private final Supplier<KnowledgeBase> kb;
    private final Supplier<IntentService> intents;
    private final Supplier<FlowService> flows;

    BotApi(Supplier<KnowledgeBase> kb, Supplier<IntentService> intents, Supplier<FlowService> flows) {
        this.kb = kb;
        this.intents = intents;
        this.flows = flows;
    }

    /** @return false when the path is not a chatbot resource */
    boolean handle(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        switch (p[0]) {
            case "kb" -> kb(method, p, actor, req, resp);
            case "intents" -> intents(method, p, actor, req, resp);
            case "flows" -> flows(method, p, actor, req, resp);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void kb(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        KnowledgeBase k = kb.get();
        if (k == null) {
            ApiServlet.error(resp, 503, "the knowledge base plugin is not installed");
            return;
        }
        String sub = p.length > 1 ? p[1] : "";
        if (sub.equals("articles") && p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, k.articles().stream().map(BotApi::article).toList());
        } else if (sub.equals("articles") && (p.length == 2 && method.equals("POST") || p.length == 3 && method.equals("PUT"))) {
            JsonNode b = ApiServlet.body(req);
            Article a = new Article(p.length == 3 ? p[2] : "", ApiServlet.text(b, "title"), ApiServlet.text(b, "body"),
                    ApiServlet.strings(b, "tags"), ApiServlet.optional(b, "language", "fa"), ApiServlet.strings(b, "channels"),
                    b.path("published").asBoolean(true), ApiServlet.optional(b, "link", null), null, actor);
            ApiServlet.write(resp, p.length == 3 ? 200 : 201, article(k.save(a, actor)));
        } else if (sub.equals("articles") && p.length == 3 && method.equals("DELETE")) {
            if (!k.delete(p[2], actor)) {
                throw new NoSuchElementException("no article " + p[2]);
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[2]));
        } else if (sub.equals("import") && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req, ApiServlet.MAX_UPLOAD);
            String format = ApiServlet.optional(b, "format", "csv");
            ImportResult r = switch (format) {
                case "csv" -> k.importCsv(ApiServlet.text(b, "content"), actor);
                case "markdown" -> k.importMarkdown(ApiServlet.text(b, "content"), ApiServlet.optional(b, "language", "fa"), actor);
                default -> throw new IllegalArgumentException("format must be csv or markdown");
            };
            ApiServlet.write(resp, 200, Map.of("imported", r.imported(), "errors", r.errors()));
        } else if (sub.equals("search") && method.equals("GET")) {
            String q = req.getParameter("q");
            if (q == null || q.isBlank()) {
                throw new IllegalArgumentException("parameter q is required");
            }
            int limit = ApiServlet.intParam(req, "limit", 5, 50);
            ApiServlet.write(resp, 200, k.search(q, req.getParameter("lang"), req.getParameter("channel"), limit));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private void intents(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        IntentService s = intents.get();
        if (s == null) {
            ApiServlet.error(resp, 503, "the intent engine plugin is not installed");
            return;
        }
        String sub = p.length > 1 ? p[1] : "";
        if (sub.equals("train") && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req, ApiServlet.MAX_UPLOAD);
            ApiServlet.write(resp, 202, job(s.train(ApiServlet.text(b, "language"), ApiServlet.text(b, "csv"), actor,
                    ApiServlet.optional(b, "comment", null))));
        } else if (sub.equals("jobs") && p.length == 3 && method.equals("GET")) {
            ApiServlet.write(resp, 200, job(s.job(p[2]).orElseThrow(() -> new NoSuchElementException("no job " + p[2]))));
        } else if (sub.equals("jobs") && p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, s.jobs().stream().map(BotApi::job).toList());
        } else if (sub.equals("models") && method.equals("GET")) {
            String lang = req.getParameter("lang") == null ? "fa" : req.getParameter("lang");
            ApiServlet.write(resp, 200, s.models(lang).stream().map(BotApi::model).toList());
        } else if (sub.equals("activate") && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req);
            if (!b.path("version").canConvertToInt()) {
                throw new IllegalArgumentException("field 'version' is required");
            }
            ApiServlet.write(resp, 200, model(s.activate(ApiServlet.text(b, "language"), b.path("version").asInt(), actor)));
        } else if (sub.equals("classify") && method.equals("POST")) {
            JsonNode b = ApiServlet.body(req);
            ApiServlet.write(resp, 200, s.classify(ApiServlet.text(b, "text"), ApiServlet.optional(b, "language", null)));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private void flows(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        FlowService f = flows.get();
        if (f == null) {
            ApiServlet.error(resp, 503, "the assistant bot plugin (flows) is not installed");
            return;
        }
        if (p.length == 1 && method.equals("GET")) {
            ApiServlet.write(resp, 200, f.flows().stream().map(BotApi::tree).toList());
        } else if (p.length == 2 && p[1].equals("validate") && method.equals("POST")) {
            ApiServlet.write(resp, 200, Map.of("problems", f.validate(ApiServlet.body(req).toString())));
        } else if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, tree(f.flow(p[1]).orElseThrow(() -> new NoSuchElementException("no flow " + p[1]))));
        } else if (p.length == 2 && method.equals("PUT")) {
            JsonNode b = ApiServlet.body(req);
            if (b.has("intent") && !b.path("intent").asText().equals(p[1])) {
                throw new IllegalArgumentException("the flow's intent is " + b.path("intent").asText() + ", not " + p[1]);
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("intent", p[1]);
            ApiServlet.write(resp, 200, tree(f.save(b.toString(), actor)));
        } else if (p.length == 2 && method.equals("DELETE")) {
            if (!f.delete(p[1], actor)) {
                throw new NoSuchElementException("no flow " + p[1]);
            }
            ApiServlet.write(resp, 200, Map.of("deleted", p[1]));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private static JsonNode tree(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored flow is not JSON", e);
        }
    }

    static Map<String, Object> article(Article a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("title", a.title());
        m.put("body", a.body());
        m.put("tags", a.tags());
        m.put("language", a.language());
        m.put("channels", a.channels());
        m.put("published", a.published());
        m.put("link", a.link());
        m.put("updatedAt", Json.time(a.updatedAt()));
        m.put("updatedBy", a.updatedBy());
        return m;
    }

    static Map<String, Object> job(TrainingJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("language", j.language());
        m.put("state", j.state().name());
        m.put("progress", j.progress());
        m.put("message", j.message());
        m.put("modelVersion", j.modelVersion());
        m.put("startedAt", Json.time(j.startedAt()));
        m.put("finishedAt", Json.time(j.finishedAt()));
        return m;
    }

    static Map<String, Object> model(IntentModelInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", i.language());
        m.put("version", i.version());
        m.put("examples", i.examples());
        m.put("labels", i.labels());
        m.put("trainedAt", Json.time(i.trainedAt()));
        m.put("author", i.author());
        m.put("comment", i.comment());
        m.put("active", i.active());
        m.put("metrics", i.metrics());
        return m;
    }

}
