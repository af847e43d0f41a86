package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.AdminText;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plugins ({@code /console/plugins}, admins): the installed plugins grouped by kind (channel, routing, bot,
 * analytics, other) with name, version, vendor, state and health (red, with the reason, when a plugin failed);
 * install by uploading a .jar or .kar, and per plugin start, stop, update (upload) and uninstall (confirmed). A
 * refusal ({@link PluginException}) is shown with its reason in the status line; the list is read again after each
 * action.
 */
@Route(value = "plugins", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class PluginsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Span status = AdminSupport.statusLine("plugins-status");
    private final Grid<PluginInfo> grid = new Grid<>();
    private final Select<String> kind = new Select<>();
    private final Span count = new Span();

    /** An action of the service that may be refused. */
    interface PluginAction extends java.io.Serializable {
        void run(PluginService s) throws PluginException;
    }

    public PluginsView() {
        setWidthFull();
        add(new H3(t("nav.plugins")), status);
        if (console.plugins().isEmpty()) {
            add(AdminSupport.notInstalled("plugins-missing", t("plugins.missing")));
            return;
        }
        kind.setId("plugins-kind");
        kind.setLabel(t("plugins.kind"));
        List<String> kinds = new ArrayList<>();
        kinds.add("");
        kinds.addAll(AdminText.KINDS);
        kind.setItems(kinds);
        kind.setItemLabelGenerator(k -> k == null || k.isEmpty() ? t("plugins.kind.all") : kindLabel(k));
        kind.setValue("");
        kind.addValueChangeListener(e -> refresh());
        Button refresh = new Button(t("audit.refresh"), e -> refresh());
        refresh.setId("plugins-refresh");
        count.setId("plugins-count");
        HorizontalLayout bar = new HorizontalLayout(kind, refresh, count);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, grid());
        add(new H4(t("plugins.install")), installUpload());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return t("nav.plugins") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    String kindLabel(String k) {
        String key = "plugins.kind." + k;
        String v = t(key);
        return v.equals(key) ? k : v;
    }

    String stateLabel(String state) {
        if (state == null) {
            return "";
        }
        String key = "plugins.state." + state;
        String v = t(key);
        return v.equals(key) ? state : v;
    }

    void refresh() {
        Optional<PluginService> s = console.plugins();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("plugins.missing"));
            return;
        }
        try {
            List<PluginInfo> shown = AdminText.ofKind(s.get().plugins(), kind.getValue());
            grid.setItems(shown);
            count.setText(t("plugins.count", RoutingText.digits(shown.size(), fa)));
            count.getElement().setAttribute("data-count", Integer.toString(shown.size()));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
        }
    }

    /** Runs an action; refusals (with their reason) and failures go to the status line. True when it worked. */
    boolean act(PluginAction a, String okText) {
        return act(a, () -> okText);
    }

    boolean act(PluginAction a, java.util.function.Supplier<String> okText) {
        Optional<PluginService> s = console.plugins();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("plugins.missing"));
            return false;
        }
        try {
            a.run(s.get());
            AdminSupport.ok(status, okText.get());
            return true;
        } catch (PluginException e) {
            AdminSupport.error(status, t("plugins.refused", e.getMessage() == null ? "" : e.getMessage()));
            return false;
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return false;
        } finally {
            refresh();
        }
    }

    private Component grid() {
        grid.setId("plugins-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(p -> kindLabel(AdminText.primaryKind(p))).setHeader(t("plugins.kind")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(p -> {
            Span name = new Span(AdminText.displayName(p));
            name.getElement().setAttribute("dir", "auto");
            name.getElement().setAttribute("title", p.symbolicName());
            name.setId("plugin-" + p.id());
            name.getElement().setAttribute("data-bsn", p.symbolicName());
            return name;
        }).setHeader(t("plugins.name")).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(p -> p.version() == null ? "" : p.version()).setHeader(t("plugins.version"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> p.vendor() == null ? "" : p.vendor()).setHeader(t("plugins.vendor")).setAutoWidth(true);
        grid.addColumn(p -> stateLabel(p.state())).setHeader(t("plugins.state")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::health).setHeader(t("plugins.health")).setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setHeight("480px");
        return grid;
    }

    Span health(PluginInfo p) {
        Span h = new Span(p.healthy() ? t("plugins.healthy") : AdminText.problem(p, t("plugins.unhealthy")));
        h.setId("plugin-health-" + p.id());
        h.getElement().setAttribute("data-healthy", Boolean.toString(p.healthy()));
        h.getElement().setAttribute("dir", "auto");
        h.getStyle().set("color", p.healthy() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        if (!p.healthy()) {
            h.getStyle().set("font-weight", "600").set("white-space", "normal");
        }
        return h;
    }

    private Component actions(PluginInfo p) {
        HorizontalLayout h = new HorizontalLayout();
        h.setSpacing(false);
        String name = AdminText.displayName(p);
        if (AdminText.mayStart(p)) {
            h.add(small("plugin-start-" + p.id(), "plugins.start", false,
                    () -> act(s -> s.start(p.id(), AdminSupport.actor()), t("plugins.started", name))));
        }
        if (AdminText.mayStop(p)) {
            h.add(small("plugin-stop-" + p.id(), "plugins.stop", false,
                    () -> confirm(t("plugins.stop.confirm", name), t("plugins.stop"),
                            () -> act(s -> s.stop(p.id(), AdminSupport.actor()), t("plugins.stopped", name)))));
        }
        h.add(small("plugin-update-" + p.id(), "plugins.update", false, () -> updateDialog(p)));
        h.add(small("plugin-uninstall-" + p.id(), "plugins.uninstall", true,
                () -> confirm(t("plugins.uninstall.confirm", name), t("plugins.uninstall"),
                        () -> act(s -> s.uninstall(p.id(), AdminSupport.actor()), t("plugins.uninstalled", name)))));
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

    private void confirm(String question, String okLabel, Runnable then) {
        Dialog d = new Dialog();
        d.setId("plugin-confirm");
        d.setHeaderTitle(t("plugins.confirm.title"));
        Span q = new Span(question);
        q.setId("plugin-confirm-text");
        q.getElement().setAttribute("dir", "auto");
        d.add(q);
        Button ok = new Button(okLabel, e -> {
            d.close();
            then.run();
        });
        ok.setId("plugin-confirm-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("plugin-confirm-cancel");
        d.getFooter().add(cancel, ok);
        d.setWidth("460px");
        d.open();
    }

    /** The bytes of one uploaded file. */
    interface FileReceiver extends java.io.Serializable {
        void receive(String fileName, byte[] bytes);
    }

    private Upload upload(String id, FileReceiver receiver) {
        UI ui = UI.getCurrent();
        Upload u = new Upload(UploadHandler.inMemory((meta, bytes) -> ui.access(
                () -> receiver.receive(meta.fileName(), bytes))));
        u.setId(id);
        u.setAcceptedFileTypes(AdminText.PLUGIN_FILES.toArray(String[]::new));
        u.setMaxFiles(1);
        u.setMaxFileSize(AdminText.MAX_PLUGIN_BYTES);
        u.setDropAllowed(true);
        u.addFileRejectedListener(e -> AdminSupport.error(status, t("plugins.upload.rejected",
                RoutingText.digits(AdminText.MAX_PLUGIN_BYTES / (1024 * 1024), fa))));
        return u;
    }

    private Component installUpload() {
        Upload u = upload("plugin-upload", this::install);
        // one file after another: clear the finished one so the next upload is accepted
        u.addAllFinishedListener(e -> u.clearFileList());
        Span hint = new Span(t("plugins.upload.hint", RoutingText.digits(AdminText.MAX_PLUGIN_BYTES / (1024 * 1024),
                fa)));
        hint.addClassName("pk-label");
        VerticalLayout v = new VerticalLayout(u, hint);
        v.setPadding(false);
        return v;
    }

    /** Installs an uploaded file (a .jar or .kar); the service's refusal is shown with its reason. */
    void install(String fileName, byte[] bytes) {
        if (!AdminText.accepted(fileName, AdminText.PLUGIN_FILES)) {
            AdminSupport.error(status, t("plugins.refused", t("plugins.upload.type", fileName)));
            return;
        }
        PluginInfo[] installed = new PluginInfo[1];
        act(s -> installed[0] = s.install(fileName, new ByteArrayInputStream(bytes), AdminSupport.actor()),
                () -> t("plugins.installed", installed[0] == null ? fileName : AdminText.displayName(installed[0])
                        + (installed[0].version() == null ? "" : " " + installed[0].version())));
    }

    void update(PluginInfo p, String fileName, byte[] bytes) {
        if (!AdminText.accepted(fileName, List.of(".jar"))) {
            AdminSupport.error(status, t("plugins.refused", t("plugins.upload.type", fileName)));
            return;
        }
        act(s -> s.update(p.id(), new ByteArrayInputStream(bytes), AdminSupport.actor()), t("plugins.updated", AdminText.displayName(p)));
    }

    private void updateDialog(PluginInfo p) {
        Dialog d = new Dialog();
        d.setId("plugin-update-dialog");
        d.setHeaderTitle(t("plugins.update.title", AdminText.displayName(p)));
        Upload u = upload("plugin-update-upload", (name, bytes) -> {
            d.close();
            update(p, name, bytes);
        });
        u.setAcceptedFileTypes(p.id() < 0 ? new String[] {".zip", ".jar"} : new String[] {".jar"}); // vendor: PF4J
        Span hint = new Span(t("plugins.update.hint", p.symbolicName()));
        hint.getElement().setAttribute("dir", "auto");
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("plugin-update-cancel");
        d.add(new VerticalLayout(hint, u));
        d.getFooter().add(cancel);
        d.setWidth("520px");
        d.open();
    }
}
