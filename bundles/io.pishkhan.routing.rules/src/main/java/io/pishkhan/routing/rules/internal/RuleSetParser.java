package io.pishkhan.routing.rules.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.pishkhan.api.routing.RuleProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a rule set's JSON source into a {@link Draft}, keeping the line and column of every value so that each
 * problem can point at its place in the source. Checks structure, types and ranges; expressions and references to
 * queues and skills are checked by {@link RuleSetCompiler}.
 */
final class RuleSetParser {
    static final int MAX_SOURCE_CHARS = 64 * 1024;
    static final int MAX_EXPRESSION_CHARS = 2048;
    static final int MAX_RULES = 500;
    static final int MAX_NAME_CHARS = 100;
    static final int MAX_TAG_CHARS = 500;
    private static final int MAX_DEPTH = 8;
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** Context keys the core owns ({@code routing.skills}, {@code routing.priority}...): tags may not set them. */
    static final String RESERVED_TAG_PREFIX = "routing.";

    private static final Set<String> TOP_FIELDS = Set.of("description", "defaults", "rules");
    private static final Set<String> DEFAULT_FIELDS = Set.of("queue", "priority", "skills", "tags");
    private static final Set<String> RULE_FIELDS = Set.of("name", "description", "when", "queue", "priority",
            "addPriority", "skills", "tags", "continue", "enabled");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** 1-based line and column of a value in the source. */
    record At(int line, int column) {
        RuleProblem problem(String message) {
            return new RuleProblem(line, column, message);
        }
    }

    record Defaults(String queue, At queueAt, int priority, Map<String, Integer> skills, Map<String, At> skillAt,
            Map<String, String> tags) {
        static final Defaults NONE = new Defaults(null, null, 0, Map.of(), Map.of(), Map.of());
    }

    /**
     * One rule as written. {@code whenExact}: the JSON string of the condition has no escapes, so a column inside
     * the expression maps to {@code whenAt.column + 1 + (column - 1)} in the source.
     */
    record RuleSpec(String name, At at, String when, At whenAt, boolean whenExact, String queue, At queueAt,
            Integer priority, int addPriority, Map<String, Integer> skills, Map<String, At> skillAt,
            Map<String, String> tags, boolean cont, boolean enabled) {
    }

    record Draft(Defaults defaults, List<RuleSpec> rules) {
    }

    /** The draft ({@code null} when the JSON itself cannot be read) and the problems found so far. */
    record Result(Draft draft, List<RuleProblem> problems) {
    }

    private RuleSetParser() {
    }

    static Result parse(String source) {
        List<RuleProblem> problems = new ArrayList<>();
        if (source == null || source.isBlank()) {
            problems.add(new RuleProblem(1, 0, "the rule set is empty"));
            return new Result(null, problems);
        }
        if (source.length() > MAX_SOURCE_CHARS) {
            problems.add(new RuleProblem(1, 0, "the rule set has " + source.length() + " characters, the limit is "
                    + MAX_SOURCE_CHARS));
            return new Result(null, problems);
        }
        Node root;
        try (JsonParser p = JSON.createParser(source)) {
            if (p.nextToken() == null) {
                problems.add(new RuleProblem(1, 0, "the rule set is empty"));
                return new Result(null, problems);
            }
            root = read(p, 0);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                problems.add(new RuleProblem(l.getLineNr(), l.getColumnNr(), "unexpected content after the rule set"));
                return new Result(null, problems);
            }
        } catch (TooDeep e) {
            problems.add(e.at.problem("nested too deeply"));
            return new Result(null, problems);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new RuleProblem(l == null ? 1 : Math.max(1, l.getLineNr()), l == null ? 0 : Math.max(0,
                    l.getColumnNr()), "malformed JSON: " + e.getOriginalMessage()));
            return new Result(null, problems);
        } catch (IOException e) {
            problems.add(new RuleProblem(1, 0, "unreadable rule set: " + e.getMessage()));
            return new Result(null, problems);
        }
        return new Result(draft(root, problems), problems);
    }

    // ------------------------------------------------------------------ structure

    private static Draft draft(Node root, List<RuleProblem> problems) {
        if (root.kind != Kind.OBJECT) {
            problems.add(root.at.problem("the rule set must be a JSON object with \"rules\""));
            return new Draft(Defaults.NONE, List.of());
        }
        unknownFields(root, TOP_FIELDS, "rule set", problems);
        string(root, "description", problems);
        Defaults defaults = Defaults.NONE;
        Node d = root.fields.get("defaults");
        if (d != null) {
            if (d.kind != Kind.OBJECT) {
                problems.add(d.at.problem("\"defaults\" must be an object"));
            } else {
                unknownFields(d, DEFAULT_FIELDS, "defaults", problems);
                Map<String, At> skillAt = new LinkedHashMap<>();
                Integer prio = integer(d, "priority", 0, 100, problems);
                defaults = new Defaults(queue(d, problems), at(d, "queue"), prio == null ? 0 : prio,
                        skills(d, skillAt, problems), skillAt, tags(d, problems));
            }
        }
        List<RuleSpec> rules = new ArrayList<>();
        Node rs = root.fields.get("rules");
        if (rs == null) {
            problems.add(root.at.problem("missing \"rules\" (a list of rules, may be empty)"));
        } else if (rs.kind != Kind.ARRAY) {
            problems.add(rs.at.problem("\"rules\" must be a list"));
        } else {
            if (rs.items.size() > MAX_RULES) {
                problems.add(rs.at.problem("too many rules: " + rs.items.size() + ", the limit is " + MAX_RULES));
            }
            Set<String> names = new HashSet<>();
            for (Node r : rs.items) {
                RuleSpec spec = rule(r, problems);
                if (spec == null) {
                    continue;
                }
                if (spec.name != null && !names.add(spec.name)) {
                    problems.add(at(r, "name").problem("duplicate rule name '" + spec.name + "'"));
                }
                rules.add(spec);
            }
        }
        return new Draft(defaults, rules);
    }

    private static RuleSpec rule(Node r, List<RuleProblem> problems) {
        if (r.kind != Kind.OBJECT) {
            problems.add(r.at.problem("a rule must be an object with \"name\" and \"when\""));
            return null;
        }
        unknownFields(r, RULE_FIELDS, "rule", problems);
        String name = string(r, "name", problems);
        if (name == null && !r.fields.containsKey("name")) {
            problems.add(r.at.problem("rule without \"name\""));
        } else if (name != null && (name.isBlank() || name.length() > MAX_NAME_CHARS)) {
            problems.add(at(r, "name").problem("a rule name must have 1-" + MAX_NAME_CHARS + " characters"));
            name = name.isBlank() ? null : name;
        }
        String label = name == null ? "rule" : "rule '" + name + "'";
        String when = string(r, "when", problems);
        if (when == null && !r.fields.containsKey("when")) {
            problems.add(r.at.problem(label + " without \"when\" (use \"true\" to match everything)"));
        } else if (when != null && when.isBlank()) {
            problems.add(at(r, "when").problem(label + ": \"when\" is empty (use \"true\" to match everything)"));
            when = null;
        } else if (when != null && when.length() > MAX_EXPRESSION_CHARS) {
            problems.add(at(r, "when").problem(label + ": \"when\" has " + when.length()
                    + " characters, the limit is " + MAX_EXPRESSION_CHARS));
            when = null;
        }
        Node whenNode = r.fields.get("when");
        Boolean cont = bool(r, "continue", problems);
        Boolean enabled = bool(r, "enabled", problems);
        Integer priority = integer(r, "priority", 0, 100, problems);
        Integer add = integer(r, "addPriority", -100, 100, problems);
        String queue = queue(r, problems);
        if (Boolean.TRUE.equals(cont)) {
            for (String f : List.of("queue", "priority")) {
                if (r.fields.containsKey(f)) {
                    problems.add(at(r, f).problem(label + " has \"continue\": it may not set \"" + f
                            + "\" (only addPriority, skills and tags); the first matching rule without \"continue\""
                            + " decides queue and priority"));
                }
            }
        }
        Map<String, At> skillAt = new LinkedHashMap<>();
        return new RuleSpec(name, r.at, when, whenNode == null ? r.at : whenNode.at,
                whenNode != null && whenNode.exact, queue, at(r, "queue"), priority, add == null ? 0 : add,
                skills(r, skillAt, problems), skillAt, tags(r, problems), Boolean.TRUE.equals(cont),
                !Boolean.FALSE.equals(enabled));
    }

    private static void unknownFields(Node o, Set<String> known, String where, List<RuleProblem> problems) {
        for (Map.Entry<String, At> k : o.keyAt.entrySet()) {
            if (!known.contains(k.getKey())) {
                problems.add(k.getValue().problem("unknown field \"" + k.getKey() + "\" in " + where + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static At at(Node o, String field) {
        Node n = o.fields.get(field);
        return n == null ? o.at : n.at;
    }

    private static String string(Node o, String field, List<RuleProblem> problems) {
        Node n = o.fields.get(field);
        if (n == null) {
            return null;
        }
        if (n.kind != Kind.STRING) {
            problems.add(n.at.problem("\"" + field + "\" must be a string"));
            return null;
        }
        return (String) n.scalar;
    }

    private static String queue(Node o, List<RuleProblem> problems) {
        String q = string(o, "queue", problems);
        if (q != null && q.isBlank()) {
            problems.add(at(o, "queue").problem("\"queue\" is empty"));
            return null;
        }
        return q == null ? null : q.strip();
    }

    private static Boolean bool(Node o, String field, List<RuleProblem> problems) {
        Node n = o.fields.get(field);
        if (n == null) {
            return null;
        }
        if (n.kind != Kind.BOOLEAN) {
            problems.add(n.at.problem("\"" + field + "\" must be true or false"));
            return null;
        }
        return (Boolean) n.scalar;
    }

    private static Integer integer(Node o, String field, int min, int max, List<RuleProblem> problems) {
        Node n = o.fields.get(field);
        return n == null ? null : number(n, "\"" + field + "\"", min, max, problems);
    }

    private static Integer number(Node n, String what, int min, int max, List<RuleProblem> problems) {
        if (n.kind != Kind.INT) {
            problems.add(n.at.problem(what + " must be a whole number " + min + " to " + max));
            return null;
        }
        Number v = (Number) n.scalar;
        if (!(v instanceof Integer i) || i < min || i > max) {
            problems.add(n.at.problem(what + " is " + v + ", it must be " + min + " to " + max));
            return null;
        }
        return i;
    }

    private static Map<String, Integer> skills(Node o, Map<String, At> skillAt, List<RuleProblem> problems) {
        Node n = o.fields.get("skills");
        if (n == null) {
            return Map.of();
        }
        if (n.kind != Kind.OBJECT) {
            problems.add(n.at.problem("\"skills\" must be an object of skill to level 1-10, e.g. {\"cards\": 5}"));
            return Map.of();
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : n.fields.entrySet()) {
            At keyAt = n.keyAt.get(e.getKey());
            if (e.getKey().isBlank()) {
                problems.add(keyAt.problem("empty skill id"));
                continue;
            }
            Integer level = number(e.getValue(), "level of skill '" + e.getKey() + "'", 1, 10, problems);
            if (level != null) {
                out.put(e.getKey(), level);
                skillAt.put(e.getKey(), keyAt);
            }
        }
        return out;
    }

    private static Map<String, String> tags(Node o, List<RuleProblem> problems) {
        Node n = o.fields.get("tags");
        if (n == null) {
            return Map.of();
        }
        if (n.kind != Kind.OBJECT) {
            problems.add(n.at.problem("\"tags\" must be an object of name to text, e.g. {\"topic\": \"fraud\"}"));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : n.fields.entrySet()) {
            String key = e.getKey();
            At keyAt = n.keyAt.get(key);
            Node v = e.getValue();
            if (!TAG_KEY.matcher(key).matches()) {
                problems.add(keyAt.problem("tag name '" + key + "' must be a letter then letters, digits, . _ -"
                        + " (up to 64)"));
            } else if (key.startsWith(RESERVED_TAG_PREFIX) || key.equals(CompiledRuleSet.MATCHED_TAG)) {
                problems.add(keyAt.problem("tag name '" + key + "' is reserved"));
            } else if (v.kind != Kind.STRING) {
                problems.add(v.at.problem("tag '" + key + "' must be a string"));
            } else if (((String) v.scalar).length() > MAX_TAG_CHARS) {
                problems.add(v.at.problem("tag '" + key + "' is longer than " + MAX_TAG_CHARS + " characters"));
            } else {
                out.put(key, (String) v.scalar);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ located JSON tree

    private enum Kind { OBJECT, ARRAY, STRING, INT, FLOAT, BOOLEAN, NULL }

    private static final class Node {
        final Kind kind;
        final At at;
        Object scalar;
        /** Strings: the source text between the quotes equals the value (no escapes). */
        boolean exact;
        final Map<String, Node> fields = new LinkedHashMap<>();
        final Map<String, At> keyAt = new LinkedHashMap<>();
        final List<Node> items = new ArrayList<>();

        Node(Kind kind, At at) {
            this.kind = kind;
            this.at = at;
        }
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient At at;

        TooDeep(At at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private static Node read(JsonParser p, int depth) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        At at = new At(l.getLineNr(), l.getColumnNr());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                if (depth >= MAX_DEPTH) {
                    throw new TooDeep(at);
                }
                Node n = new Node(Kind.OBJECT, at);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String name = p.currentName();
                    p.nextToken();
                    n.keyAt.put(name, new At(kl.getLineNr(), kl.getColumnNr()));
                    n.fields.put(name, read(p, depth + 1));
                }
                return n;
            }
            case START_ARRAY -> {
                if (depth >= MAX_DEPTH) {
                    throw new TooDeep(at);
                }
                Node n = new Node(Kind.ARRAY, at);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    n.items.add(read(p, depth + 1));
                }
                return n;
            }
            case VALUE_STRING -> {
                Node n = new Node(Kind.STRING, at);
                String s = p.getText();
                n.scalar = s;
                long start = l.getCharOffset();
                long end = p.currentLocation().getCharOffset();
                n.exact = start >= 0 && end - start == s.length() + 2L;
                return n;
            }
            case VALUE_NUMBER_INT -> {
                Node n = new Node(Kind.INT, at);
                n.scalar = p.getNumberValue();
                return n;
            }
            case VALUE_NUMBER_FLOAT -> {
                Node n = new Node(Kind.FLOAT, at);
                n.scalar = p.getDoubleValue();
                return n;
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                Node n = new Node(Kind.BOOLEAN, at);
                n.scalar = t == JsonToken.VALUE_TRUE;
                return n;
            }
            case VALUE_NULL -> {
                return new Node(Kind.NULL, at);
            }
            default -> throw new JsonParseFailure(p, "unexpected " + t);
        }
    }

    private static final class JsonParseFailure extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(JsonParser p, String message) {
            super(message, p.currentTokenLocation());
        }
    }
}
