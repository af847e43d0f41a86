package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.Holiday;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.DryRunCsv;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin screens built and driven on the server side against in-memory services. */
class ViewSmokeTest {
    private static final ConsoleUser ADMIN = new ConsoleUser("admin", Set.of("admin"));
    private static final ConsoleUser SUPERVISOR = new ConsoleUser("sam", Set.of("supervisor"));

    @SuppressWarnings("unchecked")
    private static <V> void set(Component root, String id, V value) {
        ((HasValue<?, V>) get(root, id)).setValue(value);
    }

    private static void click(Component root, String id) {
        ((Button) get(root, id)).click();
    }

    private static String text(Component root, String id) {
        return ((HasText) get(root, id)).getText();
    }

    private static String kind(Component root, String id) {
        return get(root, id).getElement().getAttribute("data-kind");
    }

    private static <T> List<T> items(Component root, String id) {
        Grid<T> g = get(root, id);
        return g.getListDataView().getItems().toList();
    }

    @Test
    void screensSayNotInstalledWithoutPlugins() {
        FakeConsole c = new FakeConsole(false);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            RoutingDirectoryView d = h.show(new RoutingDirectoryView());
            assertEquals("مدیریت مسیریابی نصب نشده است (سرویس مدیریت فهرست در دسترس نیست).",
                    text(d, "directory-missing"));
            assertFalse(find(d, "queue-save").isPresent());
            assertEquals(1, items(d, "queues-admin-grid").size(), "the directory itself is still shown");
            assertTrue(find(h.show(new RulesView()), "rules-missing").isPresent());
            assertTrue(find(h.show(new BlacklistView()), "blacklist-missing").isPresent());
            assertTrue(find(h.show(new BusinessHoursView()), "hours-missing").isPresent());
        }
    }

    @Test
    void adminSavesQueuesAndAgentsAndSeesRefusalsAsErrors() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            RoutingDirectoryView v = h.show(new RoutingDirectoryView());
            set(v, "queue-id", "vip");
            set(v, "queue-name", "VIP");
            set(v, "queue-priority", 70);
            set(v, "queue-strategy", "skills");
            set(v, "queue-sla-percent", 90);
            set(v, "queue-sla-seconds", 15);
            set(v, "queue-fallback", "general");
            click(v, "queue-save");
            assertEquals("ok", kind(v, "routing-status"), text(v, "routing-status"));
            assertEquals(new Queue("vip", "VIP", 70, "skills", 90, 15, "general", null), c.directory.queues.get("vip"));
            assertEquals("admin", c.directory.audit.records.get(0).actor());
            assertEquals(2, items(v, "queues-admin-grid").size());
            assertEquals(1, items(v, "directory-audit-grid").size());

            click(v, "queue-new");
            set(v, "queue-id", "x");
            set(v, "queue-priority", 101);
            click(v, "queue-save");
            assertEquals("error", kind(v, "routing-status"));
            assertEquals("اولویت (۰ تا ۱۰۰): ۱۰۱ بیرون از بازهٔ ۰ تا ۱۰۰ است.", text(v, "routing-status"));

            set(v, "agent-id", "bob");
            set(v, "agent-skills", "cards:۸, loans:5");
            set(v, "agent-capacity", 3);
            click(v, "agent-save");
            assertEquals("error", kind(v, "routing-status"));
            assertEquals("unknown skill loans", text(v, "routing-status"), "the service's refusal, as it said it");
            assertFalse(c.directory.agents.containsKey("bob"));

            set(v, "agent-skills", "cards:11");
            click(v, "agent-save");
            assertEquals("«cards:11»: عدد باید از ۱ تا ۱۰ باشد.", text(v, "routing-status"));

            set(v, "agent-skills", "cards:8");
            set(v, "agent-queues", "general, vip");
            set(v, "agent-channel-capacity", "webchat:3, voice:1");
            click(v, "agent-save");
            assertEquals("ok", kind(v, "routing-status"), text(v, "routing-status"));
            assertEquals(new Agent("bob", "bob", Map.of("cards", 8), Set.of("general", "vip"), 3, Presence.OFFLINE,
                    Map.of("webchat", 3, "voice", 1)), c.directory.agents.get("bob"));
        }
    }

    @Test
    void supervisorsSeeTheDirectoryWithoutForms() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, SUPERVISOR, ConsoleI18N.EN)) {
            RoutingDirectoryView v = h.show(new RoutingDirectoryView());
            assertFalse(find(v, "queue-save").isPresent());
            assertFalse(find(v, "agent-form").isPresent());
            assertEquals(1, items(v, "agents-admin-grid").size());
            RulesView r = h.show(new RulesView());
            assertFalse(find(r, "rules-deploy").isPresent());
            assertTrue(find(r, "rules-validate").isPresent());
            assertTrue(find(h.show(new BlacklistView()), "blacklist-grid").isPresent());
            assertFalse(find(h.show(new BlacklistView()), "bl-add").isPresent());
            assertFalse(find(h.show(new BusinessHoursView()), "hours-save").isPresent());
        }
    }

    @Test
    void rulesAreValidatedDryRunDeployedAndCanaried() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            RulesView v = h.show(new RulesView());
            assertEquals(RulesView.SAMPLE, ((HasValue<?, ?>) get(v, "rules-source")).getValue());
            assertEquals("هیچ مجموعه‌قاعده‌ای مستقر نیست: پیش‌فرض‌های تریاژ به کار می‌روند.",
                    text(v, "rules-deployment"));
            String bad = "{\n \"rules\": [\n  {\"queue\": \"nope\"}\n ]\n}";
            set(v, "rules-source", bad);
            click(v, "rules-validate");
            assertEquals("خط ۳: unknown queue nope", text(v, "rules-problem-0"));
            assertEquals("error", kind(v, "rules-status"));

            set(v, "deploy-comment", "first");
            click(v, "rules-deploy");
            assertTrue(c.rules.versions.isEmpty(), "refused");
            assertEquals("خط ۳: unknown queue nope", text(v, "rules-problem-0"));

            String good = "{ \"rules\": [] }";
            set(v, "rules-source", good);
            click(v, "rules-validate");
            assertTrue(find(v, "rules-valid").isPresent());

            // dry run on history: the view asks for 7 days and 500 cases
            c.conversations.history = List.of(
                    DryRunCsv.toCase("c1", "I am vip", null, 0, null, "general", Instant.now()),
                    DryRunCsv.toCase("c2", "hello", null, 0, null, "general", Instant.now()),
                    DryRunCsv.toCase("c3", "boom", null, 0, null, "general", Instant.now()));
            click(v, "dryrun-run");
            assertEquals(500, c.conversations.askedLimit);
            Duration back = Duration.between(c.conversations.askedSince, Instant.now());
            assertTrue(back.compareTo(Duration.ofDays(7).minusMinutes(1)) > 0 && back.compareTo(Duration.ofDays(7)
                    .plusMinutes(1)) < 0, back.toString());
            Component summary = get(v, "dryrun-summary");
            assertEquals("3", summary.getElement().getAttribute("data-cases"));
            assertEquals("2", summary.getElement().getAttribute("data-changed"), "vip and the failed one");
            assertEquals("1", summary.getElement().getAttribute("data-failed"));
            assertEquals("۳ نمونه: ۲ به صف دیگری می‌رفت، ۱ خطا داشت.", text(v, "dryrun-summary"));
            assertEquals(3, items(v, "dryrun-grid").size());

            // deploy needs a comment
            set(v, "deploy-comment", " ");
            click(v, "rules-deploy");
            assertEquals("error", kind(v, "rules-status"));
            assertTrue(c.rules.versions.isEmpty());
            set(v, "deploy-comment", "empty rule set");
            click(v, "rules-deploy");
            assertEquals(1, c.rules.deployment().activeVersion());
            assertEquals("admin", c.rules.versions.get(0).author());
            assertEquals("empty rule set", c.rules.versions.get(0).comment());
            assertTrue(text(v, "rules-deployment").startsWith("فعال: نسخهٔ ۱، توسط admin"), text(v, "rules-deployment"));
            assertFalse(get(v, "canary-promote").isVisible());

            set(v, "canary-percent", 10);
            set(v, "canary-comment", "try");
            click(v, "canary-start");
            assertEquals(2, c.rules.deployment().canaryVersion());
            assertEquals(10, c.rules.deployment().canaryPercent());
            assertTrue(get(v, "canary-promote").isVisible());
            assertTrue(text(v, "rules-deployment").contains("آزمایشی: نسخهٔ ۲ روی ۱۰٪"), text(v, "rules-deployment"));
            click(v, "canary-promote");
            assertEquals(2, c.rules.deployment().activeVersion());
            assertEquals(0, c.rules.deployment().canaryVersion());
            assertFalse(get(v, "canary-stop").isVisible());
            assertEquals(2, items(v, "versions-grid").size());

            // a new view starts with the active version's source
            assertEquals(good, ((HasValue<?, ?>) get(h.show(new RulesView()), "rules-source")).getValue());
        }
    }

    @Test
    void blacklistEntriesAreAddedWithTheServiceProblemsShown() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, Locale.ENGLISH)) {
            BlacklistView v = h.show(new BlacklistView());
            set(v, "bl-pattern", "*");
            click(v, "bl-add");
            assertEquals("error", kind(v, "blacklist-status"));
            assertEquals("a pattern of only * would block everyone", text(v, "blacklist-status"));

            set(v, "bl-action", BlacklistEntry.Action.LOW_PRIORITY);
            set(v, "bl-pattern", "+98912*");
            click(v, "bl-add");
            assertEquals("Choose the queue for low-priority conversations.", text(v, "blacklist-status"));
            set(v, "bl-queue", "general");
            set(v, "bl-comment", "spam calls");
            click(v, "bl-add");
            assertEquals("ok", kind(v, "blacklist-status"), text(v, "blacklist-status"));
            BlacklistEntry e = c.blacklist.entries.get(0);
            assertEquals("phone", e.kind());
            assertEquals("+98912*", e.pattern());
            assertEquals("general", e.queueId());
            assertEquals("admin", e.createdBy());
            assertEquals("spam calls", e.comment());
            assertEquals(1, items(v, "blacklist-grid").size());
            assertEquals(1, items(v, "blacklist-audit-grid").size());
        }
    }

    @Test
    void businessHoursAreEditedWithJalaliDatesInPersianAndGregorianInEnglish() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            BusinessHoursView v = h.show(new BusinessHoursView());
            assertTrue(text(v, "hours-today").matches("امروز: [۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}"), text(v, "hours-today"));
            set(v, "hours-id", "office");
            set(v, "hours-day-SATURDAY", "۰۸:۰۰-۱۷:۰۰");
            set(v, "hours-day-FRIDAY", "");
            set(v, "hours-holidays", "۱۴۰۴/۰۱/۱۳ | سیزده‌بدر\n۰۱/۰۱..۰۱/۰۴ | نوروز");
            set(v, "hours-special", "۱۴۰۴/۰۹/۳۰ | ۱۶:۰۰-۲۴:۰۰ | شب یلدا");
            set(v, "hours-day-MONDAY", "17:00-08:00");
            click(v, "hours-save");
            assertEquals("error", kind(v, "hours-status"));
            assertEquals("MONDAY: 17:00-08:00 is not an interval", text(v, "hours-problem-0"));
            assertTrue(c.hours.schedules.isEmpty());

            set(v, "hours-day-MONDAY", "08:00-17:00");
            set(v, "hours-comment", "new office hours");
            click(v, "hours-save");
            assertEquals("ok", kind(v, "hours-status"), text(v, "hours-status"));
            BusinessHours s = c.hours.schedules.get("office");
            assertNotNull(s);
            assertEquals(List.of("08:00-17:00"), s.weekly().get(DayOfWeek.SATURDAY));
            assertFalse(s.weekly().containsKey(DayOfWeek.FRIDAY));
            assertEquals(List.of(new Holiday("1404-01-13", "سیزده‌بدر"), new Holiday("01-01..01-04", "نوروز")),
                    s.holidays());
            assertEquals("1404-09-30", s.specialHours().get(0).date());
            assertEquals("Asia/Tehran", s.timeZone());
            assertEquals("۱۴۰۴/۰۱/۱۳ | سیزده‌بدر\n۰۱/۰۱..۰۱/۰۴ | نوروز",
                    ((HasValue<?, ?>) get(v, "hours-holidays")).getValue());
        }
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            BusinessHoursView v = h.show(new BusinessHoursView());
            v.edit(c.hours.schedules.get("office"));
            assertEquals("2025-04-02 | سیزده‌بدر\n01-01..01-04 | نوروز",
                    ((HasValue<?, ?>) get(v, "hours-holidays")).getValue());
            assertEquals("2025-12-21 | 16:00-24:00 | شب یلدا", ((HasValue<?, ?>) get(v, "hours-special")).getValue());
            assertEquals("08:00-17:00", ((HasValue<?, ?>) get(v, "hours-day-SATURDAY")).getValue());
        }
    }
}
