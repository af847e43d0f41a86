package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    @Test
    void arabicYehAndKafBecomePersian() {
        // "کارت یکی" typed on an Arabic keyboard: Arabic kaf U+0643 and Arabic yeh U+064A
        assertEquals("کارت یکی", TextNormalizer.normalize("\u0643\u0627\u0631\u062A \u064A\u0643\u064A"));
        // alef maksura at the end of a word is yeh too
        assertEquals("موسی", TextNormalizer.normalize("\u0645\u0648\u0633\u0649"));
    }

    @Test
    void hehVariantsHamzaAndMaddaAreFolded() {
        assertEquals("خانه", TextNormalizer.normalize("خان\u0629")); // teh marbuta
        assertEquals("خانه", TextNormalizer.normalize("خان\u06C0")); // heh with yeh above
        assertEquals("اب", TextNormalizer.normalize("\u0622ب")); // alef with madda
        assertEquals("اسم", TextNormalizer.normalize("\u0625سم")); // alef with hamza below
        assertEquals("مسول", TextNormalizer.normalize("مس\u0624ل")); // waw with hamza
    }

    @Test
    void zwnjIsASpaceSoHalfSpaceAndSpaceMatch() {
        assertEquals("می خواهم", TextNormalizer.normalize("می\u200Cخواهم"));
        assertEquals(TextNormalizer.normalize("می خواهم"), TextNormalizer.normalize("می\u200Cخواهم"));
        assertEquals(List.of("کتاب", "ها"), TextNormalizer.tokens("کتاب\u200Cها"));
    }

    @Test
    void diacriticsTatweelAndDirectionalMarksAreRemoved() {
        assertEquals("سلام", TextNormalizer.normalize("سَلاٰمٌ"));
        assertEquals("سلام", TextNormalizer.normalize("ســـــلام"));
        assertEquals("محمد", TextNormalizer.normalize("\u200Fمُحَمَّد\u200E"));
        assertEquals("cafe", TextNormalizer.normalize("Cafe\u0301"));
        assertEquals("cafe", TextNormalizer.normalize("CAFÉ"));
    }

    @Test
    void persianAndArabicIndicDigitsBecomeLatin() {
        assertEquals("کد 1234567890", TextNormalizer.normalize("کد ۱۲۳۴۵۶۷۸۹۰"));
        assertEquals("0912", TextNormalizer.normalize("\u0660\u0669\u0661\u0662"));
    }

    @Test
    void latinIsLowerCasedAndPunctuationCollapsed() {
        assertEquals("hello world it s me", TextNormalizer.normalize("  Hello,   WORLD!!! It's me... "));
        assertEquals("سلام چطوری", TextNormalizer.normalize("سلام، چطوری؟"));
        assertEquals("", TextNormalizer.normalize(" ?!. "));
        assertEquals("", TextNormalizer.normalize(null));
    }

    @Test
    void languageFollowsTheScript() {
        assertEquals("fa", TextNormalizer.language("سلام hello"));
        assertEquals("en", TextNormalizer.language("hello 123"));
        assertEquals("en", TextNormalizer.language(null));
    }
}
