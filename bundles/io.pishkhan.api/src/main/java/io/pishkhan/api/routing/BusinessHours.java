package io.pishkhan.api.routing;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A business-hours schedule as admins edit it. Times and dates stay text so that the service can say exactly which
 * one is wrong ({@link BusinessHoursService#validate(BusinessHours)}); Persian digits are accepted everywhere.
 *
 * @param id            schedule id, referenced by {@link io.pishkhan.api.model.Queue#businessHours()}
 * @param name          display name ({@code null}: the id)
 * @param timeZone      IANA zone the hours are in ({@code null}: {@code Asia/Tehran})
 * @param weekly        opening intervals per day of week, each {@code HH:mm-HH:mm} (end exclusive, may be
 *                      {@code 24:00}); a day that is missing or has no interval is closed
 * @param holidays      closed days
 * @param specialHours  dates with other hours than the week says; they win over holidays
 * @param closedMessageFa text a customer gets outside business hours, Persian ({@code null}: the default)
 * @param closedMessageEn the same in English ({@code null}: the default)
 */
public record BusinessHours(String id, String name, String timeZone, Map<DayOfWeek, List<String>> weekly,
        List<Holiday> holidays, List<SpecialHours> specialHours, String closedMessageFa, String closedMessageEn) {
    /** The zone used when a schedule names none. */
    public static final String DEFAULT_TIME_ZONE = "Asia/Tehran";

    public BusinessHours {
        Objects.requireNonNull(id, "id");
        weekly = weekly == null ? Map.of() : Map.copyOf(weekly);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        specialHours = specialHours == null ? List.of() : List.copyOf(specialHours);
    }

    /**
     * Hours of one date (or one Jalali day every year) that replace the weekly hours.
     *
     * @param date      as in {@link Holiday#date()}, ranges included
     * @param intervals {@code HH:mm-HH:mm} each; empty: closed all day
     * @param name      why, e.g. {@code شب یلدا} ({@code null}: none)
     */
    public record SpecialHours(String date, List<String> intervals, String name) {
        public SpecialHours {
            Objects.requireNonNull(date, "date");
            intervals = intervals == null ? List.of() : List.copyOf(intervals);
        }
    }
}
