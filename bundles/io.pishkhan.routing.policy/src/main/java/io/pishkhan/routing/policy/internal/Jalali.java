package io.pishkhan.routing.policy.internal;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jalali (Solar Hijri) dates through ICU4J's Persian calendar: no calendar arithmetic of our own. Conversions go
 * through the Julian day number, in GMT, so no time zone shifts a date.
 *
 * <p>ICU marks {@code com.ibm.icu.util.PersianCalendar} itself as internal; the public way to get one is
 * {@link Calendar#getInstance(TimeZone, ULocale)} with {@code @calendar=persian}, which is what is used here.
 */
final class Jalali {
    static final ULocale FA_PERSIAN = new ULocale("fa_IR@calendar=persian");
    private static final ULocale EN_PERSIAN = new ULocale("en@calendar=persian");
    /** Julian day number of 1970-01-01. */
    private static final long EPOCH_JULIAN_DAY = 2_440_588L;
    /** Cloned per use: ICU calendars are not thread-safe, and a clone is much cheaper than getInstance. */
    private static final Calendar PROTOTYPE = Calendar.getInstance(TimeZone.GMT_ZONE, FA_PERSIAN);
    private static final Pattern DATE = Pattern.compile("\\s*(\\d{1,4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})\\s*");
    private static final List<String> MONTHS_FA = List.of(new DateFormatSymbols(FA_PERSIAN).getMonths());
    private static final List<String> MONTHS_EN = List.of(new DateFormatSymbols(EN_PERSIAN).getMonths());

    static {
        if (!"persian".equals(PROTOTYPE.getType())) {
            throw new IllegalStateException("ICU has no Persian calendar: " + PROTOTYPE.getType());
        }
    }

    /** A Jalali date; {@code month} 1-12. */
    record Date(int year, int month, int day) {
        /** {@code month * 100 + day}, e.g. 113 for 13 Farvardin. */
        int monthDay() {
            return month * 100 + day;
        }

        String format(boolean persianDigits) {
            String s = String.format("%04d/%02d/%02d", year, month, day);
            return persianDigits ? Digits.toPersian(s) : s;
        }
    }

    private Jalali() {
    }

    private static Calendar calendar() {
        return (Calendar) PROTOTYPE.clone();
    }

    static Date of(LocalDate date) {
        Calendar c = calendar();
        c.clear();
        c.set(Calendar.JULIAN_DAY, Math.toIntExact(date.toEpochDay() + EPOCH_JULIAN_DAY));
        return new Date(c.get(Calendar.EXTENDED_YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH));
    }

    /** Days in a Jalali month (Esfand has 30 in leap years). */
    static int monthLength(int year, int month) {
        Calendar c = calendar();
        c.clear();
        c.set(Calendar.EXTENDED_YEAR, year);
        c.set(Calendar.MONTH, month - 1);
        c.set(Calendar.DAY_OF_MONTH, 1);
        return c.getActualMaximum(Calendar.DAY_OF_MONTH);
    }

    /**
     * The Gregorian date of a Jalali date.
     *
     * @throws IllegalArgumentException naming the wrong part, e.g. {@code month must be 1-12}
     */
    static LocalDate toGregorian(int year, int month, int day) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year must be 1-9999");
        }
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month must be 1-12");
        }
        int length = monthLength(year, month);
        if (day < 1 || day > length) {
            throw new IllegalArgumentException(day < 1 ? "day must be 1-" + length
                    : MONTHS_EN.get(month - 1) + " " + year + " has " + length + " days");
        }
        Calendar c = calendar();
        c.clear();
        c.set(Calendar.EXTENDED_YEAR, year);
        c.set(Calendar.MONTH, month - 1);
        c.set(Calendar.DAY_OF_MONTH, day);
        return LocalDate.ofEpochDay(c.get(Calendar.JULIAN_DAY) - EPOCH_JULIAN_DAY);
    }

    /**
     * Parses {@code 1404/01/13}, {@code 1404-01-13} or {@code ۱۴۰۴/۰۱/۱۳} (Arabic-Indic digits too).
     *
     * @throws IllegalArgumentException when it is not a valid Jalali date
     */
    static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Jalali date: required");
        }
        Matcher m = DATE.matcher(Digits.toLatin(text));
        if (!m.matches()) {
            throw new IllegalArgumentException("Jalali date " + text.strip() + ": expected year/month/day, e.g. 1404/01/13");
        }
        try {
            return toGregorian(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Jalali date " + text.strip() + ": " + e.getMessage(), e);
        }
    }

    static String format(LocalDate date, boolean persianDigits) {
        return of(date).format(persianDigits);
    }

    /** Farvardin first; Persian for {@code fa} (or null), English otherwise. */
    static List<String> monthNames(String language) {
        return isPersian(language) ? MONTHS_FA : MONTHS_EN;
    }

    static String monthNameEn(int month) {
        return MONTHS_EN.get(month - 1);
    }

    static boolean isPersian(String language) {
        return language == null || language.isBlank() || language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("fa");
    }
}
