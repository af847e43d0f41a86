package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
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
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Blacklist ({@code /console/blacklist}): the entries in match order, an add form, removal with a comment, and the
 * audit of changes, through {@link BlacklistService}. Supervisors see it read-only.
 */
@Route(value = "blacklist", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class BlacklistView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final List<String> KINDS = List.of("phone", "email", "ip", "token", "address");
    private static final int AUDIT_LIMIT = 200;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("blacklist-status");
    private final Grid<BlacklistEntry> grid = new Grid<>();
    private final Select<String> kind = new Select<>();
    private final TextField pattern = new TextField();
    private final Select<BlacklistEntry.Action> action = new Select<>();
    private final TextField message = new TextField();
    private final ComboBox<String> queue = new ComboBox<>();
    private final TextField comment = new TextField();
    private Grid<AuditRecord> audit;

    public BlacklistView() {
        setWidthFull();
        add(new H3(t("blacklist.title")), status);
        if (console.blacklist().isEmpty()) {
            add(AdminSupport.notInstalled("blacklist-missing", t("blacklist.missing")));
            return;
        }
        add(entriesGrid());
        if (editable) {
            add(new H4(t("blacklist.add.title")), form());
        }
        audit = AdminSupport.auditGrid("blacklist-audit-grid", getLocale(), console.settings().zone());
        add(new H4(t("blacklist.audit")), audit);
        refresh();
    }

    @Override
    public String getPageTitle() {
        return t("nav.blacklist") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private void refresh() {
        console.blacklist().ifPresent(s -> {
            grid.setItems(s.entries());
            audit.setItems(s.audit(AUDIT_LIMIT));
        });
        queue.setItems(console.agents().queues().stream().map(Queue::id).sorted().toList());
    }

    private boolean act(Consumer<BlacklistService> a) {
        Optional<BlacklistService> s = console.blacklist();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("blacklist.missing"));
            return false;
        }
        try {
            a.accept(s.get());
            refresh();
            return true;
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return false;
        }
    }

    /** The kind's name in the UI language; a kind this console does not know is shown as it is. */
    private String kindLabel(String k) {
        String key = "blacklist.kind." + k;
        String v = t(key);
        return v.equals(key) ? k : v;
    }

    private String actionLabel(BlacklistEntry.Action a) {
        return t("blacklist.action." + a.name());
    }

    private Component entriesGrid() {
        grid.setId("blacklist-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> kindLabel(e.kind())).setHeader(t("blacklist.kind")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(BlacklistEntry::pattern).setHeader(t("blacklist.pattern")).setAutoWidth(true);
        grid.addColumn(e -> actionLabel(e.action())).setHeader(t("blacklist.action")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.message() == null ? "" : e.message()).setHeader(t("blacklist.message"))
                .setAutoWidth(true).setTooltipGenerator(e -> e.message() == null ? "" : e.message());
        grid.addColumn(e -> e.queueId() == null ? "" : e.queueId()).setHeader(t("blacklist.queue")).setAutoWidth(true);
        grid.addColumn(e -> e.createdBy() == null ? "" : e.createdBy()).setHeader(t("audit.actor"))
                .setAutoWidth(true);
        grid.addColumn(e -> Dates.format(e.createdAt(), console.settings().zone(), fa)).setHeader(t("audit.at"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.comment() == null ? "" : e.comment()).setHeader(t("rules.comment")).setFlexGrow(1)
                .setTooltipGenerator(e -> e.comment() == null ? "" : e.comment());
        if (editable) {
            grid.addComponentColumn(e -> {
                Button b = new Button(t("blacklist.remove"), c -> confirmRemove(e));
                b.setId("blacklist-remove-" + e.id());
                b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return b;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setHeight("320px");
        return grid;
    }

    private Component form() {
        kind.setId("bl-kind");
        kind.setLabel(t("blacklist.kind"));
        kind.setItems(KINDS);
        kind.setItemLabelGenerator(this::kindLabel);
        kind.setValue("phone");
        pattern.setId("bl-pattern");
        pattern.setLabel(t("blacklist.pattern"));
        pattern.setPlaceholder("+98912*  ·  *@spam.example  ·  10.0.0.0/8");
        pattern.getElement().setAttribute("dir", "ltr");
        action.setId("bl-action");
        action.setLabel(t("blacklist.action"));
        action.setItems(BlacklistEntry.Action.values());
        action.setItemLabelGenerator(this::actionLabel);
        action.setValue(BlacklistEntry.Action.BLOCK);
        message.setId("bl-message");
        message.setLabel(t("blacklist.message"));
        message.setPlaceholder(t("blacklist.message.default"));
        message.getElement().setAttribute("dir", "auto");
        queue.setId("bl-queue");
        queue.setLabel(t("blacklist.queue"));
        queue.setAllowCustomValue(true);
        queue.setClearButtonVisible(true);
        queue.addCustomValueSetListener(e -> queue.setValue(e.getDetail()));
        queue.setEnabled(false);
        action.addValueChangeListener(e -> {
            boolean low = e.getValue() == BlacklistEntry.Action.LOW_PRIORITY;
            queue.setEnabled(low);
            message.setEnabled(!low);
        });
        comment.setId("bl-comment");
        comment.setLabel(t("rules.comment"));
        Button add = new Button(t("blacklist.add"), e -> add());
        add.setId("bl-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout f = new FormLayout(kind, pattern, action, queue, message, comment);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2),
                new FormLayout.ResponsiveStep("900px", 3));
        VerticalLayout v = new VerticalLayout(f, add);
        v.setId("blacklist-form");
        v.setPadding(false);
        return v;
    }

    private void add() {
        String p = RoutingText.blankToNull(pattern.getValue());
        if (p == null) {
            AdminSupport.error(status, t("input.required", pattern.getLabel()));
            return;
        }
        if (kind.getValue() == null || action.getValue() == null) {
            AdminSupport.error(status, t("input.required", kind.getValue() == null ? kind.getLabel()
                    : action.getLabel()));
            return;
        }
        boolean low = action.getValue() == BlacklistEntry.Action.LOW_PRIORITY;
        String q = low ? RoutingText.blankToNull(queue.getValue()) : null;
        if (low && q == null) {
            AdminSupport.error(status, t("blacklist.queue.required"));
            return;
        }
        String c = RoutingText.blankToNull(comment.getValue());
        BlacklistEntry entry = new BlacklistEntry(null, kind.getValue(), p, action.getValue(),
                low ? null : RoutingText.blankToNull(message.getValue()), q, null, null, c);
        if (act(s -> s.add(entry, AdminSupport.actor(), c))) {
            AdminSupport.ok(status, t("blacklist.added", p));
            pattern.clear();
            message.clear();
            comment.clear();
        }
    }

    private void confirmRemove(BlacklistEntry e) {
        Dialog d = new Dialog();
        d.setId("remove-dialog");
        d.setHeaderTitle(t("blacklist.remove.title"));
        Span what = new Span(kindLabel(e.kind()) + ": " + e.pattern());
        what.setId("remove-what");
        what.getElement().setAttribute("dir", "auto");
        TextField why = new TextField(t("rules.comment.required"));
        why.setId("remove-comment");
        why.setWidthFull();
        Button ok = new Button(t("blacklist.remove"), c -> {
            String reason = RoutingText.blankToNull(why.getValue());
            if (reason == null) {
                why.setInvalid(true);
                why.setErrorMessage(t("rules.comment.missing"));
                return;
            }
            d.close();
            boolean[] removed = new boolean[1];
            if (act(s -> removed[0] = s.remove(e.id(), AdminSupport.actor(), reason))) {
                if (removed[0]) {
                    AdminSupport.ok(status, t("blacklist.removed", e.pattern()));
                } else {
                    AdminSupport.error(status, t("delete.notStored", e.pattern()));
                }
            }
        });
        ok.setId("remove-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(t("cancel"), c -> d.close());
        cancel.setId("remove-cancel");
        VerticalLayout body = new VerticalLayout(what, why);
        body.setPadding(false);
        d.add(body);
        d.getFooter().add(cancel, ok);
        d.setWidth("440px");
        d.open();
    }
}
