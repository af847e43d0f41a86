package io.pishkhan.console.internal.logic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A range of whole days, both ends included, as the analytics screens pick it; {@link #from(ZoneId)} and
 * {@link #to(ZoneId)} give the half-open instant range {@code [first day 00:00, day after the last 00:00)} of a
 * {@code KpiQuery}. Presets follow the user's calendar: "this month" is the Jalali month in Persian, the Gregorian
 * month in English.
 */
public record DateRange(LocalDate first, LocalDate last) {
    public enum Preset {
        TODAY, LAST_7_DAYS, THIS_MONTH, LAST_MONTH
    }

    public DateRange {
        if (first == null || last == null) {
            throw new IllegalArgumentException("both days are required");
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last day is before the first");
        }
    }

    public static DateRange of(Preset preset, LocalDate today, boolean persian) {
        return switch (preset) {
            case TODAY -> new DateRange(today, today);
            case LAST_7_DAYS -> new DateRange(today.minusDays(6), today);
            case THIS_MONTH -> new DateRange(monthStart(today, persian), today);
            case LAST_MONTH -> {
                LocalDate start = monthStart(monthStart(today, persian).minusDays(1), persian);
                yield new DateRange(start, monthStart(today, persian).minusDays(1));
            }
        };
    }

    /** First day of the month of {@code d}: Jalali in Persian, Gregorian in English. */
    public static LocalDate monthStart(LocalDate d, boolean persian) {
        return persian ? Dates.jalaliMonthStart(d) : d.withDayOfMonth(1);
    }

    public Instant from(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public long days() {
        return last.toEpochDay() - first.toEpochDay() + 1;
    }

    /** "1405/09/01 – 1405/09/02" or "2026-11-22 – 2026-11-23" (one day: just that day). */
    public String label(boolean persian) {
        return first.equals(last) ? Dates.day(first, persian)
                : Dates.day(first, persian) + " – " + Dates.day(last, persian);
    }

    /** For file names: ISO days, "2026-11-01_2026-11-23". */
    public String fileTag() {
        return first + "_" + last;
    }
}
