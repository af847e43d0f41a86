package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The console's and REST's view of the flows: validate, save (audited), read back, delete. */
class FlowServiceImplTest {
    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final FlowServiceImpl flows = new FlowServiceImpl(store);

    static final String STATUS = """
            {"intent": "request.status",
             "slots": [{"name": "ticket", "type": "ticket", "prompt": {"fa": "شماره پیگیری؟", "en": "Tracking number?"}}],
             "answer": {"fa": "درخواست ${slot.ticket} ثبت است", "en": "Request ${slot.ticket} is registered"}}
            """;

    @Test
    void savesValidatesAndDeletes() {
        assertTrue(flows.validate(STATUS).isEmpty(), flows.validate(STATUS).toString());
        flows.save(STATUS, "admin");
        assertTrue(flows.flow("request.status").orElseThrow().contains("${slot.ticket}"));
        assertEquals(1, flows.flows().size());
        assertFalse(store.auditLog("flow", 10).isEmpty(), "audited");
        assertTrue(flows.delete("request.status", "admin"));
        assertTrue(flows.flow("request.status").isEmpty());
        assertFalse(flows.delete("request.status", "admin"));
    }

    @Test
    void invalidDraftsAreRefusedWithEachProblem() {
        String bad = STATUS.replace("\"type\": \"ticket\"", "\"type\": \"tiket\"");
        assertTrue(flows.validate(bad).stream().anyMatch(p -> p.contains("tiket")), flows.validate(bad).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flows.save(bad, "admin"));
        assertTrue(e.getMessage().contains("tiket"), e.getMessage());
        assertTrue(flows.flows().isEmpty(), "nothing saved");
        assertFalse(flows.validate("{\"intent\": ").isEmpty(), "malformed JSON");
    }
}
