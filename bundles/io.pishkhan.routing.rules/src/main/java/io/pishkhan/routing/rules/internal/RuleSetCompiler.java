package io.pishkhan.routing.rules.internal;

import io.pishkhan.api.routing.RuleProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlInfo;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.internal.introspection.Uberspect;
import org.apache.commons.jexl3.introspection.JexlUberspect;

/**
 * Turns rule set source into a {@link CompiledRuleSet}, or into the list of problems that prevent it. Owns the one
 * sandboxed JEXL engine of the bundle (thread-safe, with its own expression cache).
 *
 * <p>The sandbox has three walls: language features (expressions only: no statements, loops, assignment, local
 * variables, lambdas, {@code new}, method calls, pragmas, annotations), static checks of each condition (known
 * variables and functions only, no template strings, no regular expressions, bounded nesting and length), and
 * {@link RulePermissions} for whatever introspection is left (only {@link RuleFunctions} and {@code Map.get}).
 */
final class RuleSetCompiler {
    static final int MAX_NESTING = 32;
    /** Functions JEXL itself provides. */
    private static final Set<String> BUILTINS = Set.of("size", "empty");

    /** Known queue and skill ids to check references against; {@code null} skips that check. */
    record References(Set<String> queues, Set<String> skills) {
        static final References NONE = new References(null, null);
    }

    record Compilation(CompiledRuleSet ruleSet, List<RuleProblem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final JexlEngine jexl;

    RuleSetCompiler() {
        JexlFeatures features = new JexlFeatures()
                .script(false)
                .loops(false)
                .sideEffect(false)
                .sideEffectGlobal(false)
                .localVar(false)
                .lambda(false)
                .thinArrow(false)
                .fatArrow(false)
                .newInstance(false)
                .methodCall(false)
                .pragma(false)
                .pragmaAnywhere(false)
                .namespacePragma(false)
                .importPragma(false)
                .annotation(false)
                .register(false)
                .structuredLiteral(true)
                .arrayReferenceExpr(true);
        Map<String, Object> namespaces = new HashMap<>();
        namespaces.put(null, new RuleFunctions());
        // our own Log and Uberspect: with them JEXL never calls commons-logging's LogFactory (see pom.xml)
        Slf4jJexlLog log = new Slf4jJexlLog();
        Uberspect uberspect = new Uberspect(log, JexlUberspect.JEXL_STRATEGY, RulePermissions.INSTANCE);
        this.jexl = new JexlBuilder()
                .features(features)
                .uberspect(uberspect)
                .permissions(RulePermissions.INSTANCE)
                .arithmetic(new RuleArithmetic())
                .namespaces(namespaces)
                .logger(log)
                .loader(RuleSetCompiler.class.getClassLoader())
                .strict(true)
                .silent(false)
                .safe(false)
                .antish(false)
                .booleanLogical(true)
                .cancellable(false)
                .cache(1024)
                .create();
    }

    /**
     * Compiles a rule set; the result's rule set is {@code null} when there are problems (sorted by line).
     *
     * @param version label put on the results of the compiled set ({@code "3"}, or {@code "draft"})
     */
    Compilation compile(String source, String version, References refs) {
        RuleSetParser.Result parsed = RuleSetParser.parse(source);
        List<RuleProblem> problems = new ArrayList<>(parsed.problems());
        if (parsed.draft() == null) {
            return new Compilation(null, problems);
        }
        RuleSetParser.Draft draft = parsed.draft();
        checkQueue(draft.defaults().queue(), draft.defaults().queueAt(), "default queue", refs, problems);
        checkSkills(draft.defaults().skills().keySet(), draft.defaults().skillAt(), refs, problems);
        List<CompiledRuleSet.Rule> rules = new ArrayList<>();
        for (RuleSetParser.RuleSpec spec : draft.rules()) {
            checkQueue(spec.queue(), spec.queueAt(), "queue", refs, problems);
            checkSkills(spec.skills().keySet(), spec.skillAt(), refs, problems);
            if (spec.when() == null) {
                continue;
            }
            JexlExpression when = expression(spec, problems);
            if (when != null && spec.enabled() && spec.name() != null) {
                rules.add(new CompiledRuleSet.Rule(spec.name(), when, spec.queue(), spec.priority(),
                        spec.addPriority(), spec.skills(), spec.tags(), spec.cont()));
            }
        }
        problems.sort(Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return problems.isEmpty() ? new Compilation(new CompiledRuleSet(version, draft.defaults(), rules), List.of())
                : new Compilation(null, List.copyOf(problems));
    }

    private static void checkQueue(String queue, RuleSetParser.At at, String what, References refs,
            List<RuleProblem> problems) {
        if (queue != null && refs.queues() != null && !refs.queues().contains(queue)) {
            problems.add(at.problem("unknown " + what + " '" + queue + "' (known: " + known(refs.queues()) + ")"));
        }
    }

    private static void checkSkills(Set<String> skills, Map<String, RuleSetParser.At> at, References refs,
            List<RuleProblem> problems) {
        if (refs.skills() == null) {
            return;
        }
        for (String s : skills) {
            if (!refs.skills().contains(s)) {
                problems.add(at.get(s).problem("unknown skill '" + s + "' (known: " + known(refs.skills()) + ")"));
            }
        }
    }

    private static String known(Set<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", new TreeSet<>(ids));
    }

    /** Compiles one condition; reports its problems at their place in the JSON source. */
    private JexlExpression expression(RuleSetParser.RuleSpec spec, List<RuleProblem> problems) {
        String label = spec.name() == null ? "rule: " : "rule '" + spec.name() + "': ";
        String src = spec.when();
        int[] bad = new int[1];
        String scan = scan(src, bad);
        if (scan != null) {
            problems.add(place(spec, bad[0], label + scan));
            return null;
        }
        JexlExpression e;
        try {
            e = jexl.createExpression(new JexlInfo("when", 1, 1), src);
        } catch (JexlException x) {
            JexlInfo info = x.getInfo();
            int col = info == null || info.getLine() != 1 ? 0 : info.getColumn();
            problems.add(place(spec, col, label + syntaxMessage(x)));
            return null;
        } catch (StackOverflowError x) {
            problems.add(place(spec, 0, label + "the condition is nested too deeply"));
            return null;
        }
        JexlScript script = (JexlScript) e;
        for (List<String> path : script.getVariables()) {
            String name = path.get(0);
            if (!RuleContext.VARIABLES.contains(name)) {
                problems.add(place(spec, 0, label + "unknown variable '" + name + "' (known: "
                        + String.join(", ", RuleContext.VARIABLES) + ")"));
                return null;
            }
            int depth = RuleContext.MAPS.contains(name) ? 2 : 1;
            if (path.size() > depth) {
                problems.add(place(spec, 0, label + (depth == 1 ? "'" + name + "' has no properties"
                        : "the values of '" + name + "' are text and have no properties") + " ('"
                        + String.join(".", path) + "')"));
                return null;
            }
        }
        String fn = functions(script.getParsedText());
        if (fn != null) {
            problems.add(place(spec, 0, label + fn));
            return null;
        }
        return e;
    }

    private static RuleProblem place(RuleSetParser.RuleSpec spec, int exprColumn, String message) {
        RuleSetParser.At at = spec.whenAt();
        int column = spec.whenExact() && exprColumn > 0 ? at.column() + exprColumn : at.column();
        return new RuleProblem(at.line(), column, message);
    }

    private static String syntaxMessage(JexlException x) {
        String m = CompiledRuleSet.message(x);
        if (x instanceof JexlException.Feature) {
            return "not allowed in a rule condition (" + m + "); conditions are expressions over the documented"
                    + " variables and functions only";
        }
        return "syntax error " + m;
    }

    /**
     * Static checks on the raw condition, before JEXL parses it: no template strings or regular expressions (JEXL
     * does not report variables inside templates; patterns can backtrack exponentially) and bounded nesting (the
     * parser recurses once per level).
     *
     * @return the problem, or {@code null}; {@code where[0]} gets its 1-based column
     */
    static String scan(String s, int[] where) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            where[0] = i + 1;
            if (c == '\'' || c == '"') {
                i = skipString(s, i);
            } else if (c == '`') {
                return "template strings (`...`) are not allowed; use + to join text";
            } else if (c == '~' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                return "regular expressions are not allowed; use =~ ['word', ...], contains() or anyWord()";
            } else if ((c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/')
                    || (c == '#' && i + 1 < s.length() && s.charAt(i + 1) == '#')) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 1;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return "nested more than " + MAX_NESTING + " levels deep";
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return null;
    }

    private static int skipString(String s, int open) {
        char q = s.charAt(open);
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == q) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * Checks every function call in JEXL's canonical text of a condition ({@code f(x)}, {@code ns:f(x)}):
     * only {@link RuleFunctions#NAMES} and JEXL's {@code size}/{@code empty}, no namespaces.
     */
    static String functions(String canonical) {
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(canonical, i);
                continue;
            }
            if (!Character.isJavaIdentifierStart(c)) {
                continue;
            }
            int start = i;
            while (i + 1 < canonical.length() && Character.isJavaIdentifierPart(canonical.charAt(i + 1))) {
                i++;
            }
            String name = canonical.substring(start, i + 1);
            int j = i + 1;
            while (j < canonical.length() && canonical.charAt(j) == ' ') {
                j++;
            }
            if (j >= canonical.length() || canonical.charAt(j) != '(') {
                continue;
            }
            char before = start > 0 ? canonical.charAt(start - 1) : ' ';
            if (before == ':' && start > 1 && Character.isJavaIdentifierPart(canonical.charAt(start - 2))) {
                return "namespaced function calls (ns:f()) are not allowed; functions: " + functionList();
            }
            if (before != '.' && !RuleFunctions.NAMES.contains(name) && !BUILTINS.contains(name)) {
                return "unknown function '" + name + "' (known: " + functionList() + ")";
            }
        }
        return null;
    }

    private static String functionList() {
        TreeSet<String> all = new TreeSet<>(RuleFunctions.NAMES);
        all.addAll(BUILTINS);
        return String.join(", ", all);
    }
}
