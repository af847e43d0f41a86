package io.pishkhan.console.internal.logic;

import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.Holiday;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The business-hours editor as text: the intervals of a day ({@code 09:00-12:00, 13:00-17:00}), holidays one a line
 * ({@code date | name}) and special hours one a line ({@code date | intervals | name}, intervals empty or
 * {@code closed} / {@code تعطیل} for closed all day). Dates are shown Jalali with Persian digits in Persian and
 * Gregorian in English, converted by the {@link JalaliCalendar} the business-hours service provides (this class does
 * no calendar arithmetic). What is typed is stored with Latin digits and {@code -}; a full date with a year below
 * 1700 is Jalali, else Gregorian, a month-day ({@code 01-13}) is a Jalali day every year; the service validates.
 */
public final class HoursText {
    /** The conversions of {@code BusinessHoursService}: formatJalali(date, persianDigits) and parseJalali(text). */
    public interface JalaliCalendar {
        String format(LocalDate gregorian, boolean persianDigits);

        /** @throws IllegalArgumentException when not a valid Jalali date */
        LocalDate parse(String jalali);
    }

    private static final Pattern FULL = Pattern.compile("(\\d{1,4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})-(\\d{1,2})");
    private static final Set<String> CLOSED = Set.of("closed", "تعطیل", "بسته", "-");

    private HoursText() {
    }

    /** The days of a week as people there read it: Saturday first in Persian, Monday first in English. */
    public static List<DayOfWeek> week(boolean persian) {
        List<DayOfWeek> out = new ArrayList<>();
        DayOfWeek d = persian ? DayOfWeek.SATURDAY : DayOfWeek.MONDAY;
        for (int i = 0; i < 7; i++) {
            out.add(d.plus(i));
        }
        return out;
    }

    /** {@code 09:00-12:00, 13:00-17:00} to its intervals, Latin digits, spaces removed. */
    public static List<String> parseIntervals(String text) {
        List<String> out = new ArrayList<>();
        for (String part : RoutingText.split(text == null ? "" : text.replace('؛', ','))) {
            String p = RoutingText.latinDigits(part).replaceAll("\\s+", "").replace('–', '-').replace('٫', ':');
            if (!p.isEmpty() && !CLOSED.contains(p.toLowerCase(java.util.Locale.ROOT))) {
                out.add(p);
            }
        }
        return out;
    }

    public static String formatIntervals(List<String> intervals, boolean persian) {
        return RoutingText.digits(String.join(", ", intervals), persian);
    }

    /** Holidays, one a line: {@code date | name} (or {@code date name}). Blank lines are skipped. */
    public static List<Holiday> parseHolidays(String text) {
        List<Holiday> out = new ArrayList<>();
        for (String line : lines(text)) {
            String[] p = splitLine(line);
            String date = normalizeDate(p[0]);
            String name = p.length > 1 ? RoutingText.blankToNull(p[1]) : null;
            out.add(new Holiday(date, name));
        }
        return out;
    }

    public static String formatHolidays(List<Holiday> holidays, boolean persian, JalaliCalendar cal) {
        StringBuilder b = new StringBuilder();
        for (Holiday h : holidays) {
            b.append(displayDate(h.date(), persian, cal));
            if (h.name() != null) {
                b.append(" | ").append(h.name());
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    /** Special hours, one a line: {@code date | 16:00-24:00 | name}; intervals empty or "closed": closed. */
    public static List<BusinessHours.SpecialHours> parseSpecial(String text) {
        List<BusinessHours.SpecialHours> out = new ArrayList<>();
        for (String line : lines(text)) {
            String[] p = line.split("\\|", -1);
            String date = normalizeDate(p[0].strip());
            List<String> intervals = p.length > 1 ? parseIntervals(p[1]) : List.of();
            String name = p.length > 2 ? RoutingText.blankToNull(p[2]) : null;
            out.add(new BusinessHours.SpecialHours(date, intervals, name));
        }
        return out;
    }

    public static String formatSpecial(List<BusinessHours.SpecialHours> special, boolean persian, JalaliCalendar cal,
            String closedWord) {
        StringBuilder b = new StringBuilder();
        for (BusinessHours.SpecialHours s : special) {
            b.append(displayDate(s.date(), persian, cal)).append(" | ")
                    .append(s.intervals().isEmpty() ? closedWord : formatIntervals(s.intervals(), persian));
            if (s.name() != null) {
                b.append(" | ").append(s.name());
            }
            b.append('\n');
        }
        return b.toString().strip();
    }

    /** A date as typed to the stored form: Latin digits, {@code /} to {@code -}, no spaces around {@code ..}. */
    public static String normalizeDate(String typed) {
        return RoutingText.latinDigits(typed.strip()).replace('/', '-').replace('\u066B', '-')
                .replaceAll("\\s*\\.\\.\\s*", "..").replaceAll("\\s+", "");
    }

    /**
     * A stored date (or range) as shown: Persian: Jalali {@code ۱۴۰۴/۰۱/۱۳}; English: Gregorian {@code 2025-04-02}
     * (a Jalali day every year stays {@code 01-13}, there is no one Gregorian date for it). A date that cannot be
     * read is shown as stored, so nothing is lost.
     */
    public static String displayDate(String stored, boolean persian, JalaliCalendar cal) {
        String s = normalizeDate(stored);
        int dots = s.indexOf("..");
        if (dots >= 0) {
            return displayOne(s.substring(0, dots), persian, cal) + ".." + displayOne(s.substring(dots + 2), persian,
                    cal);
        }
        return displayOne(s, persian, cal);
    }

    private static String displayOne(String s, boolean persian, JalaliCalendar cal) {
        try {
            Matcher full = FULL.matcher(s);
            if (full.matches()) {
                boolean jalali = Integer.parseInt(full.group(1)) < 1700;
                LocalDate gregorian = jalali ? cal.parse(s) : LocalDate.parse(String.format("%04d-%02d-%02d",
                        Integer.parseInt(full.group(1)), Integer.parseInt(full.group(2)),
                        Integer.parseInt(full.group(3))));
                return persian ? cal.format(gregorian, true) : gregorian.toString();
            }
            Matcher md = MONTH_DAY.matcher(s);
            if (md.matches()) {
                String v = String.format("%02d/%02d", Integer.parseInt(md.group(1)), Integer.parseInt(md.group(2)));
                return persian ? Dates.persianDigits(v) : v.replace('/', '-');
            }
        } catch (RuntimeException e) {
            // invalid: shown as stored, the service's validation names the problem
        }
        return persian ? Dates.persianDigits(s) : s;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String l : text.split("\\R")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }

    /** {@code date | name} or {@code date name}. */
    private static String[] splitLine(String line) {
        int bar = line.indexOf('|');
        if (bar >= 0) {
            return new String[] {line.substring(0, bar).strip(), line.substring(bar + 1).strip()};
        }
        String[] p = line.split("\\s+", 2);
        // a range may be written with spaces around ".."
        if (p.length == 2 && p[1].startsWith("..")) {
            String[] rest = p[1].substring(2).strip().split("\\s+", 2);
            return rest.length == 2 ? new String[] {p[0] + ".." + rest[0], rest[1]} : new String[] {p[0] + ".." + rest[0]};
        }
        return p;
    }
}
