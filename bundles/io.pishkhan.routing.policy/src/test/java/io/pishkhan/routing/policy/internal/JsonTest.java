package io.pishkhan.routing.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.Holiday;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void scheduleDocumentIsLenientAboutDayCaseAndUnknownFields() throws Exception {
        BusinessHours s = Json.readSchedule("""
                {"id":"x","weekly":{"saturday":["08:00-12:00"],"Friday":[]},"extra":1,
                 "holidays":[{"date":"01-13"}],
                 "specialHours":[{"date":"1404-12-28","intervals":["08:00-12:00"],"name":"half day"}]}
                """);
        assertEquals(List.of("08:00-12:00"), s.weekly().get(DayOfWeek.SATURDAY));
        assertEquals(List.of(), s.weekly().get(DayOfWeek.FRIDAY));
        assertEquals(List.of(new Holiday("01-13", null)), s.holidays());
        assertEquals("half day", s.specialHours().get(0).name());
        assertEquals(s, Json.readSchedule(Json.write(s)));
    }

    @Test
    void sampleScheduleRoundTrips() throws Exception {
        BusinessHours sample = BusinessHoursServiceImpl.sample();
        assertEquals("tehran-office", sample.id());
        assertEquals(7, sample.holidays().size());
        assertEquals(sample, Json.readSchedule(Json.write(sample)));
    }

    @Test
    void blacklistEntryKeepsItsInstantAsText() throws Exception {
        BlacklistEntry e = new BlacklistEntry("bl-1", "ip", "10.0.0.0/8", BlacklistEntry.Action.LOW_PRIORITY, "msg",
                "low", "mina", Instant.parse("2025-04-01T08:00:00Z"), "why");
        String json = Json.write(Json.EntryDocument.of(e));
        assertTrue(json.contains("\"createdAt\":\"2025-04-01T08:00:00Z\""), json);
        assertEquals(e, Json.readEntry(json));
    }
}
