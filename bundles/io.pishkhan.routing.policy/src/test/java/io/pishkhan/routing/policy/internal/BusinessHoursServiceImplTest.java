package io.pishkhan.routing.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.Holiday;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.store.AuditRecord;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusinessHoursServiceImplTest {
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    private static final BusinessHoursServiceImpl.Settings SETTINGS = new BusinessHoursServiceImpl.Settings(
            "بسته‌ایم", "We are closed", 400, true);

    private final InMemoryConfigStore store = new InMemoryConfigStore();
    /** Seeds the sample schedule "tehran-office" into the empty store. */
    private final BusinessHoursServiceImpl service = new BusinessHoursServiceImpl(store, SETTINGS);

    private static Instant tehran(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), TEHRAN).toInstant();
    }

    private static Map<DayOfWeek, List<String>> week(String satToWed, String thu, String fri) {
        Map<DayOfWeek, List<String>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY)) {
            w.put(d, satToWed == null ? List.of() : List.of(satToWed));
        }
        w.put(DayOfWeek.THURSDAY, thu == null ? List.of() : List.of(thu));
        w.put(DayOfWeek.FRIDAY, fri == null ? List.of() : List.of(fri));
        return w;
    }

    private static BusinessHours schedule(String id, String zone, Map<DayOfWeek, List<String>> weekly,
            List<Holiday> holidays) {
        return new BusinessHours(id, id, zone, weekly, holidays, List.of(), null, null);
    }

    // ---- the sample schedule: Sat-Wed 08:00-17:00, Thu 08:00-13:00, Friday closed, Nowruz and official days ----

    @Test
    void sampleScheduleIsSeededOnFirstStart() {
        assertEquals(List.of("tehran-office"), service.schedules().stream().map(BusinessHours::id).toList());
        AuditRecord seeded = service.audit(10).get(0);
        assertEquals("system", seeded.actor());
        assertEquals("create", seeded.action());
    }

    @Test
    void sampleIsNotSeededAgainOnceDeleted() {
        assertTrue(service.delete("tehran-office", "admin", "not ours"));
        BusinessHoursServiceImpl restarted = new BusinessHoursServiceImpl(store, SETTINGS);
        assertTrue(restarted.schedules().isEmpty());
    }

    @Test
    void openOnAWorkingDayInTehranTime() {
        // Sunday 2025-06-01; Tehran is UTC+03:30 all year since 2022 (no more +04:30 in summer)
        assertFalse(service.isOpen("tehran-office", Instant.parse("2025-06-01T04:29:59Z")));
        assertTrue(service.isOpen("tehran-office", Instant.parse("2025-06-01T04:30:00Z")));
        assertTrue(service.isOpen("tehran-office", Instant.parse("2025-06-01T13:29:59Z")));
        assertFalse(service.isOpen("tehran-office", Instant.parse("2025-06-01T13:30:00Z")));
    }

    @Test
    void thursdayIsHalfADay() {
        // Thursday 12 June 2025 (22 Khordad); Thursday 5 June is 15 Khordad, a holiday
        assertTrue(service.isOpen("tehran-office", tehran("2025-06-12T12:59")));
        assertFalse(service.isOpen("tehran-office", tehran("2025-06-12T13:00")));
        assertFalse(service.isOpen("tehran-office", tehran("2025-06-05T10:00")));
        assertFalse(service.isOpen("tehran-office", tehran("2025-06-04T10:00")), "14 Khordad");
    }

    @Test
    void fridayIsClosed() {
        assertEquals(DayOfWeek.FRIDAY, LocalDate.of(2025, 6, 6).getDayOfWeek());
        assertFalse(service.isOpen("tehran-office", tehran("2025-06-06T10:00")));
        // from Thursday afternoon the next opening is Saturday 08:00
        assertEquals(Optional.of(tehran("2025-06-07T08:00")),
                service.nextOpening("tehran-office", tehran("2025-06-05T14:00")));
    }

    @Test
    void closedOnSizdahBedar13Farvardin1404() {
        // 13 Farvardin 1404 = Wednesday 2 April 2025, 12 Farvardin = Tuesday 1 April
        assertEquals(LocalDate.of(2025, 4, 2), service.parseJalali("1404/01/13"));
        assertTrue(service.isOpen("tehran-office", tehran("2025-03-31T10:00")));
        assertFalse(service.isOpen("tehran-office", tehran("2025-04-01T10:00")));
        assertFalse(service.isOpen("tehran-office", tehran("2025-04-02T10:00")));
        assertTrue(service.isOpen("tehran-office", tehran("2025-04-03T10:00")));
        assertEquals(Optional.of(tehran("2025-04-03T08:00")),
                service.nextOpening("tehran-office", tehran("2025-03-31T18:00")));
    }

    @Test
    void nowruz1404StartsOn21March2025AndNextOpeningIsAfterTheFourDays() {
        assertEquals(LocalDate.of(2025, 3, 21), service.parseJalali("1404/01/01"));
        // Thursday 20 March 2025 (30 Esfand 1403, a leap year) is a normal Thursday
        assertTrue(service.isOpen("tehran-office", tehran("2025-03-20T09:00")));
        for (int day = 22; day <= 24; day++) { // Sat-Mon, 2-4 Farvardin
            assertFalse(service.isOpen("tehran-office", tehran("2025-03-" + day + "T10:00")), "March " + day);
        }
        assertEquals(Optional.of(tehran("2025-03-25T08:00")),
                service.nextOpening("tehran-office", tehran("2025-03-20T14:00")));
    }

    @Test
    void nowruz1405StartsOn21March2026() {
        assertEquals(LocalDate.of(2026, 3, 21), service.parseJalali("1405/01/01"));
        assertEquals("1404/12/29", service.formatJalali(LocalDate.of(2026, 3, 20), false));
        // Saturday 21 - Tuesday 24 March 2026 closed (Nowruz), Friday 20 is 29 Esfand and a Friday anyway
        assertFalse(service.isOpen("tehran-office", tehran("2026-03-21T10:00")));
        assertFalse(service.isOpen("tehran-office", tehran("2026-03-24T10:00")));
        assertTrue(service.isOpen("tehran-office", tehran("2026-03-25T10:00")));
        assertEquals(Optional.of(tehran("2026-03-25T08:00")),
                service.nextOpening("tehran-office", tehran("2026-03-19T13:30")));
    }

    @Test
    void nextOpeningIsEmptyWhenOpenNow() {
        assertEquals(Optional.empty(), service.nextOpening("tehran-office", tehran("2025-06-01T10:00")));
    }

    @Test
    void unknownOrNullScheduleIsAlwaysOpen() {
        Instant friday = tehran("2025-06-06T03:00");
        assertTrue(service.isOpen(null, friday));
        assertTrue(service.isOpen("nope", friday));
        assertEquals(Optional.empty(), service.nextOpening("nope", friday));
    }

    @Test
    void closedMessagesByLanguageWithDefaults() {
        assertTrue(service.closedMessage("tehran-office", "fa").startsWith("ساعات کاری دفتر تهران"));
        assertTrue(service.closedMessage("tehran-office", "en-US").startsWith("Our Tehran office"));
        assertEquals("بسته‌ایم", service.closedMessage("nope", null));
        assertEquals("We are closed", service.closedMessage(null, "en"));
        service.save(schedule("plain", null, week("08:00-16:00", null, null), List.of()), "admin", null);
        assertEquals("We are closed", service.closedMessage("plain", "en"));
    }

    // ---- other schedules ----

    @Test
    void intervalEndingAtMidnightStaysOpenUntil2400() {
        Map<DayOfWeek, List<String>> w = new EnumMap<>(DayOfWeek.class);
        w.put(DayOfWeek.MONDAY, List.of("08:00-12:00", "16:00-24:00"));
        w.put(DayOfWeek.WEDNESDAY, List.of("00:00-02:00"));
        service.save(schedule("evening", "Asia/Tehran", w, List.of()), "admin", null);
        // Monday 2 June 2025
        assertFalse(service.isOpen("evening", tehran("2025-06-02T13:00")));
        assertTrue(service.isOpen("evening", tehran("2025-06-02T23:59:59")));
        assertFalse(service.isOpen("evening", tehran("2025-06-03T00:00")));
        assertEquals(Optional.of(tehran("2025-06-04T00:00")),
                service.nextOpening("evening", tehran("2025-06-03T00:00")));
        assertTrue(service.isOpen("evening", tehran("2025-06-04T01:59")));
    }

    @Test
    void berlinScheduleFollowsDaylightSavingTime() {
        Map<DayOfWeek, List<String>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            w.put(d, List.of("09:00-17:00"));
        }
        w.put(DayOfWeek.SUNDAY, List.of("02:30-04:00"));
        service.save(schedule("berlin", "Europe/Berlin", w, List.of()), "admin", null);
        // Friday 28 March 2025: CET (UTC+1), 09:00 = 08:00Z
        assertFalse(service.isOpen("berlin", Instant.parse("2025-03-28T07:59:00Z")));
        assertTrue(service.isOpen("berlin", Instant.parse("2025-03-28T08:00:00Z")));
        // Sunday 30 March 2025 02:00 CET jumps to 03:00 CEST: 02:30 does not exist, the day opens at 03:00 CEST
        assertFalse(service.isOpen("berlin", Instant.parse("2025-03-30T00:59:59Z")));
        assertTrue(service.isOpen("berlin", Instant.parse("2025-03-30T01:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2025-03-30T01:00:00Z")),
                service.nextOpening("berlin", Instant.parse("2025-03-28T17:00:00Z")));
        // Monday 31 March 2025: CEST (UTC+2), 09:00 = 07:00Z
        assertEquals(Optional.of(Instant.parse("2025-03-31T07:00:00Z")),
                service.nextOpening("berlin", Instant.parse("2025-03-30T02:00:00Z")));
        assertTrue(service.isOpen("berlin", Instant.parse("2025-03-31T07:00:00Z")));
        assertTrue(service.isOpen("berlin", Instant.parse("2025-03-31T14:59:00Z")));
        assertFalse(service.isOpen("berlin", Instant.parse("2025-03-31T15:00:00Z")));
        // back to CET on Sunday 26 October 2025: Monday 27 opens at 09:00 CET = 08:00Z
        assertEquals(Optional.of(Instant.parse("2025-10-27T08:00:00Z")),
                service.nextOpening("berlin", Instant.parse("2025-10-26T12:00:00Z")));
    }

    @Test
    void oneOffHolidaysInJalaliAndGregorianAndRanges() {
        service.save(schedule("h", null, week("08:00-16:00", "08:00-16:00", null), List.of(
                new Holiday("1404-03-10", "one-off Jalali"), // Saturday 31 May 2025
                new Holiday("2025-06-02", "one-off Gregorian"), // Monday
                new Holiday("۱۴۰۴/۰۳/۲۰..۱۴۰۴/۰۳/۲۱", "Persian digits, a range"))), "admin", null); // 10-11 June
        assertFalse(service.isOpen("h", tehran("2025-05-31T10:00")));
        assertTrue(service.isOpen("h", tehran("2025-06-01T10:00")));
        assertFalse(service.isOpen("h", tehran("2025-06-02T10:00")));
        assertFalse(service.isOpen("h", tehran("2025-06-10T10:00")));
        assertFalse(service.isOpen("h", tehran("2025-06-11T10:00")));
        assertTrue(service.isOpen("h", tehran("2025-06-12T10:00")));
    }

    @Test
    void specialHoursWinOverWeekAndHolidays() {
        BusinessHours s = new BusinessHours("sp", null, null, week("08:00-16:00", null, null),
                List.of(new Holiday("01-13")),
                List.of(new BusinessHours.SpecialHours("1404-01-13", List.of("10:00-12:00"), "on call"),
                        new BusinessHours.SpecialHours("2025-06-01", List.of(), "closed")), null, null);
        service.save(s, "admin", null);
        assertFalse(service.isOpen("sp", tehran("2025-04-02T09:00")));
        assertTrue(service.isOpen("sp", tehran("2025-04-02T11:00")));
        assertFalse(service.isOpen("sp", tehran("2025-06-01T11:00")));
        assertFalse(service.isOpen("sp", tehran("2026-04-02T11:00")), "13 Farvardin 1405: holiday again");
    }

    @Test
    void neverOpenGivesEmptyNextOpening() {
        service.save(schedule("never", null, Map.of(), List.of()), "admin", null);
        assertFalse(service.isOpen("never", tehran("2025-06-01T10:00")));
        assertEquals(Optional.empty(), service.nextOpening("never", tehran("2025-06-01T10:00")));
    }

    // ---- administration ----

    @Test
    void saveIsStoredAuditedAndCachedAndSurvivesARestart() {
        BusinessHours s = schedule("support", "Asia/Tehran", week("09:00-12:00", null, null), List.of());
        service.save(s, "mina", "new team");
        assertTrue(service.isOpen("support", tehran("2025-06-01T10:00")));
        assertTrue(store.get("schedule", "support").orElseThrow().json().contains("\"09:00-12:00\""));
        AuditRecord a = service.audit(1).get(0);
        assertEquals("mina", a.actor());
        assertEquals("support", a.entityId());
        assertTrue(a.detail().startsWith("new team"));

        service.save(schedule("support", "Asia/Tehran", week("13:00-15:00", null, null), List.of()), "mina", null);
        assertFalse(service.isOpen("support", tehran("2025-06-01T10:00")), "the cache follows the save");

        BusinessHoursServiceImpl restarted = new BusinessHoursServiceImpl(store, SETTINGS);
        assertTrue(restarted.isOpen("support", tehran("2025-06-01T14:00")));
        assertEquals(List.of("13:00-15:00"), restarted.schedule("support").orElseThrow().weekly()
                .get(DayOfWeek.SATURDAY));
        assertTrue(restarted.delete("support", "mina", "gone"));
        assertTrue(restarted.isOpen("support", tehran("2025-06-06T02:00")), "deleted: always open");
        assertEquals("delete", restarted.audit(1).get(0).action());
    }

    @Test
    void validationNamesEachProblem() {
        Map<DayOfWeek, List<String>> w = new EnumMap<>(DayOfWeek.class);
        w.put(DayOfWeek.SATURDAY, List.of("17:00-09:00"));
        w.put(DayOfWeek.SUNDAY, List.of("08:00-12:00", "11:00-13:00"));
        w.put(DayOfWeek.MONDAY, List.of("8-16"));
        w.put(DayOfWeek.TUESDAY, List.of("25:00-26:00"));
        BusinessHours bad = new BusinessHours("bad", null, "Asia/Tehrn", w,
                List.of(new Holiday("1404-13-01"), new Holiday("1404-12-30"), new Holiday("2025-02-30"),
                        new Holiday("13-01"), new Holiday("01-04..01-01"), new Holiday("Nowruz")),
                List.of(), null, null);
        List<String> problems = service.validate(bad);
        assertTrue(problems.contains("time zone Asia/Tehrn: unknown (use an IANA name such as Asia/Tehran)"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Saturday: 17:00-09:00 ends before it starts")), problems::toString);
        assertTrue(problems.contains("Sunday: 11:00-13:00 overlaps 08:00-12:00"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Monday: 8-16: expected HH:mm-HH:mm")), problems::toString);
        assertTrue(problems.contains("Tuesday: 25:00-26:00: start must be 00:00-23:59"), problems::toString);
        assertTrue(problems.contains("holiday 1404-13-01: month must be 1-12"), problems::toString);
        assertTrue(problems.contains("holiday 1404-12-30: Esfand 1404 has 29 days"), problems::toString);
        assertTrue(problems.contains("holiday 2025-02-30: February 2025 has 28 days"), problems::toString);
        assertTrue(problems.contains("holiday 13-01: month must be 1-12"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("holiday 01-04..01-01: ends before it starts")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("holiday Nowruz: expected a Jalali date")), problems::toString);
        assertEquals(11, problems.size(), problems::toString);

        PolicyValidationException e = assertThrows(PolicyValidationException.class,
                () -> service.save(bad, "admin", null));
        assertEquals(problems, e.problems());
        assertTrue(store.get("schedule", "bad").isEmpty(), "nothing stored");
        assertTrue(service.validate(BusinessHoursServiceImpl.sample()).isEmpty());
        assertTrue(service.validate(schedule("leap", null, Map.of(), List.of(new Holiday("1403-12-30")))).isEmpty(),
                "1403 is a leap year");
    }

    @Test
    void invalidStoredDocumentIsIgnored() {
        store.putRaw("schedule", "broken", "{\"id\":\"broken\",\"weekly\":{\"SATURDAY\":[\"9-5\"]}}");
        store.putRaw("schedule", "garbage", "not json");
        BusinessHoursServiceImpl restarted = new BusinessHoursServiceImpl(store, SETTINGS);
        assertEquals(List.of("tehran-office"), restarted.schedules().stream().map(BusinessHours::id).toList());
        assertTrue(restarted.isOpen("broken", tehran("2025-06-06T03:00")));
    }

    // ---- Jalali helpers ----

    @Test
    void jalaliFormatInPersianAndLatinDigits() {
        assertEquals("۱۴۰۴/۰۱/۰۱", service.formatJalali(LocalDate.of(2025, 3, 21), true));
        assertEquals("1404/01/13", service.formatJalali(LocalDate.of(2025, 4, 2), false));
        assertEquals("1403/12/30", service.formatJalali(LocalDate.of(2025, 3, 20), false));
        // 20:45Z on 1 April is already 2 April in Tehran (00:15)
        assertEquals("۱۴۰۴/۰۱/۱۳", service.formatJalali(Instant.parse("2025-04-01T20:45:00Z"), null, true));
        assertEquals("1404/01/12", service.formatJalali(Instant.parse("2025-04-01T20:45:00Z"), ZoneId.of("UTC"), false));
    }

    @Test
    void jalaliParseAcceptsPersianArabicAndLatinDigits() {
        assertEquals(LocalDate.of(2025, 4, 2), service.parseJalali("۱۴۰۴/۰۱/۱۳"));
        assertEquals(LocalDate.of(2025, 4, 2), service.parseJalali("١٤٠٤-٠١-١٣"));
        assertEquals(LocalDate.of(2025, 4, 2), service.parseJalali(" 1404/1/13 "));
        assertEquals(LocalDate.of(2025, 2, 10), service.parseJalali("1403/11/22"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.parseJalali("1404/13/01"));
        assertEquals("Jalali date 1404/13/01: month must be 1-12", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> service.parseJalali("1404/07/31"));
        assertThrows(IllegalArgumentException.class, () -> service.parseJalali("13 Farvardin"));
    }

    @Test
    void jalaliMonthNames() {
        List<String> fa = service.jalaliMonthNames("fa");
        assertEquals(12, fa.size());
        assertEquals("فروردین", fa.get(0));
        assertEquals("اسفند", fa.get(11));
        assertEquals("Farvardin", service.jalaliMonthNames("en").get(0));
        assertEquals("Esfand", service.jalaliMonthNames("en").get(11));
    }
}
