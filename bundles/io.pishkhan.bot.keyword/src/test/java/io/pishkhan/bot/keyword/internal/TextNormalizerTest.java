package io.pishkhan.bot.keyword.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void lowerCasesAndTurnsPunctuationIntoSpaces() {
        assertEquals("what are your opening hours", TextNormalizer.normalize("  What are your OPENING-hours?!  "));
        assertEquals(List.of("card", "s", "lost"), TextNormalizer.tokens("card's lost..."));
        assertEquals(List.of(), TextNormalizer.tokens(" ?! "));
    }

    @Test
    void foldsArabicLettersToPersian() {
        // Arabic yeh (U+064A), alef maksura (U+0649) and kaf (U+0643) -> Persian yeh and kaf
        assertEquals("کارت کی", TextNormalizer.normalize("\u0643\u0627\u0631\u062A \u0643\u0649"));
        assertEquals("ساعت کاری", TextNormalizer.normalize("ساعت \u0643\u0627\u0631\u064A"));
    }

    @Test
    void stripsDiacriticsTatweelAndSplitsAtZwnj() {
        assertEquals("کارت ها", TextNormalizer.normalize("کارت\u200Cها"));
        assertEquals("کارت", TextNormalizer.normalize("کـــارت"));
        assertEquals("لطفا", TextNormalizer.normalize("لطفاً"));
        assertEquals("محمد", TextNormalizer.normalize("مُحَمَّد"));
    }

    @Test
    void mapsPersianAndArabicIndicDigitsToAscii() {
        assertEquals("0123456789 0123456789", TextNormalizer.normalize("۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩"));
        assertEquals("1402", TextNormalizer.normalize("۱۴۰۲"));
    }

    @Test
    void foldsPresentationForms() {
        // U+FEDB U+FE8E U+FEAE U+FE96: kaf, alef, reh, teh in presentation forms
        assertEquals("کارت", TextNormalizer.normalize("\uFEDB\uFE8E\uFEAE\uFE96"));
    }

    @Test
    void detectsPersianByScript() {
        assertEquals("fa", TextNormalizer.language("سلام"));
        assertEquals("fa", TextNormalizer.language("my کارت is lost"));
        assertEquals("en", TextNormalizer.language("Hello 123"));
        assertEquals("en", TextNormalizer.language("۱۲۳")); // digits alone are not letters
        assertEquals("en", TextNormalizer.language(null));
    }

    @Test
    void repairsUtf8ReadAsLatin1Only() {
        String persian = "ساعت کاری";
        String mojibake = new String(persian.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(persian, TextNormalizer.repairUtf8ReadAsLatin1(mojibake));
        assertEquals(persian, TextNormalizer.repairUtf8ReadAsLatin1(persian));
        assertEquals("café", TextNormalizer.repairUtf8ReadAsLatin1("café"));
        assertEquals("plain", TextNormalizer.repairUtf8ReadAsLatin1("plain"));
    }
}
