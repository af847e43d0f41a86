package io.pishkhan.routing.rules.internal;

import io.pishkhan.api.routing.TriageResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;

/**
 * A rule set ready to run: immutable and thread-safe (compiled JEXL expressions are). Semantics:
 * <ol>
 * <li>Rules are tried in order; disabled rules are skipped.</li>
 * <li>A matching rule with {@code "continue": true} adds its {@code addPriority}, skills (the higher level wins) and
 * tags, and evaluation goes on.</li>
 * <li>The first matching rule without {@code continue} decides: queue = its queue or the default queue, base
 * priority = its priority or the default priority (plus its own addPriority); evaluation stops.</li>
 * <li>No deciding rule: default queue and priority (plus what matching continue rules added).</li>
 * <li>Priority = base + all addPriority, clamped to 0-100. Tag {@value #MATCHED_TAG} lists matching rules.</li>
 * <li>A condition that fails (error, or a value that is not true/false) stops evaluation: the result carries the
 * error, the default queue and priority, and the failing rule's name.</li>
 * </ol>
 */
final class CompiledRuleSet {
    /** Tag listing the names of the rules that matched, in order (for agents and supervisors). */
    static final String MATCHED_TAG = "rules.matched";
    private static final Pattern JEXL_PREFIX = Pattern.compile("^\\S*?@(\\d+):(\\d+)\\s*");

    record Rule(String name, JexlExpression when, String queue, Integer priority, int addPriority,
            Map<String, Integer> skills, Map<String, String> tags, boolean cont) {
    }

    private final String version;
    private final RuleSetParser.Defaults defaults;
    private final List<Rule> rules;

    CompiledRuleSet(String version, RuleSetParser.Defaults defaults, List<Rule> rules) {
        this.version = version;
        this.defaults = defaults;
        this.rules = List.copyOf(rules);
    }

    String version() {
        return version;
    }

    /** A copy labelled with another version (a draft becomes version N once saved). */
    CompiledRuleSet withVersion(String newVersion) {
        return new CompiledRuleSet(newVersion, defaults, rules);
    }

    int size() {
        return rules.size();
    }

    /** Never throws: failures become a result with {@link TriageResult#error()}. */
    TriageResult evaluate(RuleContext context) {
        int add = 0;
        Map<String, Integer> skills = new LinkedHashMap<>(defaults.skills());
        Map<String, String> tags = new LinkedHashMap<>(defaults.tags());
        List<String> matched = new ArrayList<>();
        Rule decided = null;
        for (Rule rule : rules) {
            Object value;
            try {
                value = rule.when.evaluate(context);
            } catch (RuntimeException | StackOverflowError e) {
                return failure(rule, message(e));
            }
            if (!(value instanceof Boolean)) {
                return failure(rule, "the condition gave " + (value == null ? "null" : "a "
                        + value.getClass().getSimpleName()) + ", not true or false");
            }
            if (!(Boolean) value) {
                continue;
            }
            matched.add(rule.name);
            add += rule.addPriority;
            rule.skills.forEach((k, v) -> skills.merge(k, v, Math::max));
            tags.putAll(rule.tags);
            if (!rule.cont) {
                decided = rule;
                break;
            }
        }
        String queue = decided != null && decided.queue != null ? decided.queue : defaults.queue();
        int base = decided != null && decided.priority != null ? decided.priority : defaults.priority();
        if (!matched.isEmpty()) {
            tags.put(MATCHED_TAG, String.join(",", matched));
        }
        return new TriageResult(queue, Math.max(0, Math.min(100, base + add)), skills, version,
                decided == null ? null : decided.name, tags, null);
    }

    private TriageResult failure(Rule rule, String why) {
        return new TriageResult(defaults.queue(), defaults.priority(), defaults.skills(), version, rule.name,
                Map.of(), "rule '" + rule.name + "' failed: " + why);
    }

    /** JEXL messages start with {@code <source>@line:col}; keep the column, drop the source name. */
    static String message(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "expression too deeply nested";
        }
        Throwable cause = e instanceof JexlException && e.getCause() != null ? e.getCause() : null;
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        var matcher = JEXL_PREFIX.matcher(m);
        if (matcher.find()) {
            m = "at column " + matcher.group(2) + ": " + m.substring(matcher.end());
        }
        if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m += " (" + cause.getMessage() + ")";
        }
        return m;
    }
}
