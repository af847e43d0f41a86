package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.kb.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageSelectorTest {
    private static final String FILLER = "This paragraph talks about something else entirely and goes on for a while "
            + "so that the paragraphs cannot all fit into one passage of four hundred characters. ";

    private static KnowledgeBaseImpl kbWith(String title, String body, String language) {
        KnowledgeBaseImpl kb = Fixtures.emptyKb();
        kb.save(Fixtures.article(title, body, language), "admin");
        return kb;
    }

    @Test
    void picksTheParagraphWithTheQueryTerms() {
        String body = FILLER + FILLER + "\n\n"
                + "Swallowed cards can be collected from the branch that owns the ATM after two working days.\n\n"
                + FILLER + FILLER;
        Passage p = kbWith("Cards", body, "en").search("ATM swallowed my card", "en", null, 1).get(0);
        assertEquals("Swallowed cards can be collected from the branch that owns the ATM after two working days.",
                p.text().lines().filter(l -> l.contains("Swallowed")).findFirst().orElse(p.text()));
        assertTrue(p.text().length() <= PassageSelector.MAX_CHARS);
    }

    @Test
    void prefersThePassageWithTheRarerTerm() {
        String body = "Cards and accounts are described in this guide.\n\n" + FILLER + FILLER + "\n\n"
                + "The PAYA transfer of cards settles in the clearing cycles.\n\n" + FILLER + FILLER;
        KnowledgeBaseImpl kb = kbWith("Guide", body, "en");
        // a second article makes "card" common and "paya" rare
        kb.save(Fixtures.article("Other", "Cards, cards and more cards.", "en"), "admin");
        Passage p = kb.search("card PAYA", "en", null, 2).stream().filter(x -> x.title().equals("Guide"))
                .findFirst().orElseThrow();
        assertTrue(p.text().contains("PAYA transfer"), p.text());
    }

    @Test
    void persianPassageMatchesAcrossWritingVariants() {
        String body = "این راهنما دربارهٔ خدمات بانک است. " + "متن بی‌ربط ".repeat(40) + "\n\n"
                + "برای مسدود کردن کارت‌ها با مرکز تماس بگیرید.\n\n" + "متن بی‌ربط دیگر ".repeat(40);
        Passage p = kbWith("راهنما", body, "fa").search("مسدود كردن كارتها", "fa", null, 1).get(0);
        assertTrue(p.text().contains("برای مسدود کردن کارت‌ها"), p.text());
        assertTrue(p.text().length() <= PassageSelector.MAX_CHARS);
    }

    @Test
    void articleMatchedOnlyByTitleShowsItsOpening() {
        Passage p = kbWith("Opening hours", "We welcome you from Saturday to Wednesday.\n\nMore details follow.", "en")
                .search("opening hours", "en", null, 1).get(0);
        assertTrue(p.text().startsWith("We welcome you from Saturday"), p.text());
    }

    @Test
    void aLongSingleSentenceIsCutAroundTheMatchWithEllipses() {
        String words = "lorem ipsum dolor sit amet ".repeat(40);
        String body = words + "the magicword appears here " + words;
        Passage p = kbWith("Long", body, "en").search("magicword", "en", null, 1).get(0);
        assertTrue(p.text().length() <= PassageSelector.MAX_CHARS, "length " + p.text().length());
        assertTrue(p.text().contains("magicword"), p.text());
        assertTrue(p.text().startsWith("…") && p.text().endsWith("…"), p.text());
    }

    @Test
    void markdownIsStrippedInPassagesButKeptInTheStoredBody() {
        String body = "## Steps\n\n1. Open **Cards > Block card** in the [mobile bank](https://example.ir/app).\n"
                + "2. Confirm with `OTP`.";
        KnowledgeBaseImpl kb = kbWith("Block", body, "en");
        Passage p = kb.search("block card", "en", null, 1).get(0);
        assertEquals("Steps\nOpen Cards > Block card in the mobile bank.\nConfirm with OTP.", p.text());
        assertEquals(body, kb.articles().get(0).body());
    }

    @Test
    void unitsSplitLongParagraphsIntoSentences() {
        String para = "First sentence here. ".repeat(25) + "Last one؟ Persian end. ";
        List<String> units = PassageSelector.units("Short intro.\n\n" + para);
        assertEquals("Short intro.", units.get(0));
        assertTrue(units.size() > 10);
        assertFalse(units.stream().anyMatch(u -> u.length() > PassageSelector.MAX_CHARS));
    }
}
