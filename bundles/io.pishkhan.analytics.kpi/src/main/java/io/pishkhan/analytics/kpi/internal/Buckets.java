package io.pishkhan.analytics.kpi.internal;

import io.pishkhan.api.analytics.Bucket;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * Cuts instants into {@link Bucket}s: the calendar hour, day, week or month in a time zone. Weeks start on Saturday
 * in {@code Asia/Tehran} (the Iranian week) and on Monday (ISO) elsewhere, as the API documents.
 */
public final class Buckets {
    private Buckets() {
    }

    /** First day of the week in {@code zone}. */
    public static DayOfWeek firstDayOfWeek(ZoneId zone) {
        String id = zone.normalized().getId();
        return "Asia/Tehran".equals(id) || "Iran".equals(id) || "Asia/Tehran".equals(zone.getId())
                ? DayOfWeek.SATURDAY : DayOfWeek.MONDAY;
    }

    /**
     * Start of the bucket that holds {@code at}, in {@code zone} (DST-safe: uses local calendar fields).
     * {@link Bucket#TOTAL} has no calendar start: it returns {@code at} itself.
     */
    public static ZonedDateTime startOf(Bucket bucket, Instant at, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return switch (bucket) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().atStartOfDay(zone);
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(firstDayOfWeek(zone)))
                    .atStartOfDay(zone);
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            case TOTAL -> t;
        };
    }
}
