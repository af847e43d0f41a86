package io.pishkhan.routing.policy.internal;

import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.Holiday;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedule checked and turned into lookups: weekly minutes per day of week, one-off holidays as a set of
 * Gregorian dates, yearly Jalali holidays as month-days. For a date, special hours win, then holidays, then the
 * week. Immutable, hence thread-safe.
 */
final class CompiledSchedule {
    /** The week as Iranians write it, Saturday first (used for problems and the README). */
    static final List<DayOfWeek> IRANIAN_WEEK = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    final BusinessHours source;
    final ZoneId zone;
    /** Index {@code DayOfWeek.getValue() - 1}. */
    private final int[][] weekly;
    private final Set<LocalDate> holidays;
    /** Jalali month-day ranges every year. */
    private final List<DateSpec.Annual> yearlyHolidays;
    private final Map<LocalDate, int[]> special;
    private final List<Map.Entry<DateSpec.Annual, int[]>> yearlySpecial;

    private CompiledSchedule(BusinessHours source, ZoneId zone, int[][] weekly, Set<LocalDate> holidays,
            List<DateSpec.Annual> yearlyHolidays, Map<LocalDate, int[]> special,
            List<Map.Entry<DateSpec.Annual, int[]>> yearlySpecial) {
        this.source = source;
        this.zone = zone;
        this.weekly = weekly;
        this.holidays = Set.copyOf(holidays);
        this.yearlyHolidays = List.copyOf(yearlyHolidays);
        this.special = Map.copyOf(special);
        this.yearlySpecial = List.copyOf(yearlySpecial);
    }

    /**
     * Checks and compiles a schedule.
     *
     * @param problems receives one sentence per problem; when any is added the result is null
     */
    static CompiledSchedule compile(BusinessHours s, List<String> problems) {
        int before = problems.size();
        if (s.id() == null || !ID.matcher(s.id()).matches()) {
            problems.add("id " + s.id() + ": 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        ZoneId zone = ZoneId.of(BusinessHours.DEFAULT_TIME_ZONE);
        if (s.timeZone() != null && !s.timeZone().isBlank()) {
            try {
                zone = ZoneId.of(s.timeZone().strip());
            } catch (DateTimeException e) {
                problems.add("time zone " + s.timeZone().strip() + ": unknown (use an IANA name such as Asia/Tehran)");
            }
        }
        int[][] weekly = new int[7][];
        for (DayOfWeek day : IRANIAN_WEEK) {
            List<String> texts = s.weekly().getOrDefault(day, List.of());
            weekly[day.getValue() - 1] = TimeRanges.parse(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                    texts == null ? List.of() : texts, problems);
        }
        Set<LocalDate> holidays = new HashSet<>();
        List<DateSpec.Annual> yearly = new ArrayList<>();
        for (Holiday h : s.holidays()) {
            DateSpec spec = parse("holiday", h.date(), problems);
            if (spec instanceof DateSpec.OneOff o) {
                o.from().datesUntil(o.to().plusDays(1)).forEach(holidays::add);
            } else if (spec instanceof DateSpec.Annual a) {
                yearly.add(a);
            }
        }
        Map<LocalDate, int[]> special = new HashMap<>();
        List<Map.Entry<DateSpec.Annual, int[]>> yearlySpecial = new ArrayList<>();
        for (BusinessHours.SpecialHours sh : s.specialHours()) {
            DateSpec spec = parse("special hours", sh.date(), problems);
            int[] hours = TimeRanges.parse("special hours " + sh.date().strip(), sh.intervals(), problems);
            if (spec instanceof DateSpec.OneOff o) {
                for (LocalDate d = o.from(); !d.isAfter(o.to()); d = d.plusDays(1)) {
                    if (special.putIfAbsent(d, hours) != null) {
                        problems.add("special hours " + sh.date().strip() + ": " + d + " already has special hours");
                        break;
                    }
                }
            } else if (spec instanceof DateSpec.Annual a) {
                yearlySpecial.add(Map.entry(a, hours));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new CompiledSchedule(s, zone, weekly, holidays, yearly, special, yearlySpecial);
    }

    private static DateSpec parse(String what, String date, List<String> problems) {
        try {
            return DateSpec.parse(date);
        } catch (IllegalArgumentException e) {
            problems.add(what + " " + (date == null ? "" : date.strip()) + ": " + e.getMessage());
            return null;
        }
    }

    /** Opening minutes of a local date: special hours, else closed on a holiday, else the week. */
    int[] hoursOn(LocalDate date) {
        int[] s = special.get(date);
        if (s != null) {
            return s;
        }
        int monthDay = yearlySpecial.isEmpty() && yearlyHolidays.isEmpty() ? 0 : Jalali.of(date).monthDay();
        for (Map.Entry<DateSpec.Annual, int[]> e : yearlySpecial) {
            if (e.getKey().contains(monthDay)) {
                return e.getValue();
            }
        }
        if (holidays.contains(date)) {
            return TimeRanges.NONE;
        }
        for (DateSpec.Annual a : yearlyHolidays) {
            if (a.contains(monthDay)) {
                return TimeRanges.NONE;
            }
        }
        return weekly[date.getDayOfWeek().getValue() - 1];
    }

    boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return TimeRanges.contains(hoursOn(local.toLocalDate()), local.getHour() * 60 + local.getMinute());
    }

    /** The first opening after {@code at} within {@code days} days; empty when open at {@code at} or none. */
    Optional<Instant> nextOpening(Instant at, int days) {
        if (isOpen(at)) {
            return Optional.empty();
        }
        LocalDate first = at.atZone(zone).toLocalDate();
        for (int d = 0; d <= days; d++) {
            LocalDate date = first.plusDays(d);
            int[] hours = hoursOn(date);
            for (int i = 0; i < hours.length; i += 2) {
                Instant start = instant(date.atStartOfDay().plusMinutes(hours[i]));
                if (start.isAfter(at) && isOpen(start)) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A local time as an instant; a time inside a DST gap (02:30 on a spring-forward day) is the end of the gap, the
     * first moment that exists; in an overlap the earlier offset counts.
     */
    private Instant instant(LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }
}
