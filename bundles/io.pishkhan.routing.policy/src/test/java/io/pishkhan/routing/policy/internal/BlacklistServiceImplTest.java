package io.pishkhan.routing.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistEntry.Action;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.store.AuditRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlacklistServiceImplTest {
    private final InMemoryConfigStore store = new InMemoryConfigStore();
    private final MutableClock clock = new MutableClock();
    private final BlacklistServiceImpl service = new BlacklistServiceImpl(store, clock);

    /** A clock that moves a second on every read, so entries have distinct creation times. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-04-01T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }
    }

    private BlacklistEntry add(String kind, String pattern) {
        return service.add(entry(kind, pattern, Action.BLOCK), "admin", "test");
    }

    private static BlacklistEntry entry(String kind, String pattern, Action action) {
        return new BlacklistEntry(null, kind, pattern, action, null,
                action == Action.LOW_PRIORITY ? "low" : null, null, null, null);
    }

    private Optional<String> matchedPattern(String channel, String address, Map<String, String> attributes) {
        return service.match(channel, address, attributes).map(BlacklistEntry::pattern);
    }

    // ---- normalisation ----

    @ParameterizedTest
    @ValueSource(strings = {"+989121234567", "+98 912 123 4567", "00989121234567", "09121234567", "0912-123-4567",
            "(0912) 123 45 67", "9121234567", "989121234567", "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "+۹۸۹۱۲۱۲۳۴۵۶۷",
            "tel:+98-912-123-4567"})
    void iranianMobileNumbersNormaliseToOneForm(String raw) {
        assertEquals("989121234567", Normalize.phone(raw));
    }

    @Test
    void phoneNormalisationOfOtherNumbersAndPatterns() {
        assertEquals("4915112345678", Normalize.phone("+49 151 12345678"));
        assertEquals("4915112345678", Normalize.phone("004915112345678"));
        assertEquals("982188776655", Normalize.phone("021 8877 6655"));
        assertNull(Normalize.phone("ali"));
        assertNull(Normalize.phone("  "));
        assertEquals("98912*", Normalize.phonePattern("+98912*"));
        assertEquals("98912*", Normalize.phonePattern("0912*"));
        assertEquals("98912*", Normalize.phonePattern("0098 912*"));
        assertEquals("*4567", Normalize.phonePattern("*۴۵۶۷"));
    }

    @Test
    void emailNormalisation() {
        assertEquals("ali@example.ir", Normalize.email("  Ali@Example.IR "));
        assertEquals("ali@example.ir", Normalize.email("Ali Rezaei <ALI@example.ir>"));
        assertEquals("ali@example.ir", Normalize.email("mailto:ali@example.ir"));
    }

    // ---- matching per kind ----

    @Test
    void phoneEntryMatchesSmsAndVoiceInAnyWriting() {
        add("phone", "0912 123 4567");
        assertEquals(Optional.of("0912 123 4567"), matchedPattern("sms", "+989121234567", Map.of()));
        assertTrue(matchedPattern("voice", "۰۹۱۲۱۲۳۴۵۶۷", null).isPresent());
        assertTrue(matchedPattern("webchat", "visitor-1", Map.of("phone", "00989121234567")).isPresent());
        assertFalse(matchedPattern("sms", "+989121234568", Map.of()).isPresent());
        // on a channel whose address is not a phone number, the address is not read as one
        assertFalse(matchedPattern("telegram", "09121234567", Map.of()).isPresent());
    }

    @Test
    void phoneGlobMatchesAPrefix() {
        add("phone", "+98912*");
        assertTrue(matchedPattern("sms", "09125550000", Map.of()).isPresent());
        assertTrue(matchedPattern("sms", "+98 912 000 1111", Map.of()).isPresent());
        assertFalse(matchedPattern("sms", "09355550000", Map.of()).isPresent());
    }

    @Test
    void emailEntryIsCaseInsensitiveAndGlobsWork() {
        add("email", "Spammer@Example.com");
        add("email", "*@spam.example");
        assertEquals(Optional.of("Spammer@Example.com"), matchedPattern("email", "SPAMMER@example.COM", null));
        assertTrue(matchedPattern("email", "Mr Spam <spammer@example.com>", null).isPresent());
        assertEquals(Optional.of("*@spam.example"), matchedPattern("email", "anyone@SPAM.example", null));
        assertFalse(matchedPattern("email", "anyone@spam.example.org", null).isPresent());
        assertTrue(matchedPattern("webchat", "v-1", Map.of("email", "x@spam.example")).isPresent());
        assertFalse(matchedPattern("webchat", "x@spam.example", Map.of()).isPresent(),
                "a web chat address is not an email");
    }

    @Test
    void ipv4ExactAndCidr() {
        add("ip", "192.0.2.7");
        add("ip", "10.0.0.0/8");
        assertEquals(Optional.of("192.0.2.7"), matchedPattern("webchat", "v", Map.of("ip", "192.0.2.7")));
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "192.0.2.8")).isPresent());
        assertEquals(Optional.of("10.0.0.0/8"), matchedPattern("webchat", "v", Map.of("ip", "10.200.3.4")));
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "11.0.0.1")).isPresent());
        assertTrue(matchedPattern("webchat", "v", Map.of("ip", "::ffff:10.1.2.3")).isPresent(), "IPv4-mapped");
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "not-an-ip")).isPresent());
    }

    @Test
    void ipv6ExactAndCidr() {
        add("ip", "2001:db8::/32");
        add("ip", "2001:0DB9:0000::1");
        assertTrue(matchedPattern("webchat", "v", Map.of("ip", "2001:db8:1:2::5")).isPresent());
        assertTrue(matchedPattern("webchat", "v", Map.of("ip", "[2001:db8::1]")).isPresent());
        assertTrue(matchedPattern("webchat", "v", Map.of("ip", "2001:db9::1")).isPresent(), "exact, other spelling");
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "2001:db9::2")).isPresent());
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "2001:dba::1")).isPresent());
        assertFalse(matchedPattern("webchat", "v", Map.of("ip", "10.0.0.1")).isPresent());
    }

    @Test
    void tokenIsExact() {
        add("token", "Tok-123");
        assertTrue(matchedPattern("webchat", "v", Map.of("token", "Tok-123")).isPresent());
        assertFalse(matchedPattern("webchat", "v", Map.of("token", "tok-123")).isPresent());
        assertFalse(matchedPattern("webchat", "v", Map.of("token", "Tok-1234")).isPresent());
    }

    @Test
    void addressMatchesAnyChannelExactOrGlob() {
        add("address", "telegram-user-42");
        add("address", "bot-*-spam");
        assertTrue(matchedPattern("telegram", "telegram-user-42", null).isPresent());
        assertTrue(matchedPattern("whatever", " telegram-user-42 ", null).isPresent());
        assertTrue(matchedPattern("webchat", "bot-17-spam", null).isPresent());
        assertFalse(matchedPattern("webchat", "bot-17-spam-not", null).isPresent());
        assertFalse(matchedPattern("webchat", "telegram-user-4", null).isPresent());
    }

    @Test
    void blockComesBeforeLowPriorityThenOldestFirst() {
        BlacklistEntry low = service.add(entry("phone", "0912*", Action.LOW_PRIORITY), "admin", null);
        BlacklistEntry blockGlob = service.add(entry("phone", "+98*", Action.BLOCK), "admin", null);
        BlacklistEntry blockExact = service.add(entry("phone", "09121234567", Action.BLOCK), "admin", null);
        assertEquals(Optional.of(blockGlob), service.match("sms", "09121234567", null), "both BLOCK: the older");
        assertEquals(List.of(blockGlob, blockExact, low), service.entries());
        service.remove(blockGlob.id(), "admin", null);
        assertEquals(Optional.of(blockExact), service.match("sms", "09121234567", null));
        service.remove(blockExact.id(), "admin", null);
        BlacklistEntry m = service.match("sms", "09121234567", null).orElseThrow();
        assertEquals(Action.LOW_PRIORITY, m.action());
        assertEquals("low", m.queueId());
        assertEquals(low, m);
    }

    @Test
    void blockBeatsAnOlderLowPriorityAcrossKinds() {
        service.add(entry("ip", "10.0.0.0/8", Action.LOW_PRIORITY), "admin", null);
        service.add(entry("email", "*@spam.example", Action.BLOCK), "admin", null);
        BlacklistEntry m = service.match("email", "a@spam.example", Map.of("ip", "10.0.0.1")).orElseThrow();
        assertEquals(Action.BLOCK, m.action());
    }

    // ---- administration ----

    @Test
    void addAndRemoveAreStoredAndAudited() {
        BlacklistEntry e = service.add(new BlacklistEntry(null, "Email", " spam@x.ir ", Action.BLOCK, "no", null,
                "ignored", null, "note"), "mina", "abuse report 17");
        assertNotNull(e.id());
        assertEquals("email", e.kind());
        assertEquals("spam@x.ir", e.pattern());
        assertEquals("mina", e.createdBy());
        assertEquals(Instant.parse("2025-04-01T08:00:01Z"), e.createdAt());
        assertEquals("abuse report 17", e.comment());
        assertTrue(store.get("blacklist", e.id()).orElseThrow().json().contains("\"2025-04-01T08:00:01Z\""));

        AuditRecord added = service.audit(10).get(0);
        assertEquals("mina", added.actor());
        assertEquals("create", added.action());
        assertEquals(e.id(), added.entityId());
        assertTrue(added.detail().startsWith("abuse report 17"));

        assertTrue(service.remove(e.id(), "reza", "mistake"));
        AuditRecord removed = service.audit(10).get(0);
        assertEquals("reza", removed.actor());
        assertEquals("delete", removed.action());
        assertTrue(removed.detail().startsWith("mistake"));
        assertEquals(2, service.audit(10).size());
        assertFalse(service.match("email", "spam@x.ir", null).isPresent());
        assertFalse(service.remove(e.id(), "reza", null));
        assertEquals(2, service.audit(10).size(), "nothing to remove, nothing audited");
    }

    @Test
    void entriesSurviveARestart() {
        BlacklistEntry e = add("ip", "203.0.113.0/24");
        BlacklistServiceImpl restarted = new BlacklistServiceImpl(store, clock);
        assertEquals(List.of(e), restarted.entries());
        assertEquals(Optional.of(e), restarted.match("webchat", "v", Map.of("ip", "203.0.113.99")));
    }

    @Test
    void invalidStoredEntriesAreIgnored() {
        store.putRaw("blacklist", "x", "{\"id\":\"x\",\"kind\":\"ip\",\"pattern\":\"300.0.0.1\",\"action\":\"BLOCK\"}");
        store.putRaw("blacklist", "y", "garbage");
        store.putRaw("blacklist", "z", "{\"id\":\"z\",\"kind\":\"token\",\"pattern\":\"t\",\"action\":\"BLOCK\"}");
        BlacklistServiceImpl restarted = new BlacklistServiceImpl(store, clock);
        assertEquals(List.of("z"), restarted.entries().stream().map(BlacklistEntry::id).toList());
    }

    @Test
    void badPatternsAreRefusedWithReasons() {
        assertRefused("ip", "10.0.0.0/33", "ip 10.0.0.0/33: prefix must be 0-32");
        assertRefused("ip", "2001:db8::/129", "ip 2001:db8::/129: prefix must be 0-128");
        assertRefused("ip", "10.0.0.300", "ip 10.0.0.300: not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)");
        assertRefused("ip", "example.com", "ip example.com: not an IP address or CIDR block (e.g. 10.0.0.0/8, 2001:db8::/32)");
        assertRefused("ip", "10.0.0.1/8", "ip 10.0.0.1/8: host bits are set; did you mean 10.0.0.0/8?");
        assertRefused("ip", "0.0.0.0/0", "ip 0.0.0.0/0: /0 matches every address");
        assertRefused("ip", "10.*", "ip 10.*: write IP ranges as CIDR blocks (10.0.0.0/8), not with *");
        assertRefused("phone", "*", "phone *: a pattern of only * would match everyone");
        assertRefused("address", "**", "address **: a pattern of only * would match everyone");
        assertRefused("email", "  ", "email: pattern required");
        assertRefused("email", "spam", "email spam: not an email address (use * for a pattern, e.g. *@spam.example)");
        assertRefused("phone", "ali", "phone ali: only digits, a leading +, spaces, dashes and * are allowed");
        assertRefused("token", "abc*", "token abc*: tokens match exactly, * is not allowed");
        assertRefused("fax", "123", "kind fax: must be one of phone, email, ip, token, address");
        PolicyValidationException e = assertThrows(PolicyValidationException.class,
                () -> service.add(new BlacklistEntry(null, "phone", "0912*", Action.LOW_PRIORITY, null, " ", null,
                        null, null), "admin", null));
        assertEquals(List.of("phone 0912*: LOW_PRIORITY needs the queue it sends to"), e.problems());
        assertTrue(store.list("blacklist").isEmpty(), "nothing stored");
        assertTrue(service.audit(10).isEmpty(), "nothing audited");
    }

    private void assertRefused(String kind, String pattern, String problem) {
        PolicyValidationException e = assertThrows(PolicyValidationException.class,
                () -> service.add(entry(kind, pattern, Action.BLOCK), "admin", null));
        assertEquals(List.of(problem), e.problems());
        assertEquals(List.of(problem), service.validate(entry(kind, pattern, Action.BLOCK)));
    }

    @Test
    void thousandsOfEntriesMatchQuickly() {
        // stored directly (as a bulk import would), then loaded once
        List<String[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new String[] {"phone", String.format("0912%07d", i)});
            rows.add(new String[] {i % 2 == 0 ? "email" : "address", "*@spam" + i + ".example"});
            rows.add(new String[] {"address", "bot-" + i + "-*-x"});
        }
        for (int i = 0; i < 500; i++) {
            rows.add(new String[] {"ip", "10." + (i / 250) + "." + (i % 250) + ".0/24"});
        }
        for (int i = 0; i < rows.size(); i++) {
            BlacklistEntry e = new BlacklistEntry("e" + i, rows.get(i)[0], rows.get(i)[1], Action.BLOCK, null, null,
                    "import", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i), null);
            store.putRaw("blacklist", e.id(), Json.write(Json.EntryDocument.of(e)));
        }
        BlacklistServiceImpl service = new BlacklistServiceImpl(store, clock);
        assertEquals(rows.size(), service.entries().size());
        Map<String, String> attributes = Map.of("ip", "192.168.1.1", "token", "t", "email", "a@b.example");
        // warm up, then 20,000 misses (the slow path: every glob is tried)
        for (int i = 0; i < 2000; i++) {
            service.match("email", "someone@ok" + i + ".example", attributes);
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            assertFalse(service.match("email", "someone@ok" + i + ".example", attributes).isPresent());
        }
        long micros = (System.nanoTime() - start) / 1000 / 20_000;
        assertTrue(micros < 500, "a miss took " + micros + " µs on average");
        assertTrue(service.match("webchat", "bot-7-abc-x", null).isPresent());
        assertTrue(service.match("sms", "+98 912 000 1999", null).isPresent());
        assertTrue(service.match("email", "x@spam1998.example", null).isPresent());
        assertTrue(service.match("webchat", "v", Map.of("ip", "10.1.249.77")).isPresent());
    }
}
