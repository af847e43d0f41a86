package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.security.User;
import io.pishkhan.api.security.UserService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.logic.SecurityText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Users ({@code /console/users}, admins): the appliance's own users ({@link UserService}: name, display name, roles,
 * supervised queues, language, state), a form to create one (with a password) or edit one (roles, queues, language,
 * display name), disable/enable, unlock, reset the password (the user must change it at the next login) and delete
 * (confirmed). Users of the Karaf realm (etc/users.properties) are not listed: they are managed there.
 */
@Route(value = "users", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class UsersView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Span status = AdminSupport.statusLine("users-status");
    private final Grid<User> grid = new Grid<>();
    private final H4 formTitle = new H4();
    private final TextField name = new TextField();
    private final TextField display = new TextField();
    private final MultiSelectComboBox<String> roles = new MultiSelectComboBox<>();
    private final TextField queues = new TextField();
    private final Select<String> language = new Select<>();
    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private final Checkbox mustChange = new Checkbox();
    /** The user being edited; null while creating one. */
    private transient User editing;

    public UsersView() {
        setWidthFull();
        add(new H3(t("nav.users")), status);
        if (console.users().isEmpty()) {
            add(AdminSupport.notInstalled("users-missing", t("users.missing")));
            return;
        }
        Span hint = new Span(t("users.hint"));
        hint.addClassName("pk-label");
        add(hint, grid(), formTitle, form());
        newUser();
        refresh();
    }

    @Override
    public String getPageTitle() {
        return t("nav.users") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    void refresh() {
        console.users().ifPresent(s -> {
            try {
                grid.setItems(s.list());
            } catch (RuntimeException e) {
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            }
        });
    }

    boolean act(Consumer<UserService> a, String okText) {
        Optional<UserService> s = console.users();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("users.missing"));
            return false;
        }
        try {
            a.accept(s.get());
            AdminSupport.ok(status, okText);
            return true;
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return false;
        } finally {
            refresh();
        }
    }

    String stateLabel(User u) {
        return t("users.state." + SecurityText.userState(u, Instant.now()));
    }

    private Component grid() {
        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(User::name).setHeader(t("users.name")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(User::displayName).setHeader(t("users.display")).setAutoWidth(true);
        grid.addColumn(u -> SecurityText.roles(u.roles())).setHeader(t("users.roles")).setAutoWidth(true);
        grid.addColumn(u -> RoutingText.formatIds(u.queues())).setHeader(t("users.queues")).setAutoWidth(true);
        grid.addColumn(u -> "en".equals(u.language()) ? "English" : "فارسی").setHeader(t("users.language"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::stateLabel).setHeader(t("users.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(u -> Dates.format(u.createdAt(), console.settings().zone(), fa)).setHeader(t("users.created"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(1);
        grid.setHeight("360px");
        return grid;
    }

    private Component actions(User u) {
        HorizontalLayout h = new HorizontalLayout();
        h.setSpacing(false);
        h.add(small("user-edit-" + u.name(), "users.edit", false, () -> edit(u)));
        h.add(small("user-reset-" + u.name(), "users.reset", false, () -> resetDialog(u)));
        if (u.disabled()) {
            h.add(small("user-enable-" + u.name(), "users.enable", false, () -> setDisabled(u, false)));
        } else {
            h.add(small("user-disable-" + u.name(), "users.disable", true, () -> setDisabled(u, true)));
        }
        if (u.lockedAt(Instant.now())) {
            h.add(small("user-unlock-" + u.name(), "users.unlock", false,
                    () -> act(s -> s.unlock(u.name(), AdminSupport.actor()), t("users.unlocked", u.name()))));
        }
        h.add(small("user-delete-" + u.name(), "delete", true, () -> confirmDelete(u)));
        return h;
    }

    private Button small(String id, String key, boolean danger, Runnable r) {
        Button b = new Button(t(key), e -> r.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        if (danger) {
            b.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return b;
    }

    void setDisabled(User u, boolean disabled) {
        User changed = new User(u.name(), u.displayName(), u.roles(), u.queues(), u.language(), disabled,
                u.mustChangePassword(), u.failedLogins(), u.lockedUntil(), u.createdAt(), u.updatedAt());
        act(s -> s.update(changed, AdminSupport.actor()), t(disabled ? "users.disabled" : "users.enabled", u.name()));
    }

    private Component form() {
        name.setId("user-name");
        name.setLabel(t("users.name"));
        name.getElement().setAttribute("dir", "ltr");
        display.setId("user-display");
        display.setLabel(t("users.display"));
        display.getElement().setAttribute("dir", "auto");
        roles.setId("user-roles");
        roles.setLabel(t("users.roles"));
        roles.setItems(SecurityText.ROLES);
        roles.setItemLabelGenerator(r -> t("users.role." + r));
        queues.setId("user-queues");
        queues.setLabel(t("users.queues"));
        queues.setHelperText(t("users.queues.hint"));
        queues.getElement().setAttribute("dir", "ltr");
        language.setId("user-language");
        language.setLabel(t("users.language"));
        language.setItems("fa", "en");
        language.setItemLabelGenerator(l -> "en".equals(l) ? "English" : "فارسی");
        password.setId("user-password");
        password.setLabel(t("users.password"));
        repeat.setId("user-password-repeat");
        repeat.setLabel(t("users.password.repeat"));
        mustChange.setId("user-must-change");
        mustChange.setLabel(t("users.mustChange"));
        Button save = new Button(t("settings.save"), e -> save());
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button fresh = new Button(t("users.new"), e -> newUser());
        fresh.setId("user-new");
        FormLayout f = new FormLayout(name, display, roles, queues, language, password, repeat, mustChange);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 4));
        VerticalLayout v = new VerticalLayout(f, new HorizontalLayout(save, fresh));
        v.setId("user-form");
        v.setPadding(false);
        return v;
    }

    void newUser() {
        editing = null;
        formTitle.setText(t("users.create"));
        name.setReadOnly(false);
        name.clear();
        display.clear();
        roles.setValue(new LinkedHashSet<>(List.of("agent")));
        queues.clear();
        language.setValue(fa ? "fa" : "en");
        password.clear();
        repeat.clear();
        password.setVisible(true);
        repeat.setVisible(true);
        mustChange.setVisible(true);
        mustChange.setValue(true);
    }

    void edit(User u) {
        editing = u;
        formTitle.setText(t("users.editing", u.name()));
        name.setValue(u.name());
        name.setReadOnly(true);
        display.setValue(u.displayName());
        roles.setValue(new LinkedHashSet<>(u.roles()));
        queues.setValue(RoutingText.formatIds(u.queues()));
        language.setValue(u.language());
        password.setVisible(false);
        repeat.setVisible(false);
        mustChange.setVisible(false);
    }

    void save() {
        String n = RoutingText.blankToNull(name.getValue());
        if (n == null) {
            AdminSupport.error(status, t("input.required", name.getLabel()));
            return;
        }
        if (roles.getValue().isEmpty()) {
            AdminSupport.error(status, t("input.required", roles.getLabel()));
            return;
        }
        User u;
        try {
            u = editing == null
                    ? User.of(n, display.getValue(), roles.getValue(), RoutingText.parseIds(queues.getValue()),
                            language.getValue())
                    : new User(editing.name(), display.getValue(), roles.getValue(),
                            RoutingText.parseIds(queues.getValue()), language.getValue(), editing.disabled(),
                            editing.mustChangePassword(), editing.failedLogins(), editing.lockedUntil(),
                            editing.createdAt(), editing.updatedAt());
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        if (editing == null) {
            int min = console.users().map(UserService::minPasswordLength).orElse(1);
            try {
                SecurityText.checkPassword(password.getValue(), repeat.getValue(), min);
            } catch (IllegalArgumentException e) {
                password.setInvalid(true);
                password.setErrorMessage(AdminSupport.errorText(e, getLocale()));
                AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
                return;
            }
            User toCreate = new User(u.name(), u.displayName(), u.roles(), u.queues(), u.language(), false,
                    mustChange.getValue(), 0, null, null, null);
            char[] pw = password.getValue().toCharArray();
            if (act(s -> s.create(toCreate, pw, AdminSupport.actor()), t("users.created.ok", u.name()))) {
                password.setInvalid(false);
                newUser();
            }
            java.util.Arrays.fill(pw, '\0');
        } else if (act(s -> s.update(u, AdminSupport.actor()), t("users.saved", u.name()))) {
            newUser();
        }
    }

    private void resetDialog(User u) {
        Dialog d = new Dialog();
        d.setId("reset-dialog");
        d.setHeaderTitle(t("users.reset.title", u.name()));
        PasswordField p1 = new PasswordField(t("users.password"));
        p1.setId("reset-password");
        PasswordField p2 = new PasswordField(t("users.password.repeat"));
        p2.setId("reset-password-repeat");
        Checkbox must = new Checkbox(t("users.mustChange"), true);
        must.setId("reset-must-change");
        Button ok = new Button(t("users.reset"), e -> {
            int min = console.users().map(UserService::minPasswordLength).orElse(1);
            try {
                SecurityText.checkPassword(p1.getValue(), p2.getValue(), min);
            } catch (IllegalArgumentException ex) {
                p1.setInvalid(true);
                p1.setErrorMessage(AdminSupport.errorText(ex, getLocale()));
                return;
            }
            char[] pw = p1.getValue().toCharArray();
            if (act(s -> s.setPassword(u.name(), pw, must.getValue(), AdminSupport.actor()),
                    t("users.reset.ok", u.name()))) {
                d.close();
            }
            java.util.Arrays.fill(pw, '\0');
        });
        ok.setId("reset-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("reset-cancel");
        d.add(new VerticalLayout(p1, p2, must));
        d.getFooter().add(cancel, ok);
        d.setWidth("420px");
        d.open();
    }

    private void confirmDelete(User u) {
        Dialog d = new Dialog();
        d.setId("user-delete-dialog");
        d.setHeaderTitle(t("users.delete.title"));
        Span q = new Span(t("users.delete.confirm", u.name()));
        q.setId("user-delete-text");
        d.add(q);
        Button ok = new Button(t("delete"), e -> {
            d.close();
            boolean[] gone = new boolean[1];
            act(s -> gone[0] = s.delete(u.name(), AdminSupport.actor()), t("users.deleted", u.name()));
        });
        ok.setId("user-delete-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("user-delete-cancel");
        d.getFooter().add(cancel, ok);
        d.open();
    }
}
