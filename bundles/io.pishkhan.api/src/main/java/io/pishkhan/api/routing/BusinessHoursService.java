package io.pishkhan.api.routing;

import io.pishkhan.api.store.AuditRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Business hours and holidays of queues (Persian/Jalali and Gregorian calendars). A schedule id that is
 * {@code null} or unknown means always open.
 */
public interface BusinessHoursService {
    boolean isOpen(String scheduleId, Instant at);

    /** The next moment the schedule opens after {@code at}, empty if it never opens again (or is open now). */
    Optional<Instant> nextOpening(String scheduleId, Instant at);

    /** The message a customer gets outside business hours, in his language ({@code fa} or {@code en}). */
    String closedMessage(String scheduleId, String language);

    // ---- administration ----

    /** All schedules, ordered by id. */
    List<BusinessHours> schedules();

    Optional<BusinessHours> schedule(String id);

    /** Problems of a schedule, each naming what is wrong (e.g. {@code holiday 1404-13-01: month must be 1-12}). */
    List<String> validate(BusinessHours schedule);

    /**
     * Validates, creates or replaces the schedule and audits the change; it applies to the next call.
     *
     * @throws PolicyValidationException when {@link #validate(BusinessHours)} finds problems
     */
    BusinessHours save(BusinessHours schedule, String actor, String comment);

    /** Deletes a schedule and audits it; queues that still name it are then always open. False if unknown. */
    boolean delete(String id, String actor, String comment);

    /** Changes to schedules, newest first. */
    List<AuditRecord> audit(int limit);

    // ---- Jalali (Persian) calendar helpers for the console ----

    /** {@code 1404/01/13}, in Persian digits ({@code ۱۴۰۴/۰۱/۱۳}) when {@code persianDigits}. */
    String formatJalali(LocalDate date, boolean persianDigits);

    /** The Jalali date of an instant in a zone ({@code null}: Asia/Tehran), as {@link #formatJalali(LocalDate, boolean)}. */
    String formatJalali(Instant at, ZoneId zone, boolean persianDigits);

    /**
     * The Gregorian date of a Jalali date written {@code 1404/01/13} or {@code 1404-01-13}, Latin, Persian or Arabic
     * digits.
     *
     * @throws IllegalArgumentException when it is not a valid Jalali date (the message says why)
     */
    LocalDate parseJalali(String text);

    /** The twelve Jalali month names, Farvardin first, in {@code fa} or {@code en}. */
    List<String> jalaliMonthNames(String language);
}
