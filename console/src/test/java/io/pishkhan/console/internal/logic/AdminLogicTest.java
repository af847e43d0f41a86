package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.Holiday;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminLogicTest {
    private static final Instant NOW = Instant.parse("2025-04-02T08:00:00Z");

    /** A stand-in for BusinessHoursService's helpers: two known dates, anything else is invalid. */
    private static final HoursText.JalaliCalendar CAL = new HoursText.JalaliCalendar() {
        @Override
        public String format(LocalDate d, boolean persianDigits) {
            int[] j = Dates.toJalali(d);
            String s = String.format("%04d/%02d/%02d", j[0], j[1], j[2]);
            return persianDigits ? Dates.persianDigits(s) : s;
        }

        @Override
        public LocalDate parse(String jalali) {
            Map<String, LocalDate> known = Map.of("1404-01-13", LocalDate.of(2025, 4, 2), "1404-01-01",
                    LocalDate.of(2025, 3, 21), "1404-01-04", LocalDate.of(2025, 3, 24));
            LocalDate d = known.get(jalali.replace('/', '-'));
            if (d == null) {
                throw new IllegalArgumentException("not a Jalali date: " + jalali);
            }
            return d;
        }
    };

    // ---------------------------------------------------------------- profile texts

    @Test
    void skillLevelsAreParsedWithPersianDigitsAndCommas() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("cards", 8);
        expected.put("loans", 5);
        expected.put("lang-fa", 10);
        assertEquals(expected, RoutingText.parseLevels(" cards:8, loans = ۵ ،lang-fa:10 ,", 1, 10));
        assertEquals(List.of("cards", "loans", "lang-fa"),
                List.copyOf(RoutingText.parseLevels("cards:8, loans:5, lang-fa:10", 1, 10).keySet()), "order kept");
        assertEquals(Map.of(), RoutingText.parseLevels("  ", 1, 10));
        assertEquals(Map.of(), RoutingText.parseLevels(null, 1, 10));
    }

    @Test
    void badSkillLevelsNameTheProblem() {
        InputException range = assertThrows(InputException.class, () -> RoutingText.parseLevels("cards:11", 1, 10));
        assertEquals("input.range", range.key());
        assertEquals("cards:11", range.args()[0]);
        assertEquals("input.range",
                assertThrows(InputException.class, () -> RoutingText.parseLevels("cards:0", 1, 10)).key());
        assertEquals("input.pair", assertThrows(InputException.class, () -> RoutingText.parseLevels("cards", 1, 10))
                .key());
        assertEquals("input.pair", assertThrows(InputException.class, () -> RoutingText.parseLevels(":3", 1, 10))
                .key());
        assertEquals("input.number",
                assertThrows(InputException.class, () -> RoutingText.parseLevels("cards:high", 1, 10)).key());
        assertEquals("input.duplicate",
                assertThrows(InputException.class, () -> RoutingText.parseLevels("a:1, a:2", 1, 10)).key());
    }

    @Test
    void channelCapacityAllowsZeroToFifty() {
        assertEquals(Map.of("webchat", 3, "voice", 0), RoutingText.parseLevels("webchat:3, voice:0", 0, 50));
        assertEquals("input.range",
                assertThrows(InputException.class, () -> RoutingText.parseLevels("voice:51", 0, 50)).key());
    }

    @Test
    void levelsAndIdsAreFormattedSortedAndReadBack() {
        Map<String, Integer> m = Map.of("loans", 5, "cards", 8);
        assertEquals("cards:8, loans:5", RoutingText.formatLevels(m));
        assertEquals(m, RoutingText.parseLevels(RoutingText.formatLevels(m), 1, 10));
        assertEquals("", RoutingText.formatLevels(Map.of()));
        assertEquals(List.of("vip", "general", "cards"), List.copyOf(RoutingText.parseIds("vip, general cards ,vip")));
        assertEquals("cards, general", RoutingText.formatIds(Set.of("general", "cards")));
        assertEquals("123", RoutingText.latinDigits("۱٢3"));
        assertNull(RoutingText.blankToNull("  "));
        assertEquals("۴۲", RoutingText.digits(42, true));
    }

    // ---------------------------------------------------------------- CSV cases

    @Test
    void csvCasesAreReadByHeaderWithQuotesAndPersianText() {
        String csv = "\uFEFFtext,intent,confidence,tier,actualQueue\r\n"
                + "\"my card, the gold one, is lost\",cards,0.9,vip,vip\r\n"
                + "\r\n"
                + "\"he said \"\"hi\"\"\nthen left\",,,,\n"
                + "کارتم گم شده,cards,۰.۷,,cards\n";
        List<DryRunCase> cases = DryRunCsv.parse(csv, NOW);
        assertEquals(3, cases.size());
        DryRunCase first = cases.get(0);
        assertEquals("my card, the gold one, is lost", first.input().text());
        assertEquals("cards", first.input().intent());
        assertEquals(0.9, first.input().confidence(), 1e-9);
        assertEquals("vip", first.input().customer().attributes().get("tier"));
        assertEquals("vip", first.actualQueue());
        assertEquals("csv-2", first.input().conversation().id());
        assertEquals(NOW, first.input().now());
        DryRunCase second = cases.get(1);
        assertEquals("he said \"hi\"\nthen left", second.input().text());
        assertNull(second.input().intent());
        assertNull(second.actualQueue());
        assertEquals(0, second.input().confidence());
        assertEquals(Map.of(), second.input().customer().attributes());
        assertEquals("csv-4", second.input().conversation().id(), "named by the line it starts on");
        assertEquals("کارتم گم شده", cases.get(2).input().text());
        assertEquals(0.7, cases.get(2).input().confidence(), 1e-9);
        assertEquals("csv-6", cases.get(2).input().conversation().id());
    }

    @Test
    void csvColumnsMayComeInAnyOrderAndOnlyTextIsRequired() {
        List<DryRunCase> cases = DryRunCsv.parse("ActualQueue,TEXT\ngeneral,hello\n", NOW);
        assertEquals(1, cases.size());
        assertEquals("hello", cases.get(0).input().text());
        assertEquals("general", cases.get(0).actualQueue());
        assertEquals(1, DryRunCsv.parse("text\nonly text", NOW).size(), "no final line break");
    }

    @Test
    void badCsvNamesLineAndProblem() {
        assertEquals("csv.empty", assertThrows(InputException.class, () -> DryRunCsv.parse("\n\n", NOW)).key());
        assertEquals("csv.header",
                assertThrows(InputException.class, () -> DryRunCsv.parse("intent,queue\nx,y", NOW)).key());
        assertEquals("csv.header", assertThrows(InputException.class, () -> DryRunCsv.parse("intent\nx", NOW)).key());
        InputException conf = assertThrows(InputException.class,
                () -> DryRunCsv.parse("text,confidence\na,0.5\nb,1.5\n", NOW));
        assertEquals("csv.confidence", conf.key());
        assertEquals(3, conf.args()[0]);
        assertEquals("csv.confidence",
                assertThrows(InputException.class, () -> DryRunCsv.parse("text,confidence\na,high", NOW)).key());
        assertEquals("csv.columns", assertThrows(InputException.class, () -> DryRunCsv.parse("text\na,b", NOW)).key());
        InputException quote = assertThrows(InputException.class, () -> DryRunCsv.parse("text\n\"open\n", NOW));
        assertEquals("csv.quote", quote.key());
        assertEquals(2, quote.args()[0]);
        StringBuilder big = new StringBuilder("text\n");
        for (int i = 0; i <= DryRunCsv.MAX_CASES; i++) {
            big.append("x\n");
        }
        assertEquals("csv.tooMany", assertThrows(InputException.class, () -> DryRunCsv.parse(big.toString(), NOW))
                .key());
    }

    // ---------------------------------------------------------------- business hours texts

    @Test
    void weekStartsOnSaturdayInPersianAndMondayInEnglish() {
        assertEquals(DayOfWeek.SATURDAY, HoursText.week(true).get(0));
        assertEquals(DayOfWeek.FRIDAY, HoursText.week(true).get(6));
        assertEquals(DayOfWeek.MONDAY, HoursText.week(false).get(0));
        assertEquals(7, Set.copyOf(HoursText.week(true)).size());
    }

    @Test
    void intervalsAcceptPersianDigitsAndClosedWords() {
        assertEquals(List.of("09:00-12:00", "13:00-17:00"), HoursText.parseIntervals("۰۹:۰۰ - ۱۲:۰۰ ، 13:00-17:00"));
        assertEquals(List.of(), HoursText.parseIntervals("تعطیل"));
        assertEquals(List.of(), HoursText.parseIntervals(""));
        assertEquals("۰۹:۰۰-۱۲:۰۰, ۱۳:۰۰-۱۷:۰۰", HoursText.formatIntervals(List.of("09:00-12:00", "13:00-17:00"), true));
        assertEquals("09:00-12:00", HoursText.formatIntervals(List.of("09:00-12:00"), false));
    }

    @Test
    void datesAreShownJalaliInPersianAndGregorianInEnglish() {
        assertEquals("۱۴۰۴/۰۱/۱۳", HoursText.displayDate("1404-01-13", true, CAL));
        assertEquals("2025-04-02", HoursText.displayDate("1404-01-13", false, CAL));
        assertEquals("۱۴۰۴/۰۱/۱۳", HoursText.displayDate("2025-04-02", true, CAL), "Gregorian shown Jalali in fa");
        assertEquals("2025-04-02", HoursText.displayDate("2025-4-2", false, CAL));
        assertEquals("۰۱/۱۳", HoursText.displayDate("01-13", true, CAL), "a Jalali day every year");
        assertEquals("01-13", HoursText.displayDate("1-13", false, CAL));
        assertEquals("۱۴۰۴/۰۱/۰۱..۱۴۰۴/۰۱/۰۴", HoursText.displayDate("1404-01-01..1404-01-04", true, CAL));
        assertEquals("2025-03-21..2025-03-24", HoursText.displayDate("1404/01/01 .. 1404/01/04", false, CAL));
        assertEquals("1404-13-01", HoursText.displayDate("1404-13-01", false, CAL), "invalid: shown as stored");
        assertEquals("۱۴۰۴-۱۳-۰۱", HoursText.displayDate("1404-13-01", true, CAL));
    }

    @Test
    void holidaysRoundTripThroughTheEditorText() {
        List<Holiday> typed = HoursText.parseHolidays("۱۴۰۴/۰۱/۱۳ | سیزده‌بدر\n\n01-01 .. 01-04 نوروز\n2025-12-25\n");
        assertEquals(List.of(new Holiday("1404-01-13", "سیزده‌بدر"), new Holiday("01-01..01-04", "نوروز"),
                new Holiday("2025-12-25", null)), typed);
        String shownFa = HoursText.formatHolidays(typed.subList(0, 2), true, CAL);
        assertEquals("۱۴۰۴/۰۱/۱۳ | سیزده‌بدر\n۰۱/۰۱..۰۱/۰۴ | نوروز", shownFa);
        assertEquals(typed.subList(0, 2), HoursText.parseHolidays(shownFa), "the Persian text reads back the same");
        String shownEn = HoursText.formatHolidays(List.of(typed.get(0)), false, CAL);
        assertEquals("2025-04-02 | سیزده‌بدر", shownEn);
        assertEquals(LocalDate.of(2025, 4, 2).toString(), HoursText.parseHolidays(shownEn).get(0).date(),
                "saved from English as the same day, Gregorian");
    }

    @Test
    void specialHoursLinesHaveDateIntervalsAndName() {
        List<BusinessHours.SpecialHours> s = HoursText.parseSpecial(
                "1404/09/30 | 16:00-24:00 | شب یلدا\n1404-01-02 | closed\n2025-05-01 |  | ");
        assertEquals(new BusinessHours.SpecialHours("1404-09-30", List.of("16:00-24:00"), "شب یلدا"), s.get(0));
        assertEquals(new BusinessHours.SpecialHours("1404-01-02", List.of(), null), s.get(1));
        assertEquals(new BusinessHours.SpecialHours("2025-05-01", List.of(), null), s.get(2));
        assertEquals("2025-05-01 | closed", HoursText.formatSpecial(List.of(s.get(2)), false, CAL, "closed"));
        assertEquals("۱۴۰۴/۰۱/۱۳ | ۱۰:۰۰-۱۲:۰۰ | x", HoursText.formatSpecial(List.of(
                new BusinessHours.SpecialHours("1404-01-13", List.of("10:00-12:00"), "x")), true, CAL, "تعطیل"));
        assertTrue(HoursText.parseSpecial("  \n").isEmpty());
    }
}
