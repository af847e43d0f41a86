package io.pishkhan.routing.rules.internal;

import static io.pishkhan.routing.rules.internal.Fixtures.TEHRAN;
import static io.pishkhan.routing.rules.internal.Fixtures.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.TriageResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSemanticsTest {
    static final RuleSetCompiler COMPILER = new RuleSetCompiler();

    static final String RULES = """
            {
              "defaults": {"queue": "general", "priority": 10, "tags": {"source": "rules"}},
              "rules": [
                {"name": "angry", "when": "sentiment != null && sentiment < -0.5", "addPriority": 20,
                 "skills": {"lang-fa": 3}, "tags": {"mood": "angry"}, "continue": true},
                {"name": "english", "when": "customer.language == 'en'", "skills": {"lang-en": 4, "lang-fa": 1},
                 "continue": true},
                {"name": "fraud words", "when": "text =~ ['fraud', 'کلاهبرداری'] || contains(text, 'stolen')",
                 "queue": "cards", "priority": 90, "skills": {"cards": 7}},
                {"name": "blocked card", "when": "intent == 'card.blocked' && confidence >= 0.6", "queue": "cards",
                 "priority": 80, "skills": {"cards": 5}},
                {"name": "vip", "when": "customer.tier == 'vip'", "queue": "vip", "priority": 50},
                {"name": "off", "when": "true", "queue": "payments", "enabled": false},
                {"name": "late", "when": "hour >= 22 || hour < 7", "addPriority": -5}
              ]
            }
            """;

    static CompiledRuleSet compile(String src) {
        RuleSetCompiler.Compilation c = COMPILER.compile(src, "7", RuleSetCompiler.References.NONE);
        assertTrue(c.ok(), () -> "problems: " + c.problems());
        return c.ruleSet();
    }

    static TriageResult run(String src, Fixtures.In input) {
        return compile(src).evaluate(RuleContext.of(input.build(), TEHRAN));
    }

    @Test
    void firstDecidingRuleWinsInOrder() {
        // both "fraud words" and "blocked card" and "vip" match: the first in the list decides
        TriageResult r = run(RULES, in().text("my card was STOLEN").intent("card.blocked", 0.9).attr("tier", "vip"));
        assertEquals("cards", r.queueId());
        assertEquals(90, r.priority());
        assertEquals("fraud words", r.ruleName());
        assertEquals("7", r.ruleVersion());
        assertEquals(Map.of("cards", 7), r.requiredSkills());
        assertNull(r.error());
    }

    @Test
    void laterRuleDecidesWhenEarlierDoNotMatch() {
        TriageResult r = run(RULES, in().text("hello").intent("card.blocked", 0.59).attr("tier", "vip"));
        assertEquals("vip", r.queueId(), "confidence 0.59 is below 0.6, so vip decides");
        assertEquals(50, r.priority());
        assertEquals("vip", r.ruleName());
        assertEquals("vip", r.tags().get(CompiledRuleSet.MATCHED_TAG));
    }

    @Test
    void continueRulesAccumulateAndGoOn() {
        TriageResult r = run(RULES, in().text("hi").intent("card.blocked", 0.8).sentiment(-0.9).attr("language", "en"));
        assertEquals("cards", r.queueId());
        assertEquals(100, r.priority(), "80 + 20 from 'angry'");
        assertEquals("blocked card", r.ruleName());
        assertEquals(Map.of("lang-fa", 3, "lang-en", 4, "cards", 5), r.requiredSkills(),
                "skills merge, the higher level wins (lang-fa 3 over 1)");
        assertEquals("angry", r.tags().get("mood"));
        assertEquals("rules", r.tags().get("source"), "default tags kept");
        assertEquals("angry,english,blocked card", r.tags().get(CompiledRuleSet.MATCHED_TAG));
    }

    @Test
    void priorityIsClampedTo100AndZero() {
        TriageResult r = run(RULES, in().text("fraud!").sentiment(-1.0));
        assertEquals(100, r.priority(), "90 + 20 clamps to 100");
        String low = """
                {"defaults": {"priority": 3}, "rules": [{"name": "minus", "when": "true", "addPriority": -50}]}""";
        TriageResult r2 = run(low, in());
        assertEquals(0, r2.priority());
        assertNull(r2.queueId(), "no default queue: the channel's default queue");
        assertEquals("minus", r2.ruleName(), "a rule without continue decides even if it sets only addPriority");
    }

    @Test
    void noDecidingRuleGivesDefaultsPlusContinueEffects() {
        TriageResult r = run(RULES, in().text("hello").sentiment(-0.7));
        assertEquals("general", r.queueId());
        assertEquals(30, r.priority(), "default 10 + angry 20");
        assertNull(r.ruleName(), "no deciding rule");
        assertEquals("angry", r.tags().get(CompiledRuleSet.MATCHED_TAG));
    }

    @Test
    void disabledRuleIsSkippedAndLastRuleCanDecideOnDefaults() {
        // 23:30 Tehran: "late" (no continue) decides with the defaults and -5
        TriageResult r = run(RULES, in().text("hello").at(Instant.parse("2025-03-01T20:00:00Z")));
        assertEquals("general", r.queueId());
        assertEquals(5, r.priority());
        assertEquals("late", r.ruleName());
        TriageResult day = run(RULES, in().text("hello"));
        assertNull(day.ruleName(), "10:00: nothing matches, the disabled rule is not used");
        assertEquals(10, day.priority());
    }

    @Test
    void runtimeFailureGivesErrorWithDefaultQueueAndNamesTheRule() {
        String src = """
                {"defaults": {"queue": "general", "priority": 5},
                 "rules": [{"name": "careless", "when": "sentiment < -0.5", "queue": "vip", "priority": 70}]}""";
        TriageResult r = run(src, in().text("x")); // no sentiment: null operand in strict mode
        assertTrue(r.failed());
        assertTrue(r.error().contains("rule 'careless'"), r.error());
        assertEquals("general", r.queueId());
        assertEquals(5, r.priority());
        assertEquals("careless", r.ruleName());
        assertEquals("7", r.ruleVersion());
        TriageResult ok = run(src, in().text("x").sentiment(-0.9));
        assertFalse(ok.failed());
        assertEquals("vip", ok.queueId());
    }

    @Test
    void nonBooleanConditionIsARuntimeFailure() {
        String src = """
                {"defaults": {"queue": "general"}, "rules": [{"name": "text only", "when": "intent", "queue": "vip"}]}""";
        TriageResult r = run(src, in().intent("card.blocked", 1));
        assertTrue(r.failed());
        assertTrue(r.error().contains("not true or false"), r.error());
        assertEquals("general", r.queueId());
    }

    @Test
    void textOperatorsIgnoreCaseAndPersianLetterForms() {
        String src = """
                {"rules": [
                  {"name": "word", "when": "anyWord(text, ['card'])", "queue": "cards"},
                  {"name": "fa", "when": "lowerText =~ 'كارت'", "queue": "cards", "priority": 1},
                  {"name": "digits", "when": "num(context.amount, 0) > 1000", "queue": "payments"},
                  {"name": "prefix", "when": "text =^ 'REFUND'", "queue": "payments", "priority": 2}
                ]}""";
        assertEquals("word", run(src, in().text("My CARD, please")).ruleName());
        assertNull(run(src, in().text("cardboard box")).ruleName(), "anyWord needs a whole word");
        // Arabic kaf in the rule, Persian keheh (and a ZWNJ) in the message
        assertEquals("fa", run(src, in().text("کارت\u200cمن مسدود شد")).ruleName());
        assertEquals("digits", run(src, in().ctx("amount", "۱,۵۰۰")).ruleName());
        assertNull(run(src, in().ctx("amount", "n/a")).ruleName());
        assertEquals("prefix", run(src, in().text("refund my money")).ruleName());
        String neg = """
                {"rules": [{"name": "calm", "when": "text !~ ['fraud', 'SCAM'] && text =$ 'THANKS' && startsWith(text, ['x', 'all'])", "queue": "vip"}]}""";
        assertEquals("calm", run(neg, in().text("All good, thanks")).ruleName());
        assertNull(run(neg, in().text("All a scam, thanks")).ruleName());
        assertNull(run(neg, in().text("All good, thanks!")).ruleName());
    }

    @Test
    void variablesCarryTheInput() {
        String src = """
                {"rules": [{"name": "all", "queue": "vip", "when":
                  "channel == 'email' && customer.name == 'Sara' && customer.id == 'cust-c-1' && context.order == '42' && dayOfWeek == 6 && hour == 10 && size(text) == 2 && empty(intent)"}]}""";
        assertEquals("vip", run(src, in().channel("email").ctx("order", "42").text("hi")).queueId());
        assertNull(run(src, in().channel("webchat").ctx("order", "42").text("hi")).queueId());
    }
}
