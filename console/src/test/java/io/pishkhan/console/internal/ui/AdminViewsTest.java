package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The admin screens (plugins, configuration, audit, backups) built and driven on the server against fakes. */
class AdminViewsTest {
    private static final ConsoleUser ADMIN = new ConsoleUser("admin", Set.of("admin"));

    static FakeConsole console() {
        FakeConsole c = new FakeConsole(true);
        c.pluginService = new AdminFakes.Plugins();
        c.configurationService = new AdminFakes.Configuration();
        c.backupService = new AdminFakes.Backups();
        c.configStore = new AdminFakes.Store();
        return c;
    }

    @SuppressWarnings("unchecked")
    private static <V> void set(Component root, String id, V value) {
        ((HasValue<?, V>) get(root, id)).setValue(value);
    }

    private static void click(Component root, String id) {
        ((Button) deep(root.getElement(), id).orElseThrow(() -> new AssertionError("no element #" + id))).click();
    }

    /** The component with this id under the element, virtual children (a dialog's footer) included. */
    static java.util.Optional<Component> deep(com.vaadin.flow.dom.Element e, String id) {
        if (id.equals(e.getAttribute("id")) && e.getComponent().isPresent()) {
            return e.getComponent();
        }
        List<com.vaadin.flow.dom.Element> children = new java.util.ArrayList<>(e.getChildren().toList());
        var virtual = e.getNode().hasFeature(com.vaadin.flow.internal.nodefeature.VirtualChildrenList.class)
                ? e.getNode().getFeatureIfInitialized(com.vaadin.flow.internal.nodefeature.VirtualChildrenList.class)
                : java.util.Optional.<com.vaadin.flow.internal.nodefeature.VirtualChildrenList>empty();
        virtual.ifPresent(v -> {
            for (int i = 0; i < v.size(); i++) {
                children.add(com.vaadin.flow.dom.Element.get(v.get(i)));
            }
        });
        for (com.vaadin.flow.dom.Element c : children) {
            java.util.Optional<Component> found = deep(c, id);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
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

    /** The open dialog with this id (dialogs are attached to the UI, not the view). */
    private static Dialog dialog(ViewHarness h, String id) {
        // an opened dialog attaches itself to the UI just before the response
        h.ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return (Dialog) find(h.ui, id).orElseThrow(() -> new AssertionError("no dialog #" + id));
    }

    /** Renders a component column's cell for an item (the grid's renderer, without a browser). */
    @SuppressWarnings("unchecked")
    private static <T> Component cell(Grid<T> grid, int column, T item) {
        var renderer = (com.vaadin.flow.data.renderer.ComponentRenderer<Component, T>) grid.getColumns().get(column)
                .getRenderer();
        return renderer.createComponent(item);
    }

    // ------------------------------------------------------------------ configuration form builder

    @Test
    void formBuilderMapsEachFieldToItsComponent() {
        FakeConsole c = console();
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            ConfigForm form = AdminFakes.Configuration.form(Map.of("keep", List.of("14"),
                    "secret", List.of("********")));
            ConfigFormBuilder b = new ConfigFormBuilder(form, ConsoleI18N.EN);
            h.show(b.layout());
            TextField dir = get(b.layout(), "cfg-directory");
            assertEquals("backups", dir.getValue(), "default when the form has no value");
            assertTrue(dir.isRequiredIndicatorVisible());
            assertEquals("Where backups go", dir.getHelperText());
            PasswordField secret = get(b.layout(), "cfg-secret");
            assertEquals("", secret.getValue(), "a password is never prefilled");
            assertEquals("set (leave empty to keep it)", secret.getPlaceholder());
            IntegerField keep = get(b.layout(), "cfg-keep");
            assertEquals(14, keep.getValue());
            assertEquals(0, keep.getMin());
            assertEquals(1000, keep.getMax());
            assertTrue(keep.getHelperText().contains("from 0 to 1000"), keep.getHelperText());
            NumberField maxBytes = get(b.layout(), "cfg-maxBytes");
            assertEquals(1048576.0, maxBytes.getValue());
            assertEquals(1.0, maxBytes.getMin());
            NumberField ratio = get(b.layout(), "cfg-ratio");
            assertEquals(1.0, ratio.getMax());
            assertInstanceOf(Checkbox.class, get(b.layout(), "cfg-enabled"));
            assertTrue(((Checkbox) get(b.layout(), "cfg-enabled")).getValue());
            Select<String> mode = get(b.layout(), "cfg-mode");
            assertEquals("safe", mode.getValue());
            assertEquals("Fast", mode.getItemLabelGenerator().apply("fast"));
            MultiSelectComboBox<String> days = get(b.layout(), "cfg-days");
            assertEquals(Set.of("sat", "sun"), days.getValue());
            TextArea files = get(b.layout(), "cfg-etcFiles");
            assertEquals("io.pishkhan.*.cfg\nusers.properties", files.getValue());
            assertTrue(files.getHelperText().contains("one value a line"));
            TextArea ports = get(b.layout(), "cfg-ports");
            assertEquals("8181", ports.getValue());
            assertTrue(ports.getHelperText().contains("at most 3"), ports.getHelperText());
            assertEquals(10, b.editors().size(), "one editor per field, none hard-coded");
        }
    }

    @Test
    void formBuilderConvertsValuesIncludingMultiValue() {
        FakeConsole c = console();
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            ConfigFormBuilder b = new ConfigFormBuilder(AdminFakes.Configuration.form(Map.of()), ConsoleI18N.FA);
            h.show(b.layout());
            Map<String, List<String>> v = b.values();
            assertFalse(v.containsKey("secret"), "an empty password is not sent: the service keeps it");
            assertEquals(List.of("14"), v.get("keep"));
            assertEquals(List.of("1048576"), v.get("maxBytes"), "a LONG without a decimal point");
            assertEquals(List.of("0.25"), v.get("ratio"));
            assertEquals(List.of("true"), v.get("enabled"));
            set(b.layout(), "cfg-secret", "s3cret");
            set(b.layout(), "cfg-enabled", false);
            set(b.layout(), "cfg-days", new LinkedHashSet<>(List.of("mon", "sat")));
            set(b.layout(), "cfg-etcFiles", "a.cfg\n\n  b.cfg\n");
            set(b.layout(), "cfg-ports", "۸۰\n443");
            set(b.layout(), "cfg-directory", "");
            set(b.layout(), "cfg-maxBytes", null);
            v = b.values();
            assertEquals(List.of("s3cret"), v.get("secret"));
            assertEquals(List.of("false"), v.get("enabled"));
            assertEquals(List.of("sat", "mon"), v.get("days"), "in the order of the options");
            assertEquals(List.of("a.cfg", "  b.cfg"), v.get("etcFiles"));
            assertEquals(List.of("80", "443"), v.get("ports"), "Persian digits become Latin");
            assertEquals(List.of(), v.get("directory"));
            assertEquals(List.of(), v.get("maxBytes"));
        }
    }

    @Test
    void invalidInputShowsTheErrorOnTheField() {
        FakeConsole c = console();
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            ConfigFormBuilder b = new ConfigFormBuilder(AdminFakes.Configuration.form(Map.of()), ConsoleI18N.EN);
            h.show(b.layout());
            assertTrue(b.check());
            set(b.layout(), "cfg-keep", 5000);
            set(b.layout(), "cfg-directory", "");
            set(b.layout(), "cfg-ports", "80\n70000");
            set(b.layout(), "cfg-ratio", 2.0);
            assertFalse(b.check());
            assertEquals("Must be at most 1000.", ((HasValidation) get(b.layout(), "cfg-keep")).getErrorMessage());
            assertTrue(((HasValidation) get(b.layout(), "cfg-keep")).isInvalid());
            assertEquals("A value is required.", b.editor("directory").error());
            assertEquals("\"70000\": Must be at most 65535.", b.editor("ports").error());
            assertEquals("Must be at most 1.", b.editor("ratio").error());
            assertNull(b.editor("mode").error());
            set(b.layout(), "cfg-ports", "1\n2\n3\n4");
            set(b.layout(), "cfg-keep", 10);
            b.check();
            assertEquals("At most 3 values.", b.editor("ports").error());
            assertNull(b.editor("keep").error(), "a corrected field is cleared");
            // the service's errors go on their fields; unknown ids come back
            Map<String, String> rest = b.showErrors(Map.of("directory", "must not be /etc", "nope", "unknown field"));
            assertEquals("must not be /etc", b.editor("directory").error());
            assertNull(b.editor("ports").error());
            assertEquals(Map.of("nope", "unknown field"), rest);
        }
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            ConfigFormBuilder b = new ConfigFormBuilder(AdminFakes.Configuration.form(Map.of()), ConsoleI18N.FA);
            h.show(b.layout());
            set(b.layout(), "cfg-ports", "1\n2\n3\n4");
            assertFalse(b.check());
            assertEquals("حداکثر ۳ مقدار.", b.editor("ports").error());
        }
    }

    @Test
    void settingsSavesWithTheActorOrShowsTheServiceErrors() {
        FakeConsole c = console();
        AdminFakes.Configuration cfg = (AdminFakes.Configuration) c.configurationService;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            SettingsView v = h.show(new SettingsView());
            assertEquals(2, items(v, "settings-forms").size());
            set(v, "settings-search", "sentiment");
            assertEquals(List.of("io.pishkhan.analytics.sentiment"), AdminViewsTest.<ConfigForm>items(v,
                    "settings-forms").stream().map(ConfigForm::pid).toList());
            v.open("io.pishkhan.backup");
            assertEquals("Pishkhan backup", text(v, "settings-title"));
            // client-side check: nothing is sent
            set(v, "cfg-keep", 5000);
            click(v, "settings-save");
            assertEquals("error", kind(v, "settings-status"));
            assertTrue(cfg.saved.isEmpty());
            // the service refuses: error on the field, nothing saved
            set(v, "cfg-keep", 10);
            set(v, "cfg-directory", "/etc");
            click(v, "settings-save");
            assertEquals("error", kind(v, "settings-status"));
            assertEquals("must not be /etc", v.builder().editor("directory").error());
            assertTrue(cfg.saved.isEmpty());
            // saved
            set(v, "cfg-directory", "/var/backups");
            click(v, "settings-save");
            assertEquals("ok", kind(v, "settings-status"));
            assertEquals("Pishkhan backup saved; the change is in effect.", text(v, "settings-status"));
            assertEquals(List.of("admin"), cfg.actors);
            assertEquals(List.of("10"), cfg.saved.get(0).get("keep"));
            assertFalse(cfg.saved.get(0).containsKey("secret"));
            // the form is drawn again from what the service returned
            assertEquals(10, ((IntegerField) get(v, "cfg-keep")).getValue());
            assertEquals("/var/backups", ((TextField) get(v, "cfg-directory")).getValue());
            v.open("io.pishkhan.none");
            assertEquals("There is no configuration form io.pishkhan.none.", text(v, "settings-status"));
        }
    }

    @Test
    void adminScreensSayNotInstalled() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            assertTrue(find(h.show(new PluginsView()), "plugins-missing").isPresent());
            assertTrue(find(h.show(new SettingsView()), "settings-missing").isPresent());
            assertTrue(find(h.show(new AuditView()), "audit-missing").isPresent());
            assertTrue(find(h.show(new BackupsView()), "backups-missing").isPresent());
            assertTrue(find(h.show(new UsersView()), "users-missing").isPresent());
            assertTrue(find(h.show(new TokensView()), "tokens-missing").isPresent());
        }
    }

    // ------------------------------------------------------------------ plugins

    @Test
    void pluginsAreListedByKindWithHealthAndActionsRefreshTheList() {
        FakeConsole c = console();
        AdminFakes.Plugins fake = (AdminFakes.Plugins) c.pluginService;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            PluginsView v = h.show(new PluginsView());
            List<PluginInfo> rows = items(v, "plugins-grid");
            assertEquals(List.of(10L, 11L, 12L, 13L), rows.stream().map(PluginInfo::id).toList());
            assertEquals("4 plugins", text(v, "plugins-count"));
            Grid<PluginInfo> grid = get(v, "plugins-grid");
            assertEquals("Channel", v.kindLabel("channel"));
            Span bad = v.health(rows.get(2));
            assertEquals("component com.vendor.bot.Engine: missing configuration", bad.getText());
            assertEquals("false", bad.getElement().getAttribute("data-healthy"));
            assertEquals("var(--lumo-error-text-color)", bad.getStyle().get("color"));
            assertEquals("Healthy", v.health(rows.get(0)).getText());
            assertEquals("Stopped", v.stateLabel("RESOLVED"));
            assertEquals("WEIRD", v.stateLabel("WEIRD"));

            set(v, "plugins-kind", "routing");
            assertEquals(List.of(11L), AdminViewsTest.<PluginInfo>items(v, "plugins-grid").stream()
                    .map(PluginInfo::id).toList());
            set(v, "plugins-kind", "");

            // start the stopped one
            Component actions = cell(grid, 6, rows.get(1));
            click(actions, "plugin-start-11");
            assertEquals("ok", kind(v, "plugins-status"));
            assertTrue(fake.calls.contains("start 11"));
            assertEquals("ACTIVE", AdminViewsTest.<PluginInfo>items(v, "plugins-grid").get(1).state());

            // stop: confirmed, refused with the reason
            click(cell(grid, 6, rows.get(0)), "plugin-stop-10");
            click(dialog(h, "plugin-confirm"), "plugin-confirm-ok");
            assertEquals("error", kind(v, "plugins-status"));
            assertEquals("Refused: the core needs a channel: the web chat cannot be stopped now",
                    text(v, "plugins-status"));

            // uninstall: cancel does nothing, confirm removes it
            click(cell(grid, 6, rows.get(2)), "plugin-uninstall-12");
            click(dialog(h, "plugin-confirm"), "plugin-confirm-cancel");
            assertFalse(fake.calls.contains("uninstall 12"));
            click(cell(grid, 6, rows.get(2)), "plugin-uninstall-12");
            assertTrue(text(dialog(h, "plugin-confirm"), "plugin-confirm-text").contains("Vendor bot"));
            click(dialog(h, "plugin-confirm"), "plugin-confirm-ok");
            assertTrue(fake.calls.contains("uninstall 12"));
            assertEquals(3, items(v, "plugins-grid").size());
        }
    }

    @Test
    void uploadsThatAreNotPluginsAreRefusedWithTheReason() {
        FakeConsole c = console();
        AdminFakes.Plugins fake = (AdminFakes.Plugins) c.pluginService;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            PluginsView v = h.show(new PluginsView());
            assertTrue(find(v, "plugin-upload").isPresent());
            v.install("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("Refused: \"notes.txt\" is not a .jar, .kar or .zip file.", text(v, "plugins-status"));
            assertTrue(fake.calls.isEmpty(), "the service is not asked");
            v.install("fake.jar", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("error", kind(v, "plugins-status"));
            assertEquals("Refused: fake.jar is not an OSGi bundle (no manifest)", text(v, "plugins-status"));
            v.install("good.jar", new byte[] {'P', 'K', 3, 4});
            assertEquals("ok", kind(v, "plugins-status"));
            assertEquals("New plugin 1.0.0 installed and started.", text(v, "plugins-status"));
            assertEquals(5, items(v, "plugins-grid").size());
            v.update(fake.plugins.get(0), "new.jar", new byte[] {'P', 'K'});
            assertTrue(fake.calls.contains("update 10"));
            assertEquals("Pishkhan web chat updated.", text(v, "plugins-status"));
        }
    }

    // ------------------------------------------------------------------ audit

    @Test
    void auditIsSearchedAndExported() throws Exception {
        FakeConsole c = console();
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            AuditView v = h.show(new AuditView());
            assertEquals(3, items(v, "audit-grid").size());
            assertEquals("۳ از ۳ رکورد", text(v, "audit-count"));
            set(v, "audit-text", "keep=10");
            assertEquals(List.of(3L), v.shown().stream().map(AuditRecord::seq).toList());
            set(v, "audit-text", "");
            set(v, "audit-kind", "plugin");
            assertEquals(List.of(2L), v.shown().stream().map(AuditRecord::seq).toList());
            set(v, "audit-kind", null);
            set(v, "audit-actor", "admin");
            assertEquals(2, v.shown().size());
            // Jalali days in Persian: 1405/09/01 = 2026-11-22
            set(v, "audit-from", "۱۴۰۵/۰۹/۰۱");
            assertEquals(List.of(3L), v.shown().stream().map(AuditRecord::seq).toList());
            set(v, "audit-from", "not a day");
            assertTrue(((TextField) get(v, "audit-from")).isInvalid());
            assertEquals(2, v.shown().size(), "an unreadable day filters nothing");
            // the CSV is what is shown
            byte[] csv = io.pishkhan.console.internal.logic.AuditFilter.csv(v.shown());
            String s = new String(csv, StandardCharsets.UTF_8);
            assertTrue(s.contains("io.pishkhan.backup") && s.contains("=cmd|") && !s.contains("plugin.install"), s);
            assertTrue(find(v, "audit-csv").isPresent());
        }
    }

    // ------------------------------------------------------------------ backups

    @Test
    void backupsAreListedTakenScheduledAndDeleted() {
        FakeConsole c = console();
        AdminFakes.Backups fake = (AdminFakes.Backups) c.backupService;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            BackupsView v = h.show(new BackupsView());
            List<Backup> rows = v.items();
            assertEquals(List.of("20261122-030000-000", "20261120-030000-000"), rows.stream().map(Backup::id).toList(),
                    "newest first");
            assertEquals("هیچ بازگردانی در انتظار نیست.", text(v, "backups-pending"));
            click(v, "backup-now");
            assertEquals("ok", kind(v, "backups-status"));
            assertEquals("پشتیبان 20261123-120000-000 گرفته شد (۲ کیلوبایت).", text(v, "backups-status"));
            assertEquals(3, v.items().size());
            assertTrue(((Button) get(v, "backup-now")).isEnabled());

            Grid<Backup> grid = get(v, "backups-grid");
            Component actions = cell(grid, 4, rows.get(1));
            assertTrue(find(actions, "backup-download-20261120-030000-000").isPresent());
            click(actions, "backup-restore-20261120-030000-000");
            String explanation = text(dialog(h, "backup-confirm"), "backup-confirm-text");
            assertTrue(explanation.contains("bin/pishkhan start") && explanation.contains("۱۴۰۵/۰۸/۲۹"), explanation);
            click(dialog(h, "backup-confirm"), "backup-confirm-ok");
            assertEquals("20261120-030000-000", fake.pending);
            assertEquals("20261120-030000-000", get(v, "backups-pending").getElement().getAttribute("data-pending"));

            click(cell(grid, 4, rows.get(0)), "backup-delete-20261122-030000-000");
            click(dialog(h, "backup-confirm"), "backup-confirm-ok");
            assertEquals(2, v.items().size());
            assertEquals("ok", kind(v, "backups-status"));
        }
    }

    // ------------------------------------------------------------------ users and tokens

    @Test
    void usersAreCreatedEditedDisabledAndTheirPasswordsReset() {
        FakeConsole c = console();
        AdminFakes.Users fake = new AdminFakes.Users();
        c.userService = fake;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.EN)) {
            UsersView v = h.show(new UsersView());
            List<io.pishkhan.api.security.User> rows = items(v, "users-grid");
            assertEquals(List.of("admin2", "sara"), rows.stream().map(io.pishkhan.api.security.User::name).toList());
            assertEquals("Locked out", v.stateLabel(rows.get(1)));
            assertEquals("Active", v.stateLabel(rows.get(0)));

            // create: passwords checked first
            set(v, "user-name", "Reza");
            set(v, "user-display", "رضا");
            set(v, "user-roles", new LinkedHashSet<>(List.of("supervisor")));
            set(v, "user-queues", "vip، general");
            set(v, "user-language", "fa");
            set(v, "user-password", "short");
            set(v, "user-password-repeat", "short");
            click(v, "user-save");
            assertEquals("The password must have at least 8 characters.", text(v, "users-status"));
            set(v, "user-password", "long enough 1");
            set(v, "user-password-repeat", "long enough 2");
            click(v, "user-save");
            assertEquals("The two passwords differ.", text(v, "users-status"));
            set(v, "user-password-repeat", "long enough 1");
            click(v, "user-save");
            assertEquals("ok", kind(v, "users-status"));
            io.pishkhan.api.security.User reza = fake.users.get("reza");
            assertEquals(Set.of("supervisor"), reza.roles());
            assertEquals(Set.of("vip", "general"), reza.queues());
            assertEquals("fa", reza.language());
            assertTrue(reza.mustChangePassword());
            assertEquals("long enough 1", fake.passwords.get("reza"));
            assertEquals(List.of("create reza by admin"), fake.calls);
            assertEquals("", ((PasswordField) get(v, "user-password")).getValue(), "the form is cleared");

            // edit: roles and language; disable; unlock; reset; delete refused for the last admin
            v.edit(reza);
            assertTrue(((TextField) get(v, "user-name")).isReadOnly());
            set(v, "user-roles", new LinkedHashSet<>(List.of("agent", "supervisor")));
            set(v, "user-language", "en");
            click(v, "user-save");
            assertEquals(Set.of("agent", "supervisor"), fake.users.get("reza").roles());
            assertEquals("en", fake.users.get("reza").language());
            Grid<io.pishkhan.api.security.User> grid = get(v, "users-grid");
            int actions = grid.getColumns().size() - 1;
            click(cell(grid, actions, fake.users.get("reza")), "user-disable-reza");
            assertTrue(fake.users.get("reza").disabled());
            assertEquals("reza disabled: he can no longer log in.", text(v, "users-status"));
            click(cell(grid, actions, fake.users.get("sara")), "user-unlock-sara");
            assertTrue(fake.calls.contains("unlock sara"));
            click(cell(grid, actions, fake.users.get("sara")), "user-reset-sara");
            Dialog reset = dialog(h, "reset-dialog");
            set(reset, "reset-password", "new password");
            set(reset, "reset-password-repeat", "new password");
            click(reset, "reset-confirm");
            assertTrue(fake.calls.contains("password sara true"));
            assertEquals("new password", fake.passwords.get("sara"));
            click(cell(grid, actions, fake.users.get("admin2")), "user-delete-admin2");
            click(dialog(h, "user-delete-dialog"), "user-delete-confirm");
            assertEquals("error", kind(v, "users-status"));
            assertTrue(text(v, "users-status").contains("the last enabled admin"), text(v, "users-status"));
        }
    }

    @Test
    void tokensShowTheSecretOnceAndAreRevoked() {
        FakeConsole c = console();
        AdminFakes.Tokens fake = new AdminFakes.Tokens();
        c.tokenService = fake;
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            TokensView v = h.show(new TokensView());
            List<io.pishkhan.api.security.ApiToken> rows = items(v, "tokens-grid");
            assertEquals("منقضی", v.stateLabel(rows.get(0)));
            set(v, "token-name", "crm-sync");
            set(v, "token-role", "supervisor");
            set(v, "token-expires", "1300/01/01");
            click(v, "token-create");
            assertEquals("error", kind(v, "tokens-status"));
            assertTrue(fake.expiries.isEmpty());
            set(v, "token-expires", "۱۴۵۰/۰۱/۰۱");
            click(v, "token-create");
            assertEquals("ok", kind(v, "tokens-status"));
            assertEquals(java.time.LocalDate.of(2071, 3, 22).atStartOfDay(java.time.ZoneId.of("Asia/Tehran"))
                    .toInstant(), fake.expiries.get(0), "the end of the Jalali day 1450/01/01 (2071-03-21)");
            Dialog secret = dialog(h, "token-secret-dialog");
            assertEquals("pk_secret1", text(secret, "token-secret"));
            click(secret, "token-secret-close");
            assertEquals(2, items(v, "tokens-grid").size());
            assertEquals("فعال", v.stateLabel(fake.tokens.get(0)));
            Grid<io.pishkhan.api.security.ApiToken> grid = get(v, "tokens-grid");
            click(cell(grid, grid.getColumns().size() - 1, fake.tokens.get(0)), "token-revoke-n1");
            click(dialog(h, "token-revoke-dialog"), "token-revoke-confirm");
            assertEquals("ok", kind(v, "tokens-status"));
            assertEquals("باطل‌شده", v.stateLabel(fake.tokens.get(0)));
        }
    }

    @Test
    void theUserStoreKeepsTheLanguage() {
        FakeConsole c = console();
        AdminFakes.Users fake = new AdminFakes.Users();
        c.userService = fake;
        assertEquals(java.util.Optional.of("en"), UserLanguage.stored(c, "sara"));
        assertEquals(java.util.Optional.empty(), UserLanguage.stored(c, "karaf-only"));
        assertTrue(UserLanguage.remember(c, "sara", "fa"));
        assertEquals("fa", fake.users.get("sara").language());
        assertEquals(List.of("update sara by sara"), fake.calls);
        assertFalse(UserLanguage.remember(c, "sara", "fa"), "unchanged: nothing written");
        assertFalse(UserLanguage.remember(c, "karaf-only", "en"));
        assertFalse(UserLanguage.remember(new FakeConsole(true), "sara", "en"), "no user store");
    }
}
