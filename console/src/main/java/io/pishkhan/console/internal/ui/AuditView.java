package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.AuditFilter;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Audit log ({@code /console/audit}, admins): the newest {@value #LIMIT} records of the configuration store (every
 * admin change: directory, rules, blacklist, schedules, configuration, plugins...), searched in memory by text, actor,
 * kind and a range of days (Jalali in Persian, ISO in English); a row click opens its whole detail; CSV export of
 * what is shown.
 */
@Route(value = "audit", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class AuditView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final int LIMIT = 5000;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final ZoneId zone = console.settings().zone();
    private final Span status = AdminSupport.statusLine("audit-status");
    private final TextField text = new TextField();
    private final ComboBox<String> actor = new ComboBox<>();
    private final ComboBox<String> kind = new ComboBox<>();
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final Span count = new Span();
    private final Grid<AuditRecord> grid = new Grid<>();
    private transient List<AuditRecord> all = List.of();
    private transient List<AuditRecord> shown = List.of();

    public AuditView() {
        setWidthFull();
        add(new H3(t("nav.audit")), status);
        if (console.configStore().isEmpty()) {
            add(AdminSupport.notInstalled("audit-missing", t("audit.missing")));
            return;
        }
        text.setId("audit-text");
        text.setLabel(t("audit.search"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> filter());
        text.getElement().setAttribute("dir", "auto");
        combo(actor, "audit-actor", "audit.actor");
        combo(kind, "audit-kind", "audit.kind");
        day(from, "audit-from", "audit.from");
        day(to, "audit-to", "audit.to");
        Button refresh = new Button(t("audit.refresh"), e -> load());
        refresh.setId("audit-refresh");
        Anchor csv = AnalyticsSupport.csvLink("audit-csv", t("csv.download"),
                () -> new AnalyticsSupport.Table("audit.csv", AuditFilter.CSV_HEADER, AuditFilter.csvRows(shown)));
        count.setId("audit-count");
        HorizontalLayout bar = new HorizontalLayout(text, actor, kind, from, to, refresh);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout under = new HorizontalLayout(count, csv);
        under.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(bar, under, grid());
        load();
    }

    @Override
    public String getPageTitle() {
        return t("nav.audit") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private void combo(ComboBox<String> c, String id, String key) {
        c.setId(id);
        c.setLabel(t(key));
        c.setClearButtonVisible(true);
        c.setAllowCustomValue(true);
        c.addCustomValueSetListener(e -> c.setValue(e.getDetail()));
        c.addValueChangeListener(e -> filter());
    }

    private void day(TextField f, String id, String key) {
        f.setId(id);
        f.setLabel(t(key));
        f.setPlaceholder(fa ? Dates.day(LocalDate.now(zone), true) : LocalDate.now(zone).toString());
        f.setClearButtonVisible(true);
        f.setWidth("150px");
        f.getElement().setAttribute("dir", "ltr");
        f.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        f.addValueChangeListener(e -> filter());
    }

    private com.vaadin.flow.component.Component grid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> RoutingText.digits(r.seq(), fa)).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Dates.format(r.at(), zone, fa)).setHeader(t("audit.at")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> nz(r.actor())).setHeader(t("audit.actor")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> nz(r.kind())).setHeader(t("audit.kind")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> nz(r.entityId())).setHeader(t("audit.entity")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> nz(r.action())).setHeader(t("audit.action")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> AuditFilter.preview(r.detail(), 120)).setHeader(t("audit.detail")).setFlexGrow(1);
        // the whole detail under the row (a row click opens and closes it); text only, left to right (JSON)
        grid.setItemDetailsRenderer(new ComponentRenderer<>(r -> {
            Pre p = new Pre(nz(r.detail()));
            p.setId("audit-detail-" + r.seq());
            p.getElement().setAttribute("dir", "ltr");
            p.getStyle().set("white-space", "pre-wrap").set("word-break", "break-all").set("margin", "0");
            return p;
        }));
        grid.setDetailsVisibleOnClick(true);
        grid.setHeight("560px");
        return grid;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    void load() {
        Optional<ConfigStore> s = console.configStore();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("audit.missing"));
            return;
        }
        try {
            all = s.get().auditLog(null, LIMIT);
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            all = List.of();
        }
        actor.setItems(AuditFilter.distinct(all, AuditRecord::actor));
        kind.setItems(AuditFilter.distinct(all, AuditRecord::kind));
        filter();
    }

    /** Applies the criteria; a day that cannot be read marks its field and filters nothing by it. */
    void filter() {
        LocalDate f = day(from);
        LocalDate u = day(to);
        AuditFilter filter = new AuditFilter(text.getValue(), actor.getValue(), kind.getValue(), f, u);
        shown = filter.apply(all, zone);
        grid.setItems(shown);
        count.setText(t("audit.count", RoutingText.digits(shown.size(), fa), RoutingText.digits(all.size(), fa)));
        count.getElement().setAttribute("data-count", Integer.toString(shown.size()));
    }

    private LocalDate day(TextField f) {
        String v = f.getValue();
        if (v == null || v.isBlank()) {
            f.setInvalid(false);
            return null;
        }
        try {
            LocalDate d = AuditFilter.parseDay(v, fa);
            f.setInvalid(false);
            return d;
        } catch (IllegalArgumentException e) {
            f.setErrorMessage(t("audit.badDay"));
            f.setInvalid(true);
            return null;
        }
    }

    List<AuditRecord> shown() {
        return shown;
    }
}
