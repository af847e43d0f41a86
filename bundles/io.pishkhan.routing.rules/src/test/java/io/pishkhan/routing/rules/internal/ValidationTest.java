package io.pishkhan.routing.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.RuleProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** validate(): each problem with the 1-based line (and column) of its place in the JSON source. */
class ValidationTest {
    private final RuleSetServiceImpl service = Fixtures.service(new Fixtures.MemoryRuleSetStore());

    private static RuleProblem only(List<RuleProblem> problems) {
        assertEquals(1, problems.size(), () -> "problems: " + problems);
        return problems.get(0);
    }

    private static void assertMentions(RuleProblem p, String... words) {
        for (String w : words) {
            assertTrue(p.message().contains(w), () -> "'" + w + "' not in: " + p);
        }
    }

    @Test
    void validRuleSetHasNoProblems() {
        assertEquals(List.of(), service.validate("""
                {
                  // comments are allowed
                  "description": "test",
                  "defaults": {"queue": "general", "priority": 0, "skills": {"lang-fa": 1}},
                  "rules": []
                }"""));
    }

    @Test
    void malformedJsonReportsJacksonLocation() {
        RuleProblem p = only(service.validate("""
                {
                  "rules": [
                    {"name": "a", "when": "true", "queue": "vip"}
                    {"name": "b", "when": "true"}
                  ]
                }"""));
        assertEquals(4, p.line(), p::toString);
        assertEquals(5, p.column(), p::toString);
        assertMentions(p, "malformed JSON");
        RuleProblem eof = only(service.validate("{\n \"rules\": [\n"));
        assertEquals(3, eof.line(), eof::toString);
        RuleProblem dup = only(service.validate("{\n \"rules\": [],\n \"rules\": []\n}"));
        assertEquals(3, dup.line(), dup::toString);
        assertMentions(dup, "Duplicate field");
    }

    @Test
    void expressionSyntaxErrorPointsIntoTheWhenValue() {
        RuleProblem p = only(service.validate("""
                {
                  "rules": [
                    {"name": "ok", "when": "true", "queue": "vip"},
                    {"name": "broken",
                     "when": "intent == 'x' &&& confidence > 1", "queue": "cards"}
                  ]
                }"""));
        assertEquals(5, p.line(), p::toString);
        // the value's quote is at column 14; JEXL stops inside "&&&" (expression column 14 or 15)
        assertTrue(p.column() >= 14 + 13 && p.column() <= 14 + 16, p::toString);
        assertMentions(p, "rule 'broken'", "syntax error");
    }

    @Test
    void expressionWithEscapesReportsTheValueColumn() {
        RuleProblem p = only(service.validate("{\"rules\": [{\"name\": \"e\",\n  \"when\": \"text == \\\"a\\\" &&\"}]}"));
        assertEquals(2, p.line(), p::toString);
        assertEquals(11, p.column(), p::toString);
    }

    @Test
    void unknownQueueAndSkillAreReportedOnTheirLines() {
        List<RuleProblem> problems = service.validate("""
                {
                  "defaults": {"queue": "general"},
                  "rules": [
                    {"name": "a", "when": "true", "queue": "loans"},
                    {"name": "b", "when": "true",
                     "skills": {"cards": 3, "mortgage": 2}}
                  ]
                }""");
        assertEquals(2, problems.size(), problems::toString);
        assertEquals(4, problems.get(0).line());
        assertMentions(problems.get(0), "unknown queue 'loans'", "general");
        assertEquals(6, problems.get(1).line());
        assertEquals(29, problems.get(1).column(), problems.get(1)::toString);
        assertMentions(problems.get(1), "unknown skill 'mortgage'", "lang-fa");
    }

    @Test
    void rangesTypesAndFields() {
        List<RuleProblem> problems = service.validate("""
                {
                  "defaults": {"priority": 101},
                  "rules": [
                    {"name": "a", "when": "true", "priority": -1},
                    {"name": "b", "when": "true", "skills": {"cards": 11}},
                    {"name": "c", "when": "true", "skills": {"cards": 0}},
                    {"name": "d", "when": "true", "priority": 5.5},
                    {"name": "e", "when": "true", "colour": "red"},
                    {"when": "true"},
                    {"name": "g"},
                    {"name": "h", "when": "true", "continue": true, "queue": "vip"},
                    {"name": "a", "when": "true"},
                    {"name": "i", "when": "true", "tags": {"routing.priority": "9"}}
                  ]
                }""");
        int[] lines = problems.stream().mapToInt(RuleProblem::line).toArray();
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), java.util.Arrays.stream(lines).boxed().toList(),
                problems::toString);
        assertMentions(problems.get(0), "101", "0 to 100");
        assertMentions(problems.get(2), "level of skill 'cards'", "1 to 10");
        assertMentions(problems.get(5), "unknown field \"colour\"");
        assertMentions(problems.get(6), "without \"name\"");
        assertMentions(problems.get(7), "without \"when\"");
        assertMentions(problems.get(8), "continue");
        assertMentions(problems.get(9), "duplicate rule name 'a'");
        assertMentions(problems.get(10), "reserved");
    }

    @Test
    void unknownVariablesAndFunctionsAreRefused() {
        List<RuleProblem> problems = service.validate("""
                {"rules": [
                  {"name": "a", "when": "tier == 'vip'"},
                  {"name": "b", "when": "matches(text, 'x')"},
                  {"name": "c", "when": "text.length > 3"},
                  {"name": "d", "when": "customer.tier.bytes == null"}
                ]}""");
        assertEquals(4, problems.size(), problems::toString);
        assertMentions(problems.get(0), "unknown variable 'tier'");
        assertMentions(problems.get(1), "unknown function 'matches'");
        assertMentions(problems.get(2), "'text' has no properties");
        assertMentions(problems.get(3), "customer");
    }

    @Test
    void sizeLimits() {
        String big = "{\"rules\": [], \"description\": \"" + "x".repeat(RuleSetParser.MAX_SOURCE_CHARS) + "\"}";
        assertMentions(only(service.validate(big)), "limit is 65536");
        String longWhen = "{\"rules\": [{\"name\": \"a\", \"when\": \"" + "true && ".repeat(300) + "true\"}]}";
        assertMentions(only(service.validate(longWhen)), "limit is 2048");
        String deep = "{\"rules\": [{\"name\": \"a\", \"when\": \"" + "(".repeat(200) + "true" + ")".repeat(200)
                + "\"}]}";
        assertMentions(only(service.validate(deep)), "nested");
        assertMentions(only(service.validate("")), "empty");
        assertMentions(only(service.validate("[]")), "must be a JSON object");
    }
}
