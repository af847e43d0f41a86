package io.pishkhan.routing.policy.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A holiday or special-hours date as written in a schedule: one-off Jalali ({@code 1404-01-13}), one-off
 * Gregorian ({@code 2025-04-02}), or a Jalali day every year ({@code 01-13}); two of the same form joined by
 * {@code ..} are a range, both ends included. One-off dates are converted to Gregorian once, when compiled.
 */
sealed interface DateSpec {
    /** Years below this are Jalali (1404), from it on Gregorian (2025). */
    int FIRST_GREGORIAN_YEAR = 1700;
    /** Longest range, so a typo cannot make a schedule expand to years of dates. */
    int MAX_RANGE_DAYS = 366;

    Pattern FULL = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})");
    Pattern ANNUAL = Pattern.compile("(\\d{1,2})[-/](\\d{1,2})");

    /** Gregorian dates {@code from..to}, ends included. */
    record OneOff(LocalDate from, LocalDate to) implements DateSpec {
    }

    /** Jalali month-days {@code from..to} (as {@link Jalali.Date#monthDay()}) every year, ends included. */
    record Annual(int from, int to) implements DateSpec {
        boolean contains(int monthDay) {
            return monthDay >= from && monthDay <= to;
        }
    }

    /**
     * Parses one date or range.
     *
     * @throws IllegalArgumentException with a message that names the wrong part, e.g. {@code month must be 1-12}
     */
    static DateSpec parse(String text) {
        String s = Digits.toLatin(text == null ? "" : text).strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("date required");
        }
        int dots = s.indexOf("..");
        if (dots < 0) {
            return single(s);
        }
        DateSpec from = single(s.substring(0, dots).strip());
        DateSpec to = single(s.substring(dots + 2).strip());
        if (from instanceof OneOff f && to instanceof OneOff t) {
            if (t.from().isBefore(f.from())) {
                throw new IllegalArgumentException("ends before it starts");
            }
            if (ChronoUnit.DAYS.between(f.from(), t.from()) >= MAX_RANGE_DAYS) {
                throw new IllegalArgumentException("a range may span at most " + MAX_RANGE_DAYS + " days");
            }
            return new OneOff(f.from(), t.from());
        }
        if (from instanceof Annual f && to instanceof Annual t) {
            if (t.from() < f.from()) {
                throw new IllegalArgumentException("ends before it starts (a yearly range cannot cross Nowruz)");
            }
            return new Annual(f.from(), t.from());
        }
        throw new IllegalArgumentException("both ends of a range must have the same form");
    }

    private static DateSpec single(String s) {
        Matcher m = FULL.matcher(s);
        if (m.matches()) {
            int y = Integer.parseInt(m.group(1));
            int mo = Integer.parseInt(m.group(2));
            int d = Integer.parseInt(m.group(3));
            if (y < FIRST_GREGORIAN_YEAR) {
                LocalDate date = Jalali.toGregorian(y, mo, d);
                return new OneOff(date, date);
            }
            if (mo < 1 || mo > 12) {
                throw new IllegalArgumentException("month must be 1-12");
            }
            try {
                LocalDate date = LocalDate.of(y, mo, d);
                return new OneOff(date, date);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(d < 1 ? "day must be 1-31"
                        : java.time.Month.of(mo).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                                + " " + y + " has " + java.time.YearMonth.of(y, mo).lengthOfMonth() + " days", e);
            }
        }
        m = ANNUAL.matcher(s);
        if (m.matches()) {
            int mo = Integer.parseInt(m.group(1));
            int d = Integer.parseInt(m.group(2));
            if (mo < 1 || mo > 12) {
                throw new IllegalArgumentException("month must be 1-12");
            }
            // months 1-6 have 31 days, 7-11 have 30, Esfand 29 or 30 (the 30th counts in leap years only)
            int max = mo <= 6 ? 31 : 30;
            if (d < 1 || d > max) {
                throw new IllegalArgumentException("day must be 1-" + max + " in " + Jalali.monthNameEn(mo));
            }
            return new Annual(mo * 100 + d, mo * 100 + d);
        }
        throw new IllegalArgumentException("expected a Jalali date 1404-01-13, a Gregorian date 2025-04-02 or a "
                + "yearly Jalali day 01-13 (or two joined by ..)");
    }
}
