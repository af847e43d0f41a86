package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.AdminText;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Backups ({@code /console/backups}, admins): the backups on disk (date -- Jalali in Persian --, size, contents),
 * "Back up now", download as a zip ({@link BackupService#export}), "Restore at next start" with a confirmation that
 * explains the restart, delete (confirmed), and the restore that is pending.
 */
@Route(value = "backups", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class BackupsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Span status = AdminSupport.statusLine("backups-status");
    private final Span pending = new Span();
    private final Grid<Backup> grid = new Grid<>();
    private final Button now = new Button();

    /** An action of the service that may fail. */
    interface BackupAction extends java.io.Serializable {
        void run(BackupService s) throws IOException;
    }

    public BackupsView() {
        setWidthFull();
        add(new H3(t("nav.backups")), status);
        if (console.backups().isEmpty()) {
            add(AdminSupport.notInstalled("backups-missing", t("backups.missing")));
            return;
        }
        now.setText(t("backups.now"));
        now.addClickListener(e -> backupNow());
        now.setId("backup-now");
        now.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        now.setDisableOnClick(true);
        Button refresh = new Button(t("audit.refresh"), e -> refresh());
        refresh.setId("backups-refresh");
        pending.setId("backups-pending");
        pending.getElement().setAttribute("dir", "auto");
        HorizontalLayout bar = new HorizontalLayout(now, refresh);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        Span hint = new Span(t("backups.hint"));
        hint.addClassName("pk-label");
        add(bar, hint, pending, grid());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return t("nav.backups") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    void refresh() {
        Optional<BackupService> s = console.backups();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("backups.missing"));
            return;
        }
        try {
            grid.setItems(AdminText.newestFirst(s.get().backups()));
            Optional<String> p = s.get().pendingRestore();
            pending.setText(p.map(id -> t("backups.pending", id)).orElse(t("backups.pending.none")));
            pending.getElement().setAttribute("data-pending", p.orElse(""));
            pending.getStyle().set("font-weight", p.isPresent() ? "600" : "normal");
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    boolean act(BackupAction a, java.util.function.Supplier<String> okText) {
        Optional<BackupService> s = console.backups();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("backups.missing"));
            return false;
        }
        try {
            a.run(s.get());
            AdminSupport.ok(status, okText.get());
            return true;
        } catch (IOException | RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e instanceof IOException io
                    ? new IllegalArgumentException(io.getMessage() == null ? io.toString() : io.getMessage()) : e,
                    getLocale()));
            return false;
        } finally {
            refresh();
        }
    }

    void backupNow() {
        Backup[] made = new Backup[1];
        act(s -> made[0] = s.backup(), () -> t("backups.done", made[0].id(),
                AdminText.size(made[0].sizeBytes(), fa)));
        now.setEnabled(true);
    }

    private Component grid() {
        grid.setId("backups-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(b -> {
            Span id = new Span(b.id());
            id.setId("backup-" + b.id());
            id.getElement().setAttribute("dir", "ltr");
            return id;
        }).setHeader(t("backups.id")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> Dates.format(b.createdAt(), console.settings().zone(), fa)).setHeader(t("backups.at"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(b -> AdminText.size(b.sizeBytes(), fa)).setHeader(t("backups.size")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(b -> AdminText.contents(b, fa)).setHeader(t("backups.contents")).setFlexGrow(1)
                .setTooltipGenerator(b -> String.join("\n", b.contents()));
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        grid.setHeight("440px");
        return grid;
    }

    private Component actions(Backup b) {
        Anchor download = new Anchor(zip(b), t("backups.download"));
        download.setId("backup-download-" + b.id());
        download.getElement().setAttribute("download", true);
        download.getElement().setAttribute("router-ignore", true);
        Button restore = new Button(t("backups.restore"), e -> confirm(t("backups.restore.title"),
                t("backups.restore.confirm", b.id(), Dates.format(b.createdAt(), console.settings().zone(), fa)),
                t("backups.restore"), () -> act(s -> s.scheduleRestore(b.id()), () -> t("backups.scheduled", b.id()))));
        restore.setId("backup-restore-" + b.id());
        restore.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        Button delete = new Button(t("delete"), e -> confirm(t("backups.delete.title"),
                t("backups.delete.confirm", b.id()), t("delete"),
                () -> act(s -> s.delete(b.id()), () -> t("backups.deleted", b.id()))));
        delete.setId("backup-delete-" + b.id());
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        HorizontalLayout h = new HorizontalLayout(download, restore, delete);
        h.setAlignItems(FlexComponent.Alignment.BASELINE);
        return h;
    }

    /** The zip of a backup, written by the service straight to the browser when it asks for it. */
    @SuppressWarnings("deprecation")
    private StreamResource zip(Backup b) {
        String id = b.id();
        StreamResource r = new StreamResource("pishkhan-backup-" + id + ".zip", (out, session) -> {
            BackupService s = console.backups().orElseThrow(() -> new IOException("backup service not installed"));
            s.export(id, out);
        });
        r.setContentType("application/zip");
        r.setCacheTime(0);
        return r;
    }

    private void confirm(String title, String text, String okLabel, Runnable then) {
        Dialog d = new Dialog();
        d.setId("backup-confirm");
        d.setHeaderTitle(title);
        Paragraph p = new Paragraph(text);
        p.setId("backup-confirm-text");
        p.getElement().setAttribute("dir", "auto");
        d.add(p);
        Button ok = new Button(okLabel, e -> {
            d.close();
            then.run();
        });
        ok.setId("backup-confirm-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("backup-confirm-cancel");
        d.getFooter().add(cancel, ok);
        d.setWidth("480px");
        d.open();
    }

    List<Backup> items() {
        return grid.getListDataView().getItems().toList();
    }
}
