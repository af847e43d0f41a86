package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigField.Type;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.logic.ConfigFormLogic.Editor;
import io.pishkhan.console.internal.logic.ConfigFormLogic.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logic of the admin screens: configuration forms, audit search and CSV, plugin and backup texts. */
class AdminConsoleLogicTest {
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

    static ConfigField field(String id, Type type, int cardinality, boolean required, String min, String max,
            Map<String, String> options) {
        return new ConfigField(id, id, null, type, cardinality, List.of(), required, min, max, options);
    }

    static ConfigField field(String id, Type type) {
        return field(id, type, 0, false, null, null, Map.of());
    }

    // ------------------------------------------------------------------ configuration forms

    @Test
    void eachTypeGetsItsEditor() {
        assertEquals(Editor.TEXT, ConfigFormLogic.editor(field("a", Type.STRING)));
        assertEquals(Editor.TEXT, ConfigFormLogic.editor(field("a", Type.CHAR)));
        assertEquals(Editor.PASSWORD, ConfigFormLogic.editor(field("a", Type.PASSWORD)));
        for (Type t : List.of(Type.INTEGER, Type.SHORT, Type.BYTE)) {
            assertEquals(Editor.INTEGER, ConfigFormLogic.editor(field("a", t)), t.name());
        }
        for (Type t : List.of(Type.LONG, Type.DOUBLE, Type.FLOAT)) {
            assertEquals(Editor.NUMBER, ConfigFormLogic.editor(field("a", t)), t.name());
        }
        assertEquals(Editor.BOOLEAN, ConfigFormLogic.editor(field("a", Type.BOOLEAN)));
        Map<String, String> opts = Map.of("x", "X");
        assertEquals(Editor.CHOICE, ConfigFormLogic.editor(field("a", Type.STRING, 0, false, null, null, opts)));
        assertEquals(Editor.CHOICE, ConfigFormLogic.editor(field("a", Type.INTEGER, 0, false, null, null, opts)));
        assertEquals(Editor.MULTI_CHOICE, ConfigFormLogic.editor(field("a", Type.STRING, -5, false, null, null,
                opts)));
        assertEquals(Editor.LINES, ConfigFormLogic.editor(field("a", Type.STRING, 10, false, null, null, Map.of())));
        assertEquals(Editor.LINES, ConfigFormLogic.editor(field("a", Type.INTEGER, -1, false, null, null,
                Map.of())));
        assertEquals(Editor.LINES, ConfigFormLogic.editor(field("a", Type.BOOLEAN, Integer.MAX_VALUE, false, null,
                null, Map.of())));
    }

    @Test
    void cardinalityGivesTheMostValues() {
        assertEquals(1, ConfigFormLogic.maxValues(field("a", Type.STRING)));
        assertEquals(3, ConfigFormLogic.maxValues(field("a", Type.STRING, 3, false, null, null, Map.of())));
        assertEquals(3, ConfigFormLogic.maxValues(field("a", Type.STRING, -3, false, null, null, Map.of())));
        assertEquals(Integer.MAX_VALUE, ConfigFormLogic.maxValues(field("a", Type.STRING, Integer.MIN_VALUE, false,
                null, null, Map.of())));
    }

    @Test
    void initialValuesAreCurrentThenDefaultsAndNeverAPassword() {
        ConfigField keep = new ConfigField("keep", "Keep", null, Type.INTEGER, 0, List.of("14"), true, "0", "1000",
                Map.of());
        ConfigField dir = new ConfigField("dir", "Dir", null, Type.STRING, 0, List.of("backups"), true, null, null,
                Map.of());
        ConfigField pw = new ConfigField("pw", "Pw", null, Type.PASSWORD, 0, List.of("changeit"), false, null, null,
                Map.of());
        ConfigForm form = new ConfigForm("p", "P", null, "b", false, List.of(keep, dir, pw),
                Map.of("keep", List.of("10"), "pw", List.of("********")));
        assertEquals(List.of("10"), ConfigFormLogic.initial(form, keep));
        assertEquals(List.of("backups"), ConfigFormLogic.initial(form, dir));
        assertEquals(List.of(), ConfigFormLogic.initial(form, pw), "a password (or its mask) is never prefilled");
        assertTrue(ConfigFormLogic.passwordSet(form, pw));
        assertFalse(ConfigFormLogic.passwordSet(form, dir));
    }

    @Test
    void checksRequiredTypesRangesOptionsAndCounts() {
        ConfigField keep = field("keep", Type.INTEGER, 0, true, "0", "1000", Map.of());
        assertEquals("config.error.required", ConfigFormLogic.check(keep, List.of()).key());
        assertEquals("config.error.required", ConfigFormLogic.check(keep, List.of(" ")).key());
        assertNull(ConfigFormLogic.check(keep, List.of("1000")));
        assertNull(ConfigFormLogic.check(keep, List.of("۱۲")), "Persian digits are numbers");
        assertEquals(new Problem("config.error.max", "1000").key(), ConfigFormLogic.check(keep, List.of("1001")).key());
        assertEquals(List.of("1000"), ConfigFormLogic.check(keep, List.of("1001")).args());
        assertEquals("config.error.min", ConfigFormLogic.check(keep, List.of("-1")).key());
        assertEquals("config.error.integer", ConfigFormLogic.check(keep, List.of("1.5")).key());
        assertEquals("config.error.integer", ConfigFormLogic.check(keep, List.of("abc")).key());
        assertEquals("config.error.integer", ConfigFormLogic.check(field("b", Type.BYTE), List.of("300")).key());
        assertNull(ConfigFormLogic.check(field("l", Type.LONG), List.of("9000000000")));
        assertEquals("config.error.integer", ConfigFormLogic.check(field("i", Type.INTEGER), List.of("9000000000"))
                .key());
        ConfigField ratio = field("r", Type.DOUBLE, 0, false, "0", "1", Map.of());
        assertNull(ConfigFormLogic.check(ratio, List.of("0.25")));
        assertNull(ConfigFormLogic.check(ratio, List.of("۰٫۵")), "Persian decimal separator");
        assertEquals("config.error.number", ConfigFormLogic.check(ratio, List.of("NaN")).key());
        assertEquals("config.error.max", ConfigFormLogic.check(ratio, List.of("1.01")).key());
        assertEquals("config.error.boolean", ConfigFormLogic.check(field("b", Type.BOOLEAN), List.of("yes")).key());
        assertEquals("config.error.char", ConfigFormLogic.check(field("c", Type.CHAR), List.of("ab")).key());
        ConfigField name = field("n", Type.STRING, 0, false, "3", "5", Map.of());
        assertEquals("config.error.minLength", ConfigFormLogic.check(name, List.of("ab")).key());
        assertEquals("config.error.maxLength", ConfigFormLogic.check(name, List.of("abcdef")).key());
        assertNull(ConfigFormLogic.check(name, List.of()), "empty and not required is fine");
        ConfigField mode = field("m", Type.STRING, 0, true, null, null, Map.of("fast", "Fast", "safe", "Safe"));
        assertNull(ConfigFormLogic.check(mode, List.of("safe")));
        assertEquals("config.error.option", ConfigFormLogic.check(mode, List.of("Safe")).key(),
                "the value must be an option key, not its label");
        ConfigField ports = field("ports", Type.INTEGER, 3, false, "1", "65535", Map.of());
        assertEquals("config.error.count", ConfigFormLogic.check(ports, List.of("1", "2", "3", "4")).key());
        Problem p = ConfigFormLogic.check(ports, List.of("80", "70000"));
        assertEquals("config.error.value", p.key());
        assertEquals("70000", p.args().get(0));
        assertEquals("config.error.max", ((Problem) p.args().get(1)).key());
        assertEquals("config.error.count", ConfigFormLogic.check(field("s", Type.STRING), List.of("a", "b")).key());
        ConfigField pw = field("pw", Type.PASSWORD, 0, true, null, null, Map.of());
        assertNull(ConfigFormLogic.check(pw, List.of()), "an empty password keeps the current one");
    }

    @Test
    void multiValueTextIsOneValueALine() {
        ConfigField files = field("f", Type.STRING, -100, false, null, null, Map.of());
        assertEquals(List.of("io.pishkhan.*.cfg", " users.properties"),
                ConfigFormLogic.splitLines("io.pishkhan.*.cfg\r\n\n users.properties\n  \n", files));
        ConfigField ports = field("p", Type.INTEGER, 3, false, null, null, Map.of());
        assertEquals(List.of("8181", "443"), ConfigFormLogic.splitLines(" ۸۱۸۱ \n443", ports));
        assertEquals("a\nb", ConfigFormLogic.lines(List.of("a", "b")));
        assertEquals(List.of(), ConfigFormLogic.splitLines(null, ports));
    }

    @Test
    void numberFieldValuesBecomeTheServiceText() {
        assertEquals("10", ConfigFormLogic.numberText(field("l", Type.LONG), 10.0));
        assertEquals("9000000000", ConfigFormLogic.numberText(field("l", Type.LONG), 9.0e9));
        assertEquals("0.25", ConfigFormLogic.numberText(field("d", Type.DOUBLE), 0.25));
        assertEquals("3", ConfigFormLogic.numberText(field("d", Type.FLOAT), 3.0));
        assertEquals("", ConfigFormLogic.numberText(field("d", Type.DOUBLE), null));
        assertEquals(12, ConfigFormLogic.parseInt("۱۲"));
        assertNull(ConfigFormLogic.parseInt("x"));
        assertEquals(-1.0, ConfigFormLogic.parseDouble("-1"));
    }

    @Test
    void checkAllLooksOnlyAtSubmittedFields() {
        ConfigField a = field("a", Type.INTEGER, 0, true, null, "5", Map.of());
        ConfigField b = field("b", Type.STRING, 0, true, null, null, Map.of());
        ConfigForm form = new ConfigForm("p", "P", null, null, false, List.of(a, b), Map.of());
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("a", List.of("6"));
        Map<String, Problem> problems = ConfigFormLogic.checkAll(form, values);
        assertEquals(List.of("a"), List.copyOf(problems.keySet()));
        values.put("a", List.of("5"));
        values.put("b", List.of());
        assertEquals(List.of("b"), List.copyOf(ConfigFormLogic.checkAll(form, values).keySet()));
    }

    @Test
    void formsAreSearchedByNamePidBundleAndDescription() {
        ConfigForm backup = new ConfigForm("io.pishkhan.backup", "Pishkhan backup", "Online backups",
                "io.pishkhan.backup", false, List.of(), Map.of());
        ConfigForm sentiment = new ConfigForm("io.pishkhan.analytics.sentiment", "Sentiment", "Alerts on anger",
                "io.pishkhan.analytics.sentiment", false, List.of(), Map.of());
        List<ConfigForm> all = List.of(backup, sentiment);
        assertEquals(all, ConfigFormLogic.search(all, " "));
        assertEquals(List.of(backup), ConfigFormLogic.search(all, "BACKUP"));
        assertEquals(List.of(sentiment), ConfigFormLogic.search(all, "anger"));
        assertEquals(List.of(sentiment), ConfigFormLogic.search(all, "analytics."));
        assertEquals(List.of(), ConfigFormLogic.search(all, "webchat"));
        assertEquals("Keep *", ConfigFormLogic.label(new ConfigField("keep", "Keep", null, Type.INTEGER, 0, null,
                true, null, null, null)));
        assertEquals("keep", ConfigFormLogic.label(new ConfigField("keep", null, null, Type.INTEGER, 0, null,
                false, null, null, null)));
    }

    // ------------------------------------------------------------------ audit

    static final List<AuditRecord> RECORDS = List.of(
            new AuditRecord(4, Instant.parse("2026-11-22T20:30:00Z"), "admin", "config", "io.pishkhan.backup",
                    "config.save", "pid=io.pishkhan.backup before={keep=14} after={keep=10}"),
            new AuditRecord(3, Instant.parse("2026-11-22T20:29:00Z"), "root", "plugin", "com.vendor.bot",
                    "plugin.install", "id=12"),
            new AuditRecord(2, Instant.parse("2026-11-01T10:00:00Z"), "Admin", "blacklist", "b1", "create",
                    "{\"pattern\":\"+98912*\", \"note\":\"a, \\\"quoted\\\" one\"}"),
            new AuditRecord(1, null, null, null, null, null, null));

    @Test
    void auditIsFilteredByTextActorKindAndDays() {
        assertEquals(4, AuditFilter.ALL.apply(RECORDS, TEHRAN).size());
        assertEquals(List.of(4L), seqs(new AuditFilter("KEEP=10", null, null, null, null)));
        assertEquals(List.of(3L), seqs(new AuditFilter("vendor", null, null, null, null)));
        assertEquals(List.of(4L, 2L), seqs(new AuditFilter(null, "admin", null, null, null)), "actor, any case");
        assertEquals(List.of(2L), seqs(new AuditFilter(null, null, "blacklist", null, null)));
        assertEquals(List.of(), seqs(new AuditFilter("keep", null, "plugin", null, null)), "criteria combine");
        // 2026-11-22T20:30Z is 2026-11-23 00:00 in Tehran; 20:29Z is still the 22nd there
        assertEquals(List.of(4L), seqs(new AuditFilter(null, null, null, LocalDate.of(2026, 11, 23), null)));
        assertEquals(List.of(3L, 2L), seqs(new AuditFilter(null, null, null, null, LocalDate.of(2026, 11, 22))),
                "the last day is included, a record without time is not in any range");
        assertEquals(List.of(3L), seqs(new AuditFilter(null, null, null, LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 22))));
        assertEquals(List.of("Admin", "admin", "root"), AuditFilter.distinct(RECORDS, AuditRecord::actor));
        assertEquals(List.of("blacklist", "config", "plugin"), AuditFilter.distinct(RECORDS, AuditRecord::kind));
    }

    private static List<Long> seqs(AuditFilter f) {
        return f.apply(RECORDS, TEHRAN).stream().map(AuditRecord::seq).toList();
    }

    @Test
    void auditDaysAreJalaliInPersianAndIsoInEnglish() {
        assertEquals(LocalDate.of(2026, 11, 23), AuditFilter.parseDay("۱۴۰۵/۰۹/۰۲", true));
        assertEquals(LocalDate.of(2026, 11, 23), AuditFilter.parseDay("1405-09-02", true));
        assertEquals(LocalDate.of(2026, 11, 23), AuditFilter.parseDay("2026-11-23", true),
                "a Gregorian year typed in Persian");
        assertEquals(LocalDate.of(2026, 11, 23), AuditFilter.parseDay("2026-11-23", false));
        assertThrows(IllegalArgumentException.class, () -> AuditFilter.parseDay("1405/12/31", true));
        assertThrows(IllegalArgumentException.class, () -> AuditFilter.parseDay("yesterday", false));
    }

    @Test
    void auditCsvHasBomQuotingAndNoFormulas() {
        String csv = new String(AuditFilter.csv(RECORDS.subList(0, 3)), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFseq,at,actor,kind,entity,action,detail\r\n"), csv);
        assertTrue(csv.contains("4,2026-11-22T20:30:00Z,admin,config,io.pishkhan.backup,config.save,"
                + "pid=io.pishkhan.backup before={keep=14} after={keep=10}\r\n"), csv);
        assertTrue(csv.contains("2,2026-11-01T10:00:00Z,Admin,blacklist,b1,create,"
                + "\"{\"\"pattern\"\":\"\"+98912*\"\", \"\"note\"\":\"\"a, \\\"\"quoted\\\"\" one\"\"}\"\r\n"), csv);
        String withNulls = new String(AuditFilter.csv(List.of(RECORDS.get(3))), StandardCharsets.UTF_8);
        assertTrue(withNulls.endsWith("\r\n1,,,,,,\r\n"), withNulls);
        List<List<String>> formula = AuditFilter.csvRows(List.of(new AuditRecord(9, null, "=HYPERLINK(1)", "k",
                "e", "a", "d")));
        assertEquals("'=HYPERLINK(1)", Csv.field(formula.get(0).get(2)));
        assertEquals("a b c", AuditFilter.preview(" a\n b\tc ", 10));
        assertEquals("abcd…", AuditFilter.preview("abcdefgh", 5));
        assertEquals("", AuditFilter.preview(null, 5));
    }

    // ------------------------------------------------------------------ plugins and backups

    static PluginInfo plugin(long id, String name, List<String> kinds, String state, boolean healthy,
            String problem) {
        return new PluginInfo(id, "bsn." + id, name, "1.0", "V", kinds, state, healthy, problem, "loc");
    }

    @Test
    void pluginsAreGroupedByKindThenName() {
        PluginInfo web = plugin(1, "Web chat", List.of("channel"), "ACTIVE", true, null);
        PluginInfo mail = plugin(2, "email", List.of("channel"), "ACTIVE", true, null);
        PluginInfo skills = plugin(3, "Skills", List.of("routing"), "RESOLVED", true, null);
        PluginInfo kpi = plugin(4, "KPI", List.of("analytics", "bot"), "ACTIVE", true, null);
        PluginInfo odd = plugin(5, null, List.of("teleport"), "INSTALLED", false, null);
        PluginInfo bot = plugin(6, "Assistant", List.of("bot"), "ACTIVE", true, null);
        List<PluginInfo> all = List.of(odd, kpi, skills, web, mail, bot);
        assertEquals(List.of(2L, 1L, 3L, 6L, 4L, 5L), AdminText.sorted(all).stream().map(PluginInfo::id).toList(),
                "channel, routing, bot, analytics, other; names in any case");
        assertEquals("bot", AdminText.primaryKind(kpi), "the first kind in grid order");
        assertEquals("other", AdminText.primaryKind(odd));
        assertEquals(List.of(6L, 4L), AdminText.ofKind(all, "bot").stream().map(PluginInfo::id).toList());
        assertEquals(List.of(5L), AdminText.ofKind(all, "other").stream().map(PluginInfo::id).toList());
        assertEquals(6, AdminText.ofKind(all, "").size());
        assertEquals("bsn.5", AdminText.displayName(odd));
        assertEquals("", AdminText.problem(web, "?"));
        assertEquals("?", AdminText.problem(odd, "?"), "unhealthy without a reason");
        assertEquals("missing configuration", AdminText.problem(plugin(7, "x", List.of(), "ACTIVE", false,
                "missing configuration"), "?"));
        assertTrue(AdminText.mayStop(web));
        assertFalse(AdminText.mayStart(web));
        assertTrue(AdminText.mayStart(skills));
        assertFalse(AdminText.mayStop(skills));
        assertTrue(AdminText.mayStart(odd));
        assertTrue(AdminText.accepted("Plugin.JAR", AdminText.PLUGIN_FILES));
        assertTrue(AdminText.accepted("feature.kar", AdminText.PLUGIN_FILES));
        assertFalse(AdminText.accepted("notes.txt", AdminText.PLUGIN_FILES));
        assertFalse(AdminText.accepted(null, AdminText.PLUGIN_FILES));
    }

    @Test
    void backupSizesDatesAndContentsReadWell() {
        assertEquals("512 B", AdminText.size(512, false));
        assertEquals("2 KB", AdminText.size(2048, false));
        assertEquals("3.3 MB", AdminText.size(3 * 1024 * 1024 + 300 * 1024, false));
        assertEquals("1.5 GB", AdminText.size(1536L * 1024 * 1024, false));
        assertEquals("۳٫۳ مگابایت", AdminText.size(3 * 1024 * 1024 + 300 * 1024, true));
        assertEquals("۵۱۲ بایت", AdminText.size(512, true));
        Backup older = new Backup("a", Instant.parse("2026-11-20T00:00:00Z"), "/a", 1,
                List.of("database/pishkhan", "etc/io.pishkhan.core.cfg", "etc/users.properties"));
        Backup newer = new Backup("b", Instant.parse("2026-11-22T00:00:00Z"), "/b", 1, List.of("database/pishkhan"));
        assertEquals(List.of(newer, older), AdminText.newestFirst(List.of(older, newer)));
        assertEquals("database, 2 files in etc/", AdminText.contents(older, false));
        assertEquals("پایگاه داده، ۲ پرونده از etc/", AdminText.contents(older, true));
        assertEquals("database", AdminText.contents(newer, false));
        // the grid's date column: Jalali with Persian digits in Persian, ISO in English (Tehran time)
        assertEquals("۱۴۰۵/۰۹/۰۱ ۰۳:۳۰", Dates.format(newer.createdAt(), TEHRAN, true));
        assertEquals("2026-11-22 03:30", Dates.format(newer.createdAt(), TEHRAN, false));
    }

    // ------------------------------------------------------------------ users and tokens

    @Test
    void userAndTokenStatesAndChecks() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        io.pishkhan.api.security.User u = io.pishkhan.api.security.User.of("A", null, java.util.Set.of("admin",
                "agent", "x"), null, null);
        assertEquals("a", u.name());
        assertEquals("active", SecurityText.userState(u, now));
        assertEquals("agent, admin, x", SecurityText.roles(u.roles()));
        assertEquals("locked", SecurityText.userState(new io.pishkhan.api.security.User("a", null, null, null, null,
                false, true, 5, now.plusSeconds(1), null, null), now));
        assertEquals("mustChange", SecurityText.userState(new io.pishkhan.api.security.User("a", null, null, null,
                null, false, true, 5, now.minusSeconds(1), null, null), now));
        assertEquals("disabled", SecurityText.userState(new io.pishkhan.api.security.User("a", null, null, null,
                null, true, false, 0, null, null, null), now));
        assertEquals("users.password.short", assertThrows(InputException.class,
                () -> SecurityText.checkPassword("1234567", "1234567", 8)).key());
        assertEquals("users.password.mismatch", assertThrows(InputException.class,
                () -> SecurityText.checkPassword("12345678", "12345679", 8)).key());
        SecurityText.checkPassword("12345678", "12345678", 8);

        io.pishkhan.api.security.ApiToken active = new io.pishkhan.api.security.ApiToken("1", "n", "agent", "a",
                now, null, null, null);
        assertEquals("active", SecurityText.tokenState(active, now));
        assertEquals("expired", SecurityText.tokenState(new io.pishkhan.api.security.ApiToken("1", "n", "agent", "a",
                now, now, null, null), now));
        assertEquals("revoked", SecurityText.tokenState(new io.pishkhan.api.security.ApiToken("1", "n", "agent", "a",
                now, null, now, null), now));
        assertNull(SecurityText.expiry(" ", true, TEHRAN, now));
        assertEquals(Instant.parse("2026-11-23T20:30:00Z"), SecurityText.expiry("۱۴۰۵/۰۹/۰۲", true, TEHRAN, now),
                "the end of the day in Tehran");
        assertEquals(Instant.parse("2026-11-23T20:30:00Z"), SecurityText.expiry("2026-11-23", false, TEHRAN, now));
        assertEquals("tokens.expiry.past", assertThrows(InputException.class,
                () -> SecurityText.expiry("2026-11-22", false, TEHRAN, now)).key());
        assertEquals("tokens.expiry.bad", assertThrows(InputException.class,
                () -> SecurityText.expiry("soon", false, TEHRAN, now)).key());
    }
}
