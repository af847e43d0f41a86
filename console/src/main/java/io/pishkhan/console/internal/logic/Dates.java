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

    public static String persianDigits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : c);
        }
        return b.toString();
    }
}
