package io.pishkhan.analytics.kpi.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Time bucket of a KPI row: the calendar hour, day, ISO week (Monday first) or month in a time zone. */
public enum Bucket {
    HOUR, DAY, WEEK, MONTH;

    /** Start of the bucket that holds {@code at}, in {@code zone} (DST-safe: uses local calendar fields). */
    public ZonedDateTime startOf(Instant at, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return switch (this) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().atStartOfDay(zone);
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
    }
}
