package io.pishkhan.bot.assistant.internal;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Jalali (Solar Hijri) and Gregorian dates. Jalali conversion is ICU4J's Persian calendar ({@code PersianCalendar},
 * obtained the public way: {@link Calendar#getInstance(TimeZone, ULocale)} with {@code @calendar=persian}) through
 * the Julian day, in GMT; there is no calendar arithmetic of our own.
 */
final class Dates {
    private static final ULocale FA_PERSIAN = new ULocale("fa_IR@calendar=persian");
    private static final long EPOCH_JULIAN_DAY = 2_440_588L;
    /** Cloned per use: ICU calendars are not thread-safe. */
    private static final Calendar PERSIAN = Calendar.getInstance(TimeZone.GMT_ZONE, FA_PERSIAN);

    /** Month name (normalized by {@link Text#normalize}) to 1-12. */
    static final Map<String, Integer> JALALI_MONTHS = new LinkedHashMap<>();
    static final Map<String, Integer> GREGORIAN_MONTHS = new LinkedHashMap<>();

    static {
        if (!"persian".equals(PERSIAN.getType())) {
            throw new IllegalStateException("ICU has no Persian calendar: " + PERSIAN.getType());
        }
        String[] fa = new DateFormatSymbols(FA_PERSIAN).getMonths();
        for (int m = 0; m < 12; m++) {
            JALALI_MONTHS.put(Text.normalize(fa[m]), m + 1);
        }
        String[][] variants = {
            {"farvardin"}, {"ordibehesht", "ordibehasht"}, {"khordad", "xordad"}, {"tir"},
            {"mordad", "amordad", "امرداد"}, {"shahrivar", "shahrivar"}, {"mehr"}, {"aban", "aaban"},
            {"azar", "aazar"}, {"dey", "dei"}, {"bahman"}, {"esfand", "esfand"}};
        for (int m = 0; m < 12; m++) {
            for (String v : variants[m]) {
                JALALI_MONTHS.putIfAbsent(Text.normalize(v), m + 1);
            }
        }
        String[][] greg = {
            {"january", "jan", "ژانویه", "ژانویهٔ"}, {"february", "feb", "فوریه"}, {"march", "mar", "مارس"},
            {"april", "apr", "آوریل", "آپریل"}, {"may", "مه", "می"}, {"june", "jun", "ژوئن"},
            {"july", "jul", "ژوئیه", "جولای"}, {"august", "aug", "اوت", "آگوست"},
            {"september", "sep", "sept", "سپتامبر"}, {"october", "oct", "اکتبر"},
            {"november", "nov", "نوامبر"}, {"december", "dec", "دسامبر"}};
        for (int m = 0; m < 12; m++) {
            for (String v : greg[m]) {
                GREGORIAN_MONTHS.putIfAbsent(Text.normalize(v), m + 1);
            }
        }
    }

    private Dates() {
    }

    /** The Gregorian date of a Jalali date, or empty when it does not exist (e.g. 31 Mehr, 30 Esfand of a common year). */
    static Optional<LocalDate> jalaliToGregorian(int year, int month, int day) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
            return Optional.empty();
        }
        Calendar c = (Calendar) PERSIAN.clone();
        c.clear();
        c.set(Calendar.EXTENDED_YEAR, year);
        c.set(Calendar.MONTH, month - 1);
        c.set(Calendar.DAY_OF_MONTH, 1);
        if (day > c.getActualMaximum(Calendar.DAY_OF_MONTH)) {
            return Optional.empty();
        }
        c.set(Calendar.DAY_OF_MONTH, day);
        return Optional.of(LocalDate.ofEpochDay(c.get(Calendar.JULIAN_DAY) - EPOCH_JULIAN_DAY));
    }

    static Optional<LocalDate> gregorian(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Years 1200-1499 are read as Jalali, 1800-2199 as Gregorian; others are not dates we recognise. */
    static Optional<LocalDate> numeric(int year, int month, int day) {
        if (year >= 1200 && year <= 1499) {
            return jalaliToGregorian(year, month, day);
        }
        if (year >= 1800 && year <= 2199) {
            return gregorian(year, month, day);
        }
        return Optional.empty();
    }

    /** A month name (any case, Arabic or Persian letters) as Jalali (1-12), Gregorian (101-112), or 0. */
    static int month(String name) {
        String n = Text.normalize(name).toLowerCase(Locale.ROOT);
        Integer m = JALALI_MONTHS.get(n);
        if (m != null) {
            return m;
        }
        m = GREGORIAN_MONTHS.get(n);
        return m != null ? 100 + m : 0;
    }
}
