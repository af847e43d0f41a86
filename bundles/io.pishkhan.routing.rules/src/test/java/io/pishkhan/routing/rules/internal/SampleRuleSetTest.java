package io.pishkhan.routing.rules.internal;

import static io.pishkhan.routing.rules.internal.Fixtures.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pishkhan.api.routing.TriageResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped sample: valid against the standard queues and skills, and it routes as its description says. */
class SampleRuleSetTest {
    private final RuleSetServiceImpl service = Fixtures.service(new Fixtures.MemoryRuleSetStore());

    static String sample() throws IOException {
        try (InputStream in = SampleRuleSetTest.class.getResourceAsStream("/sample-ruleset.json")) {
            assertNotNull(in, "sample-ruleset.json is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void deploySample() throws IOException {
        // queues general, vip, cards, payments; skills cards, payments, lang-fa, lang-en
        assertEquals(List.of(), service.validate(sample()));
        service.deploy(sample(), "admin", "sample");
    }

    @Test
    void persianFraudGoesToCardsWithPersianSkill() {
        TriageResult r = service.triage(in().text("سلام، کارت من دزدیده شده").attr("tier", "vip").build());
        assertEquals("cards", r.queueId());
        assertEquals(90, r.priority());
        assertEquals("fraud words", r.ruleName());
        assertEquals(Map.of("lang-fa", 3, "cards", 6), r.requiredSkills());
        assertEquals("fraud", r.tags().get("topic"));
    }

    @Test
    void blockedCardIntentAndAngryCustomer() {
        TriageResult r = service.triage(in().text("it does not work!").intent("card.blocked", 0.8).sentiment(-0.8)
                .attr("language", "en").build());
        assertEquals("cards", r.queueId());
        assertEquals(90, r.priority(), "70 + 20 angry");
        assertEquals(Map.of("lang-en", 3, "cards", 4), r.requiredSkills());
        assertEquals("angry", r.tags().get("mood"));
    }

    @Test
    void failedPaymentInPersianText() {
        TriageResult r = service.triage(in().text("پرداخت ناموفق بود ولی پول کسر شد").build());
        assertEquals("payments", r.queueId());
        assertEquals("failed payment", r.ruleName());
    }

    @Test
    void vipStatusAndDefaults() {
        assertEquals("vip", service.triage(in().text("hello").attr("tier", "vip").build()).queueId());
        TriageResult status = service.triage(in().intent("request.status", 0.9).build());
        assertEquals("general", status.queueId());
        assertEquals(10, status.priority());
        assertEquals("status", status.tags().get("topic"));
        TriageResult other = service.triage(in().text("؟").build());
        assertEquals("general", other.queueId());
        assertNull(other.ruleName());
        assertEquals(0, other.priority());
        // 21:00 in Tehran
        TriageResult night = service.triage(in().text("؟").at(Instant.parse("2025-03-01T17:30:00Z")).build());
        assertEquals("night", night.ruleName());
        assertEquals(0, night.priority(), "0 - 5 clamps to 0");
    }
}
