package io.pishkhan.core.internal;

import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.store.AuditRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/** Minimal blacklist and business-hours services for pipeline tests: only the routing-path methods work. */
final class PolicyFakes {
    private PolicyFakes() {
    }

    interface Matcher {
        Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes);
    }

    static BlacklistService blacklist(Matcher m) {
        return new BlacklistService() {
            @Override
            public Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes) {
                return m.match(channel, address, attributes);
            }

            @Override
            public List<BlacklistEntry> entries() {
                return List.of();
            }

            @Override
            public List<String> validate(BlacklistEntry entry) {
                return List.of();
            }

            @Override
            public BlacklistEntry add(BlacklistEntry entry, String actor, String comment) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean remove(String id, String actor, String comment) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<AuditRecord> audit(int limit) {
                return List.of();
            }
        };
    }

    static BusinessHoursService hours(BiPredicate<String, Instant> open, String closedMessage) {
        return new BusinessHoursService() {
            @Override
            public boolean isOpen(String scheduleId, Instant at) {
                return open.test(scheduleId, at);
            }

            @Override
            public Optional<Instant> nextOpening(String scheduleId, Instant at) {
                return Optional.empty();
            }

            @Override
            public String closedMessage(String scheduleId, String language) {
                return closedMessage;
            }

            @Override
            public List<BusinessHours> schedules() {
                return List.of();
            }

            @Override
            public Optional<BusinessHours> schedule(String id) {
                return Optional.empty();
            }

            @Override
            public List<String> validate(BusinessHours schedule) {
                return List.of();
            }

            @Override
            public BusinessHours save(BusinessHours schedule, String actor, String comment) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean delete(String id, String actor, String comment) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<AuditRecord> audit(int limit) {
                return List.of();
            }

            @Override
            public String formatJalali(LocalDate date, boolean persianDigits) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String formatJalali(Instant at, ZoneId zone, boolean persianDigits) {
                throw new UnsupportedOperationException();
            }

            @Override
            public LocalDate parseJalali(String text) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> jalaliMonthNames(String language) {
                return List.of();
            }
        };
    }
}
