package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowTest {
    static final String STATUS = """
            {"intent":"request.status","slots":[{"name":"ticket","type":"ticket","prompt":{"fa":"لطفاً شماره پیگیری را بفرمایید","en":"Please give me your tracking number"}}],
             "action":{"uri":"http://localhost:8089/status/${slot.ticket}","method":"GET","timeoutMillis":3000},
             "answer":{"fa":"وضعیت درخواست ${slot.ticket}: ${result.status}","en":"Request ${slot.ticket} is ${result.status}"},
             "onError":"handoff"}""";

    @Test
    void theIssueExampleParses() {
        Flow f = Flow.parse(STATUS);
        assertEquals("request.status", f.intent());
        assertEquals(1, f.slots().size());
        assertEquals("ticket", f.slots().get(0).type());
        assertEquals("Please give me your tracking number", f.slots().get(0).prompt("en"));
        assertEquals("GET", f.action().method());
        assertEquals(3000, f.action().timeoutMillis());
        assertEquals(Flow.ON_ERROR_HANDOFF, f.onError());
        assertEquals("Request ${slot.ticket} is ${result.status}", f.answer("en"));
    }

    @Test
    void defaultsMethodTimeoutAndOnError() {
        Flow f = Flow.parse("""
                {"intent":"x","slots":[],"action":{"uri":"direct:x"},"answer":"done: ${result.ok}"}""");
        assertEquals("GET", f.action().method());
        assertEquals(Flow.DEFAULT_TIMEOUT_MILLIS, f.action().timeoutMillis());
        assertEquals(Flow.ON_ERROR_HANDOFF, f.onError());
        assertEquals("done: ${result.ok}", f.answer("fa"));
        assertEquals("done: ${result.ok}", f.answer("en"));
    }

    @Test
    void everyProblemIsNamedWithItsPlace() {
        Flow.InvalidFlowException e = assertThrows(Flow.InvalidFlowException.class, () -> Flow.parse("""
                {"intent":"request.status","slots":[{"name":"ticket","type":"tiket","prompt":{"de":"Nummer?"}},
                  {"name":"ticket","type":"phone"}],
                 "action":{"uri":"no scheme","method":"FETCH","timeoutMillis":0},
                 "answer":{"fa":"${slot.order} ${result.status}"},"onError":"retry","extra":1}"""));
        List<String> p = e.problems();
        assertTrue(p.contains("extra: unknown field; expected one of [action, answer, description, errorAnswer, "
                + "intent, onError, slots]"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("slots[0].type: unknown type 'tiket'")), p.toString());
        assertTrue(p.contains("slots[0].prompt.de: unknown language; expected fa or en"), p.toString());
        assertTrue(p.contains("slots[1].name: 'ticket' is used twice"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("slots[1].prompt: required")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("action.uri: 'no scheme' is not an endpoint URI")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("action.method: 'FETCH'")), p.toString());
        assertTrue(p.contains("action.timeoutMillis: expected a whole number 1-60000"), p.toString());
        assertTrue(p.contains("answer.fa: ${slot.order} names no slot of this flow"), p.toString());
        assertTrue(p.contains("onError: 'retry'; expected handoff or answer"), p.toString());
        assertTrue(e.getMessage().startsWith("flow request.status: "), e.getMessage());
    }

    @Test
    void resultPlaceholdersNeedAnActionAndOnErrorAnswerNeedsItsText() {
        Flow.InvalidFlowException e = assertThrows(Flow.InvalidFlowException.class, () -> Flow.parse("""
                {"intent":"a","slots":[],"answer":"${result.x}","onError":"answer"}"""));
        assertEquals(List.of("errorAnswer: required, e.g. {\"fa\": \"...\", \"en\": \"...\"}",
                "answer.fa: ${result.x} needs an action", "answer.en: ${result.x} needs an action"), e.problems());
    }

    @Test
    void notJsonIsAClearError() {
        Flow.InvalidFlowException e = assertThrows(Flow.InvalidFlowException.class, () -> Flow.parse("{\"intent\":"));
        assertTrue(e.getMessage().startsWith("flow: not JSON"), e.getMessage());
        assertThrows(Flow.InvalidFlowException.class, () -> Flow.parse("[]"));
    }

    @Test
    void repositoryValidatesOnSaveAndIgnoresBrokenStoredDocuments() {
        InMemoryConfigStore store = new InMemoryConfigStore();
        FlowRepository repo = new FlowRepository(store);
        repo.save(STATUS, "admin", "first");
        assertEquals("request.status", repo.find("request.status").orElseThrow().intent());
        assertTrue(store.get("flow", "request.status").orElseThrow().json().contains("\"intent\""));
        assertThrows(Flow.InvalidFlowException.class, () -> repo.save("{\"intent\":\"x\"}", "admin", null));
        assertEquals(Optional.empty(), store.get("flow", "x"));
        store.putRaw("flow", "broken", "{\"intent\":\"broken\",\"answer\":5}");
        store.putRaw("flow", "other", STATUS);
        assertTrue(repo.find("broken").isEmpty());
        assertTrue(repo.find("other").isEmpty(), "stored under another intent");
        assertTrue(repo.find(null).isEmpty());
        List<String> problems = new java.util.ArrayList<>();
        assertEquals(2, repo.all(problems).size());
        assertEquals(1, problems.size());
    }

    @Test
    void templatesFillSlotsAndResultPathsAndEncodePerMode() {
        var result = Action.parse("{\"status\":\"باز\",\"order\":{\"items\":[{\"name\":\"کتاب\"}]},\"n\":3}");
        var slots = java.util.Map.of("ticket", "12 34/5");
        assertEquals("12 34/5: باز کتاب 3 ", Template.render(
                "${slot.ticket}: ${result.status} ${result.order.items[0].name} ${result.n} ${result.missing}",
                slots, result, Template.Mode.TEXT));
        assertEquals("http://h/s/12%2034%2F5", Template.render("http://h/s/${slot.ticket}", slots, null,
                Template.Mode.URI));
        assertEquals("{\"t\":\"a\\\"b\"}", Template.render("{\"t\":\"${slot.t}\"}", java.util.Map.of("t", "a\"b"),
                null, Template.Mode.JSON));
        assertEquals("<b>", Template.render("${slot.t}", java.util.Map.of("t", "<b>"), null, Template.Mode.TEXT));
        assertNull(Template.check("result.order.items[0].name", List.of(), true));
    }
}
