package io.pishkhan.console.internal.logic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Date and time as people read them: Solar Hijri (Jalali) with Persian digits in Persian, ISO in English. */
public final class Dates {
    private Dates() {
    }

    public static String format(Instant at, ZoneId zone, boolean persian) {
        if (at == null) {
            return "";
        }
        ZonedDateTime z = at.atZone(zone);
        if (!persian) {
            return String.format("%04d-%02d-%02d %02d:%02d", z.getYear(), z.getMonthValue(), z.getDayOfMonth(),
                    z.getHour(), z.getMinute());
        }
        int[] j = toJalali(z.toLocalDate());
        return persianDigits(String.format("%04d/%02d/%02d %02d:%02d", j[0], j[1], j[2], z.getHour(), z.getMinute()));
    }

    public static String time(Instant at, ZoneId zone, boolean persian) {
        if (at == null) {
            return "";
        }
        ZonedDateTime z = at.atZone(zone);
        String s = String.format("%02d:%02d", z.getHour(), z.getMinute());
        return persian ? persianDigits(s) : s;
    }

    /** Gregorian to Jalali {year, month, day} (the arithmetic algorithm used by jalaali-js, valid 1-3177 AP). */
    public static int[] toJalali(LocalDate date) {
        int gy = date.getYear();
        int gm = date.getMonthValue();
        int gd = date.getDayOfMonth();
        int[] gdm = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int gy2 = gm > 2 ? gy + 1 : gy;
        long days = 355666L + 365L * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100 + (gy2 + 399) / 400 + gd + gdm[gm - 1];
        long jy = -1595 + 33 * (days / 12053);
        days %= 12053;
        jy += 4 * (days / 1461);
        days %= 1461;
        if (days > 365) {
            jy += (days - 1) / 365;
            days = (days - 1) % 365;
        }
        int jm;
        int jd;
        if (days < 186) {
            jm = 1 + (int) (days / 31);
            jd = 1 + (int) (days % 31);
        } else {
            jm = 7 + (int) ((days - 186) / 30);
            jd = 1 + (int) ((days - 186) % 30);
        }
        return new int[] {(int) jy, jm, jd};
    }

    /**
     * Jalali {year, month, day} to the Gregorian date; the inverse of {@link #toJalali}, found from the Nowruz near
     * 21 March of {@code year + 621}. Months 1-6 have 31 days, 7-11 30, Esfand 29 or 30 (leap years).
     *
     * @throws IllegalArgumentException when the day does not exist (e.g. 1403/12/31 in a common year)
     */
    public static LocalDate fromJalali(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > (month <= 6 ? 31 : 30) || year < 1 || year > 3177) {
            throw new IllegalArgumentException("no such Jalali date: " + year + "/" + month + "/" + day);
        }
        LocalDate nowruz = LocalDate.of(year + 621, 3, 17);
        while (toJalali(nowruz)[1] != 1 || toJalali(nowruz)[2] != 1) {
            nowruz = nowruz.plusDays(1);
        }
        int offset = (month <= 6 ? (month - 1) * 31 : 186 + (month - 7) * 30) + day - 1;
        LocalDate d = nowruz.plusDays(offset);
        int[] back = toJalali(d);
        if (back[0] != year || back[1] != month || back[2] != day) {
            throw new IllegalArgumentException("no such Jalali date: " + year + "/" + month + "/" + day);
        }
        return d;
    }

    /** The first day of the Jalali month {@code date} is in. */
    public static LocalDate jalaliMonthStart(LocalDate date) {
        return date.minusDays(toJalali(date)[2] - 1L);
    }

    /** Persian and Arabic-Indic digits to ASCII digits (other characters unchanged). */
    public static String latinDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= '۰' && c <= '۹') {
                b.append((char) ('0' + (c - '۰')));
            } else if (c >= '٠' && c <= '٩') {
                b.append((char) ('0' + (c - '٠')));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A day as people read it: {@code 1405/09/02} with Persian digits in Persian, {@code 2026-11-23} in English. */
    public static String day(LocalDate d, boolean persian) {
        if (!persian) {
            return d.toString();
        }
        int[] j = toJalali(d);
        return persianDigits(String.format("%04d/%02d/%02d", j[0], j[1], j[2]));
    }

    /**
     * Reads a day typed as {@code 1405/09/02} (Jalali, Persian or Latin digits, '/', '-' or '.') in Persian, or
     * {@code 2026-11-23} (ISO) in English.
     *
     * @throws IllegalArgumentException when it is not a date
     */
    public static LocalDate parseDay(String text, boolean persian) {
        String t = latinDigits(text == null ? "" : text.strip()).replace('\u066B', '/');
        String[] p = t.split("[/\\-.]");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a date: " + text);
        }
        try {
            int y = Integer.parseInt(p[0]);
            int m = Integer.parseInt(p[1]);
            int d = Integer.parseInt(p[2]);
            return persian ? fromJalali(y, m, d) : LocalDate.of(y, m, d);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a date: " + text, e);
        }
    }

    public static String persianDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : c);
        }
        return b.toString();
    }
}
