package io.pishkhan.routing.rules.internal;

import static io.pishkhan.routing.rules.internal.Fixtures.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.RuleProblem;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.TriageResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conditions cannot reach the file system, threads, reflection, the class loader, System or Runtime: each attempt
 * is refused when the rule set is validated, or (for what passes the static checks) fails when it is evaluated,
 * with an error in the triage result. Nothing is ever executed.
 */
class SandboxTest {
    private final Fixtures.MemoryRuleSetStore store = new Fixtures.MemoryRuleSetStore();
    private final RuleSetServiceImpl service = Fixtures.service(store);

    private static String ruleSet(String when) {
        return "{\"defaults\": {\"queue\": \"general\"}, \"rules\": [{\"name\": \"evil\", \"queue\": \"vip\", "
                + "\"when\": \"" + when.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "new('java.io.File', '/etc/passwd') != null",
        "new('java.lang.Thread', null) != null",
        "new('java.lang.ProcessBuilder', ['sh']) != null",
        "''.getClass().forName('java.lang.Runtime') != null",
        "text.getClass() != null",
        "System.exit(0)",
        "java.lang.System.getenv() != null",
        "java.lang.System == null",
        "Runtime.getRuntime().exec('touch /tmp/pwned') != null",
        "x = 1",
        "text = 'changed'",
        "context.x = 1",
        "var x = 1; x",
        "for (c : text) { c }",
        "while (true) {}",
        "(x) -> x",
        "function(x) { x }",
        "#pragma jexl.import java.io\n true",
        "@synchronized(text) true",
        "ns:contains(text, 'a')",
        "math:abs(-1) == 1",
        "text.class.name == 'java.lang.String'",
        "text.class.classLoader != null",
        "customer.tier.class != null",
        "text.bytes != null",
        "text =~ ~/(a+)+$/",
        "`${text}` == ''",
        "exec('rm -rf /')"
    })
    void escapesAreRefusedAtValidation(String when) {
        List<RuleProblem> problems = service.validate(ruleSet(when));
        assertEquals(1, problems.size(), () -> when + " -> " + problems);
        assertEquals(1, problems.get(0).line());
        assertThrows(RuleSetException.class, () -> service.deploy(ruleSet(when), "mallory", "try"));
        assertTrue(store.versions.isEmpty(), "a refused rule set is never stored");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'x'.class.name == 'java.lang.String'",
        "'x'.class.forName == null",
        "text['cl' + 'ass'] != null",
        "[text][0].class != null",
        "'x'.bytes != null",
        "(1 .. 3).class != null",
        "[1, 2].class != null",
        "contains(text, 'x'.class)"
    })
    void whatPassesTheStaticChecksFailsAtEvaluation(String when) {
        assertEquals(List.of(), service.validate(ruleSet(when)), when);
        service.deploy(ruleSet(when), "mallory", "runtime wall");
        TriageResult r = service.triage(in().text("hello").build());
        assertTrue(r.failed(), () -> when + " -> " + r);
        assertTrue(r.error().startsWith("rule 'evil' failed"), r.error());
        assertEquals("general", r.queueId(), "failures go to the default queue");
    }

    @Test
    void mapLookupsNeverReachTheObject() {
        // on a map, '.class' and '.empty' are keys, not getters: the values are null
        service.deploy(ruleSet("customer['cl' + 'ass'] == null && customer.class == null && context.empty == null"),
                "a", null);
        TriageResult r = service.triage(in().build());
        assertFalse(r.failed(), r::toString);
        assertEquals("vip", r.queueId());
    }

    @Test
    void fileIsNotCreated(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("pwned");
        String when = "new('java.io.File', '" + target.toString().replace('\\', '/') + "').createNewFile()";
        assertThrows(RuleSetException.class, () -> service.deploy(ruleSet(when), "mallory", null));
        service.dryRun("{\"rules\": []}", List.of());
        assertFalse(Files.exists(target));
        assertFalse(new File(target.toString()).exists());
    }

    @Test
    void permissionsWhitelistOnlyRuleFunctionsAndMapGet() throws Exception {
        RulePermissions p = RulePermissions.INSTANCE;
        assertFalse(p.allow(Object.class.getMethod("getClass")));
        assertFalse(p.allow(Class.class.getMethod("forName", String.class)));
        assertFalse(p.allow(Runtime.class.getMethod("exec", String.class)));
        assertFalse(p.allow(System.class.getMethod("exit", int.class)));
        assertFalse(p.allow(System.class.getMethod("getenv")));
        assertFalse(p.allow(File.class.getConstructor(String.class)));
        assertFalse(p.allow(Thread.class.getConstructor(Runnable.class)));
        assertFalse(p.allow(String.class.getMethod("getBytes")));
        assertFalse(p.allow(HashMap.class.getMethod("put", Object.class, Object.class)));
        assertFalse(p.allow(HashMap.class.getMethod("clear")));
        assertFalse(p.allow(String.class));
        assertFalse(p.allow(Class.class));
        assertFalse(p.allow(Thread.class));
        assertFalse(p.allow(String.class.getField("CASE_INSENSITIVE_ORDER")));
        assertTrue(p.allow(HashMap.class.getMethod("get", Object.class)));
        assertTrue(p.allow(RuleFunctions.class.getMethod("contains", Object.class, Object.class)));
        assertTrue(p.allow(HashMap.class));
        assertTrue(p.compose("java.io.*") == p, "the whitelist cannot be widened");
    }

    @Test
    void noRegularExpressionsAtRunTime() {
        RuleArithmetic a = new RuleArithmetic();
        assertThrows(UnsupportedOperationException.class, () -> a.contains(Pattern.compile("a"), "a"));
        // a string on the right of =~ is a word, not a pattern: no catastrophic backtracking on a crafted message
        service.deploy(ruleSet("text =~ '(a+)+$'"), "a", null);
        long start = System.nanoTime();
        TriageResult r = service.triage(in().text("a".repeat(5000) + "!").build());
        assertFalse(r.failed());
        assertEquals("general", r.queueId());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "no backtracking");
        assertEquals("vip", service.triage(in().text("x (a+)+$ y").build()).queueId());
    }

    @Test
    void evaluationCostIsBoundedByTextAndExpressionSize() {
        // 200 words in one 2 KB condition against a 1 MB message: the message is cut to 8,192 characters
        StringBuilder words = new StringBuilder("contains(text, [");
        for (int i = 0; i < 200; i++) {
            words.append(i == 0 ? "" : ",").append("'w").append(1000 + i).append('\'');
        }
        words.append("]) || contains(text, 'needle')");
        assertTrue(words.length() <= RuleSetParser.MAX_EXPRESSION_CHARS, "fits the limit: " + words.length());
        service.deploy(ruleSet(words.toString()), "a", null);
        String huge = "x".repeat(RuleContext.MAX_TEXT) + " needle " + "y".repeat(1_000_000);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            TriageResult r = service.triage(in().text(huge).build());
            assertEquals("general", r.queueId(), "the needle is past the 8,192 characters rules see");
        }
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertNull(service.triage(in().text("needle").build()).error());
    }
}
