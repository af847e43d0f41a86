package io.pishkhan.api.routing;

import java.time.Instant;
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
}
