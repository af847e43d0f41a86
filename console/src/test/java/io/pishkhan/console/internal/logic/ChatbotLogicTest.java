package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.TrainingJob;
import io.pishkhan.console.internal.logic.AssistRanking.Candidate;
import io.pishkhan.console.internal.logic.AssistRanking.Ranked;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Agent-assist ranking, upload checks, training texts, knowledge-base and flow texts. */
class ChatbotLogicTest {

    // ---------------------------------------------------------------- ranking

    @Test
    void normalisationUnifiesArabicAndPersianLettersDigitsAndJoiners() {
        assertEquals("کارت ی", AssistRanking.normalise("كارت ي"));
        assertEquals("123 abc", AssistRanking.normalise("۱۲۳ ABC"));
        assertEquals("45", AssistRanking.normalise("٤٥"));
        assertEquals("می خواهم", AssistRanking.normalise("می\u200Cخواهم"));
        assertEquals("مسدود", AssistRanking.normalise("مَسدـود"), "harakat and tatweel dropped");
        assertEquals("", AssistRanking.normalise(null));
    }

    @Test
    void tokensDropFunctionWordsShortWordsAndTemplateVariables() {
        assertEquals(Set.of("card", "lost"), AssistRanking.tokens("Hello, my card is LOST!"));
        assertEquals(Set.of("کارتم", "گم"), AssistRanking.tokens("سلام، کارتم را گم کرده‌ام"),
                "«کرده» + «ام»: the function word and the suffix go");
        assertEquals(Set.of("dear"), AssistRanking.tokens("Dear {customer.name}"));
    }

    @Test
    void prefixMatchesNeedFourLettersAndASmallDifference() {
        assertTrue(AssistRanking.matches("card", "cards"));
        assertTrue(AssistRanking.matches("کارت", "کارتم"));
        assertFalse(AssistRanking.matches("car", "cards"), "too short to match by prefix");
        assertFalse(AssistRanking.matches("block", "blockchains"), "too different");
        assertTrue(AssistRanking.matches("block", "blocked"));
    }

    @Test
    void templatesAreRankedByOverlapThenSpecificityThenName() {
        List<Candidate> c = List.of(
                new Candidate("greeting", "Hello {customer.name}, how can I help you?"),
                new Candidate("card_lost", "We blocked your card. A new card is sent within 5 days."),
                new Candidate("card_info", "Cards can be ordered on our website, with delivery and activation steps."),
                new Candidate("refund", "Your refund is on its way."),
                new Candidate("empty", " "));
        List<Ranked> r = AssistRanking.rank("I lost my cards yesterday, please block it", c, 3);
        assertEquals(List.of("card_lost", "card_info"), r.stream().map(Ranked::name).toList(),
                "refund and greeting share no word; the empty one is skipped");
        assertEquals(3, r.get(0).score(), "card, lost (name), block");
        assertEquals(1, r.get(1).score());
        assertEquals(1, AssistRanking.rank("lost card", c, 1).size());
        assertTrue(AssistRanking.rank("hello?", c, 3).isEmpty(), "only function words");
        assertTrue(AssistRanking.rank("card", c, 0).isEmpty());

        // a tie: the shorter (more specific) text first, then by name
        List<Ranked> tie = AssistRanking.rank("refund", List.of(new Candidate("b", "refund rules and many more words"),
                new Candidate("z", "refund now"), new Candidate("a", "refund now")), 3);
        assertEquals(List.of("a", "z", "b"), tie.stream().map(Ranked::name).toList());
    }

    @Test
    void persianTemplatesMatchArabicKeyboardSpellings() {
        List<Candidate> c = List.of(new Candidate("card", "کارت شما مسدود شد و کارت جدید ارسال می‌شود."),
                new Candidate("loan", "برای وام به شعبه مراجعه کنید."));
        List<Ranked> r = AssistRanking.rank("كارتم مسدود شده", c, 3);
        assertEquals(1, r.size());
        assertEquals("card", r.get(0).name());
        assertEquals(2, r.get(0).score());
    }

    @Test
    void languageIsGuessedFromTheScript() {
        assertEquals("fa", AssistRanking.detectLanguage("سلام، کارت VISA من گم شده"));
        assertEquals("en", AssistRanking.detectLanguage("my card is lost ۱۲"));
        assertNull(AssistRanking.detectLanguage("1234 !!"));
        assertNull(AssistRanking.detectLanguage(null));
    }

    // ---------------------------------------------------------------- uploads

    @Test
    void uploadsAreCheckedForTypeSizeEncodingAndContent() {
        byte[] ok = "\uFEFFtitle,body\nA,B\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("title,body\nA,B\n", UploadText.read("kb.CSV", ok, 100, UploadText.CSV), "BOM dropped");
        assertEquals("upload.type", assertThrows(InputException.class,
                () -> UploadText.read("kb.xlsx", ok, 100, UploadText.CSV)).key());
        InputException big = assertThrows(InputException.class,
                () -> UploadText.read("kb.csv", new byte[3000], 2048, UploadText.CSV));
        assertEquals("upload.tooLarge", big.key());
        assertEquals(2, big.args()[1], "the limit in KB");
        UploadText.read("a.md", "x".repeat(2048).getBytes(StandardCharsets.UTF_8), 2048, UploadText.MARKDOWN);
        byte[] arabic1256 = "کارت".getBytes(Charset.forName("windows-1256"));
        assertEquals("upload.encoding", assertThrows(InputException.class,
                () -> UploadText.read("fa.csv", arabic1256, 100, UploadText.CSV)).key());
        assertEquals("upload.empty", assertThrows(InputException.class,
                () -> UploadText.read("a.md", " \n\t".getBytes(StandardCharsets.UTF_8), 100, UploadText.MARKDOWN))
                .key());
        assertEquals("upload.empty", assertThrows(InputException.class,
                () -> UploadText.read("a.md", new byte[0], 100, UploadText.MARKDOWN)).key());
        assertEquals(2048, UploadText.MAX_KB_BYTES / 1024);
    }

    // ---------------------------------------------------------------- training

    @Test
    void progressIsShownAsWholePercentsInBothLanguages() {
        assertEquals("42%", TrainingText.percent(0.429, false));
        assertEquals("۴۲٪", TrainingText.percent(0.42, true));
        assertEquals("0%", TrainingText.percent(-1, false));
        assertEquals("100%", TrainingText.percent(7, false));
        assertEquals("0%", TrainingText.percent(Double.NaN, false));
        assertEquals("99%", TrainingText.percent(0.999, false), "100% only when finished");
        assertEquals("93.4%", TrainingText.ratio(0.9341, false));
        assertEquals("۹۳٫۴٪", TrainingText.ratio(0.9341, true));
        assertEquals("", TrainingText.ratio(null, false));
        assertEquals("0.35", TrainingText.decimal(0.351, false));
        assertEquals("۰٫۳۵", TrainingText.decimal(0.35, true));

        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        TrainingJob running = new TrainingJob("j", "fa", TrainingJob.State.RUNNING, 0.3, null, 0, t, null);
        TrainingJob failed = new TrainingJob("j", "fa", TrainingJob.State.FAILED, 0.3, "boom", 0, t, t);
        TrainingJob queued = new TrainingJob("j", "fa", TrainingJob.State.QUEUED, Double.NaN, null, 0, t, null);
        assertFalse(TrainingText.finished(running));
        assertFalse(TrainingText.finished(queued));
        assertTrue(TrainingText.finished(failed));
        assertEquals(0.3, TrainingText.shownProgress(running));
        assertEquals(1.0, TrainingText.shownProgress(failed));
        assertEquals(0.0, TrainingText.shownProgress(queued));
    }

    @Test
    void trainingCsvIsSummarised() {
        TrainingText.Summary s = TrainingText.summarize(
                "Label,Text\ncard.lost,\"I lost my card, help\"\ncard.lost,card gone\nbalance,how much\n\n"
                        + "oos,tell me a joke\n");
        assertEquals(new TrainingText.Summary(4, 2, 1), s);
        assertEquals("training.header", assertThrows(InputException.class,
                () -> TrainingText.summarize("sentence,intent\na,b\n")).key());
        assertEquals("csv.empty", assertThrows(InputException.class, () -> TrainingText.summarize("\n\n")).key());
        assertEquals("csv.quote", assertThrows(InputException.class,
                () -> TrainingText.summarize("text,label\n\"open,x\n")).key());
    }

    // ---------------------------------------------------------------- knowledge base and flows

    @Test
    void kbListsAndDirections() {
        assertEquals(Set.of("cards", "lost card", "loan"), KbText.parseList(" cards ،lost   card; loan\n, cards"));
        assertEquals(List.of("cards", "lost card", "loan"), List.copyOf(KbText.parseList("cards, lost card, loan")),
                "order kept");
        assertTrue(KbText.parseList(null).isEmpty());
        assertEquals("a, b", KbText.formatList(Arrays.asList("b", "a")));
        assertEquals("rtl", KbText.direction("fa"));
        assertEquals("ltr", KbText.direction("en"));
        assertEquals("auto", KbText.direction(null));
        assertEquals("abc…", KbText.abbreviate("abc  defgh", 4));
        assertEquals("a b", KbText.abbreviate(" a\n b ", 10));
    }

    @Test
    void flowSummariesNeverFail() {
        assertEquals("card.lost", FlowText.intentOf("{\"intent\": \" card.lost \", \"slots\": [{}, {}]}"));
        assertEquals(new FlowText.Summary("card.lost", 2, "{\"intent\":\"card.lost\",\"slots\":[1,2]}"),
                FlowText.summarize("{\"intent\":\"card.lost\",\"slots\":[1,2]}"));
        assertNull(FlowText.intentOf("{\"intent\": 3}"));
        assertNull(FlowText.intentOf("[1]"));
        assertNull(FlowText.intentOf("{ broken"));
        assertNull(FlowText.intentOf(null));
        assertEquals(new FlowText.Summary("", 0, "{ broken"), FlowText.summarize("{ broken"));
        assertEquals("Card status", FlowText.description("{\"intent\":\"x\",\"description\":\" Card status \"}"));
        assertEquals("", FlowText.description("{\"intent\":\"x\"}"));
        assertEquals("", FlowText.description("not json"));
    }
}
