package io.pishkhan.routing.policy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BlacklistEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON documents kept in the ConfigStore. Schedules are the {@link BusinessHours} record as it is (days of the
 * week as {@code SATURDAY}...); blacklist entries go through {@link EntryDocument} so that instants are ISO-8601
 * text without the Jackson java.time module.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    /** A blacklist entry as stored. */
    record EntryDocument(String id, String kind, String pattern, BlacklistEntry.Action action, String message,
            String queueId, String createdBy, String createdAt, String comment) {
        static EntryDocument of(BlacklistEntry e) {
            return new EntryDocument(e.id(), e.kind(), e.pattern(), e.action(), e.message(), e.queueId(),
                    e.createdBy(), e.createdAt() == null ? null : e.createdAt().toString(), e.comment());
        }

        BlacklistEntry toEntry() {
            Instant at;
            try {
                at = createdAt == null ? null : Instant.parse(createdAt);
            } catch (DateTimeParseException e) {
                at = null;
            }
            return new BlacklistEntry(id, kind, pattern, action, message, queueId, createdBy, at, comment);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static BusinessHours readSchedule(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, BusinessHours.class);
    }

    static BlacklistEntry readEntry(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, EntryDocument.class).toEntry();
    }
}
