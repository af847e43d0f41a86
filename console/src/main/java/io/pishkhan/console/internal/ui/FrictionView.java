package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.FrictionRow;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.DateRange;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.KpiText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The friction report of a date range: one table per {@link FrictionRow.Kind} (intents handed off, unresolved,
 * with low CSAT; knowledge-base answers marked not helpful; longest waits by queue and hour) with each row's
 * sample conversations as buttons that open the transcript ({@link HistoryDialog}); CSV export of every row.
 */
@Route(value = "friction", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class FrictionView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final int LIMIT = 10;

    private final transient Console console = ConsoleServlet.console();
    private final ZoneId zone = console.settings().zone();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final RangeBar rangeBar;
    private final Map<FrictionRow.Kind, Grid<FrictionRow>> grids = new EnumMap<>(FrictionRow.Kind.class);
    private final Span status = new Span();
    private final Div body = new Div();
    private volatile List<FrictionRow> rows = List.of();

    public FrictionView() {
        setWidthFull();
        rangeBar = new RangeBar(zone, r -> refresh());
        status.setId("friction-status");
        status.addClassName("pk-label");
        body.setWidthFull();
        body.add(AnalyticsSupport.csvLink("friction-csv", getTranslation("csv.download"), this::table));
        for (FrictionRow.Kind k : FrictionRow.Kind.values()) {
            Grid<FrictionRow> g = new Grid<>();
            g.setId("friction-" + k.name());
            g.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
            g.addColumn(r -> key(r)).setHeader(getTranslation("friction.key." + k.name())).setAutoWidth(true);
            g.addColumn(r -> num(r.count())).setHeader(getTranslation("friction.count")).setAutoWidth(true);
            g.addColumn(r -> num(r.total())).setHeader(getTranslation("friction.total")).setAutoWidth(true);
            g.addColumn(r -> rate(r)).setHeader(getTranslation(k == FrictionRow.Kind.LONGEST_WAIT
                    ? "friction.longest" : "friction.rate")).setAutoWidth(true);
            g.addComponentColumn(this::samples).setHeader(getTranslation("friction.samples")).setAutoWidth(true);
            g.setAllRowsVisible(true);
            grids.put(k, g);
            H4 title = new H4(getTranslation("friction.kind." + k.name()));
            body.add(title, g);
        }
        add(new H3(getTranslation("nav.friction")), rangeBar, status, body);
        refresh();
    }

    private String num(long n) {
        return fa ? Dates.persianDigits(Long.toString(n)) : Long.toString(n);
    }

    /** Intent / article id as is; {@code queue@14} as "queue name · 14:00". */
    String key(FrictionRow r) {
        if (r.kind() == FrictionRow.Kind.LONGEST_WAIT) {
            int at = r.key().lastIndexOf('@');
            if (at > 0) {
                String q = r.key().substring(0, at);
                String name = console.agents().queue(q).map(x -> x.name()).orElse(q);
                try {
                    String h = String.format(Locale.ROOT, "%02d:00", Integer.parseInt(r.key().substring(at + 1)));
                    return name + " · " + (fa ? Dates.persianDigits(h) : h);
                } catch (NumberFormatException e) {
                    return r.key();
                }
            }
        }
        return r.key();
    }

    String rate(FrictionRow r) {
        if (r.kind() == FrictionRow.Kind.LONGEST_WAIT) {
            String s = KpiText.duration(Math.round(r.rate()));
            return fa ? Dates.persianDigits(s) : s;
        }
        return KpiText.display("serviceLevel", r.rate(), fa);
    }

    private Component samples(FrictionRow r) {
        HorizontalLayout h = new HorizontalLayout();
        h.setSpacing(false);
        h.getStyle().set("flex-wrap", "wrap").set("gap", "4px");
        for (String id : r.samples()) {
            Button b = new Button(shortId(id), e -> openTranscript(id));
            b.setId("sample-" + r.kind().name() + "-" + id);
            b.getElement().setAttribute("data-conversation", id);
            b.getElement().setAttribute("dir", "ltr");
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            b.setTooltipText(id);
            h.add(b);
        }
        return h;
    }

    private static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 8) + "…" : id;
    }

    void openTranscript(String conversationId) {
        Optional<Conversation> c = console.conversations().conversation(conversationId);
        if (c.isEmpty()) {
            com.vaadin.flow.component.notification.Notification.show(getTranslation("friction.gone", conversationId),
                    4000, com.vaadin.flow.component.notification.Notification.Position.BOTTOM_CENTER);
            return;
        }
        HistoryDialog.open(console.conversations(), c.get(), getLocale(), zone);
    }

    void refresh() {
        Optional<AnalyticsService> service = console.analytics();
        if (service.isEmpty()) {
            body.setVisible(false);
            status.setText(getTranslation("analytics.missing"));
            status.getElement().setAttribute("data-kind", "missing");
            return;
        }
        DateRange r = rangeBar.range();
        List<FrictionRow> all;
        try {
            all = service.get().friction(r.from(zone), r.to(zone), zone, LIMIT);
        } catch (RuntimeException e) {
            status.setText(getTranslation("analytics.error", String.valueOf(e.getMessage())));
            status.getElement().setAttribute("data-kind", "error");
            return;
        }
        body.setVisible(true);
        status.getElement().setAttribute("data-kind", "ok");
        status.setText(getTranslation("analytics.range", r.label(fa), num(all.size())));
        rows = List.copyOf(all);
        for (FrictionRow.Kind k : FrictionRow.Kind.values()) {
            grids.get(k).setItems(all.stream().filter(x -> x.kind() == k).toList());
        }
    }

    AnalyticsSupport.Table table() {
        List<String> header = List.of("kind", "key", "count", "total", "rate", "samples");
        List<List<String>> out = new ArrayList<>();
        for (FrictionRow r : rows) {
            out.add(List.of(r.kind().name(), r.key(), Long.toString(r.count()), Long.toString(r.total()),
                    KpiText.csv(r.rate()), String.join(" ", r.samples())));
        }
        return new AnalyticsSupport.Table("pishkhan-friction-" + rangeBar.range().fileTag() + ".csv", header, out);
    }

    Grid<FrictionRow> grid(FrictionRow.Kind k) {
        return grids.get(k);
    }

    RangeBar rangeBar() {
        return rangeBar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.friction") + " · " + getTranslation("app.name");
    }
}
