package io.pishkhan.api.routing;

import java.util.Objects;

/**
 * A closed day (or days) of a {@link BusinessHours} schedule.
 *
 * @param date one of: a Jalali date {@code 1404-01-13} (years below 1700 are Jalali), a Gregorian date
 *             {@code 2025-04-02}, or a Jalali day every year {@code 01-13} (month-day); {@code /} may stand for
 *             {@code -} and Persian or Arabic digits for Latin ones. Two dates of the same form joined by
 *             {@code ..} are a range, ends included ({@code 01-01..01-04} is Nowruz).
 * @param name e.g. {@code سیزده‌بدر} ({@code null}: none)
 */
public record Holiday(String date, String name) {
    public Holiday {
        Objects.requireNonNull(date, "date");
    }

    public Holiday(String date) {
        this(date, null);
    }
}
