package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flows against a real HTTP backend started in the test, through the JDK client (no CamelContext). */
class FlowRunnerTest {
    static StatusServer server;
    private final Settings settings = Fixtures.settings(Map.of());
    private final FlowRunner runner = new FlowRunner(new SlotExtractorImpl(), actions());
    /** The conversation context, as the core keeps it between turns. */
    private final Map<String, String> context = new HashMap<>();

    /** The actions of the flows under test. */
    Action actions() {
        return new Actions(new HttpAction(), () -> null);
    }

    @BeforeAll
    static void start() throws Exception {
        server = new StatusServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Flow flow(String path, String timeout) {
        return Flow.parse(FlowTest.STATUS.replace("http://localhost:8089/status/", server.base() + path)
                .replace("\"timeoutMillis\":3000", "\"timeoutMillis\":" + timeout));
    }

    private FlowRunner.Step start(Flow f, String text, String lang) {
        FlowRunner.Step s = runner.start(f, text, lang, Map.copyOf(context), settings);
        context.putAll(s.data());
        return s;
    }

    private FlowRunner.Step resume(Flow f, String text, String lang) {
        FlowRunner.Step s = runner.resume(f, text, lang, Map.copyOf(context), settings);
        context.putAll(s.data());
        return s;
    }

    @Test
    void asksForTheMissingSlotThenCallsTheActionAndAnswersInPersian() {
        Flow f = flow("/status/", "3000");
        FlowRunner.Step ask = start(f, "وضعیت درخواستم چی شد؟", "fa");
        assertEquals(FlowRunner.Kind.ASK, ask.kind());
        assertEquals("لطفاً شماره پیگیری را بفرمایید", ask.text());
        assertEquals("request.status", context.get(FlowRunner.INTENT));
        assertEquals("ticket", context.get(FlowRunner.STEP));
        assertTrue(FlowRunner.active(context));

        FlowRunner.Step answer = resume(f, "۱۲۳۴۵۶", "fa");
        assertEquals(FlowRunner.Kind.ANSWER, answer.kind());
        assertEquals("وضعیت درخواست 123456: در حال بررسی", answer.text());
        assertTrue(server.paths.contains("GET /status/123456"), server.paths.toString());
        assertEquals("123456", context.get("slot.ticket"));
        assertEquals("", context.get(FlowRunner.INTENT), "the flow is over");
        assertEquals("", context.get("flow.slot.ticket"));
        assertTrue(!FlowRunner.active(context));
    }

    @Test
    void aSlotInTheFirstMessageIsNotAskedForAndTheAnswerIsInEnglish() {
        FlowRunner.Step answer = start(flow("/status/", "3000"), "what is the status of ticket #777777?", "en");
        assertEquals(FlowRunner.Kind.ANSWER, answer.kind());
        assertEquals("Request 777777 is done", answer.text());
    }

    @Test
    void reAsksOnceOnAnInvalidAnswerThenHandsOff() {
        Flow f = flow("/status/", "3000");
        start(f, "status please", "en");
        FlowRunner.Step again = resume(f, "I don't know it", "en");
        assertEquals(FlowRunner.Kind.ASK, again.kind());
        assertEquals("That does not look right. Please give me your tracking number", again.text());
        assertEquals("1", context.get(FlowRunner.TRIES));
        FlowRunner.Step handoff = resume(f, "no idea", "en");
        assertEquals(FlowRunner.Kind.HANDOFF, handoff.kind());
        assertEquals("no valid ticket for 'ticket' after 2 answers", handoff.error());
        assertEquals("", context.get(FlowRunner.INTENT));
    }

    @Test
    void aValidAnswerAfterAnInvalidOneStillWorks() {
        Flow f = flow("/status/", "3000");
        start(f, "وضعیت درخواست", "fa");
        resume(f, "نمی‌دانم", "fa");
        FlowRunner.Step answer = resume(f, "کد پیگیری ۱۲۳۴۵۶", "fa");
        assertEquals("وضعیت درخواست 123456: در حال بررسی", answer.text());
    }

    @Test
    void aFailingActionHandsOffWithTheError() {
        Flow f = flow("/status/", "3000");
        start(f, "status", "en");
        FlowRunner.Step handoff = resume(f, "999999", "en");
        assertEquals(FlowRunner.Kind.HANDOFF, handoff.kind());
        assertNull(handoff.text());
        assertTrue(handoff.error().startsWith("HTTP 500 from GET " + server.base() + "/status/999999"),
                handoff.error());
        assertEquals(handoff.error(), context.get(FlowRunner.ERROR));
        assertEquals("999999", context.get("slot.ticket"), "the agent still sees the ticket");
    }

    @Test
    void aSlowActionTimesOutAtTheFlowTimeout() {
        long t0 = System.nanoTime();
        FlowRunner.Step handoff = start(flow("/slow/", "300"), "ticket #123456", "en");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(FlowRunner.Kind.HANDOFF, handoff.kind());
        assertTrue(handoff.error().startsWith("no answer within 300 ms"), handoff.error());
        assertTrue(millis < 1500, "took " + millis + " ms");
    }

    @Test
    void onErrorAnswerSaysTheErrorAnswerInsteadOfHandingOff() {
        Flow f = Flow.parse(FlowTest.STATUS.replace("http://localhost:8089", server.base())
                .replace("\"onError\":\"handoff\"", "\"onError\":\"answer\",\"errorAnswer\":{\"en\":\"Sorry, "
                        + "${slot.ticket} cannot be checked now\"}"));
        FlowRunner.Step s = start(f, "ticket #999999", "en");
        assertEquals(FlowRunner.Kind.ANSWER, s.kind());
        assertEquals("Sorry, 999999 cannot be checked now", s.text());
    }

    @Test
    void aSlotKnownFromAnEarlierTurnIsReused() {
        context.put("slot.ticket", "777777");
        FlowRunner.Step s = start(flow("/status/", "3000"), "status?", "en");
        assertEquals("Request 777777 is done", s.text());
    }

    @Test
    void flowsWithSeveralSlotsAndNoActionAskInOrder() {
        Flow f = Flow.parse("""
                {"intent":"callback","slots":[
                  {"name":"mobile","type":"phone","prompt":{"fa":"شماره همراه؟","en":"Your mobile?"}},
                  {"name":"when","type":"date","prompt":{"fa":"چه روزی؟","en":"Which day?"}},
                  {"name":"note","type":"text","prompt":{"fa":"موضوع؟","en":"What about?"}}],
                 "answer":{"fa":"روز ${slot.when} با ${slot.mobile} تماس می‌گیریم: ${slot.note}"}}""");
        assertEquals("چه روزی؟", start(f, "با من تماس بگیرید 09121234567", "fa").text());
        assertEquals("موضوع؟", resume(f, "۱۳ فروردین ۱۴۰۴", "fa").text());
        FlowRunner.Step done = resume(f, "وام مسکن", "fa");
        assertEquals("روز 2025-04-02 با +989121234567 تماس می‌گیریم: وام مسکن", done.text());
        assertEquals(List.of("", "", ""), List.of(context.get("flow.slot.mobile"), context.get("flow.slot.when"),
                context.get("flow.slot.note")));
    }
}
