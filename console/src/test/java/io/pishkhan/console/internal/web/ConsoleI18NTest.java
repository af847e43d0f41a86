package io.pishkhan.console.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConsoleI18NTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ConsoleI18NTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void persianAndEnglishHaveTheSameKeys() throws IOException {
        Properties fa = load("console_fa.properties");
        Properties en = load("console_en.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(fa.stringPropertyNames()));
        assertEquals(en, load("console.properties"), "the default bundle is the English one");
    }

    @Test
    void routingAdminTextsAreTranslatedWithPersianDigits() {
        assertEquals("خط ۱۲: unknown queue vip",
                ConsoleI18N.translate("rules.problem", ConsoleI18N.FA, 12, "unknown queue vip"));
        assertEquals("line 12: unknown queue vip",
                ConsoleI18N.translate("rules.problem", ConsoleI18N.EN, 12, "unknown queue vip"));
        assertEquals("\"cards:11\": the number must be 1 to 10.",
                ConsoleI18N.translate("input.range", ConsoleI18N.EN, "cards:11", 1, 10));
        assertFalse(ConsoleI18N.translate("nav.hours", ConsoleI18N.FA).equals("nav.hours"));
    }
}
