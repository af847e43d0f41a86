package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ChartOptions;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.DateRange;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.KpiText;
import io.pishkhan.console.internal.logic.Leaderboard;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Agent scorecards and the team leaderboard for a date range: per agent volume (answered), AHT, CSAT, FCR and first
 * response ({@code Dimension.AGENT} rows of one TOTAL bucket), ranked by the composite score of {@link Leaderboard}
 * or by one chosen KPI; a chart of the ranking and the CSV export.
 */
@Route(value = "scorecards", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class ScorecardsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final List<String> RANK_BY = List.of(Leaderboard.COMPOSITE, "csatAverage", "fcrRate", "ahtSeconds",
            "firstResponseSeconds", "answered");
    static final List<String> KPIS = List.of("answered", "ahtSeconds", "csatAverage", "fcrRate",
            "firstResponseSeconds");

    private final transient Console console = ConsoleServlet.console();
    private final ZoneId zone = console.settings().zone();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Select<String> rankBy = new Select<>();
    private final RangeBar rangeBar;
    private final Grid<Leaderboard.Entry> grid = new Grid<>();
    private final EChart chart = new EChart();
    private final Span status = new Span();
    private final Div body = new Div();
    private volatile List<Leaderboard.Entry> entries = List.of();

    public ScorecardsView() {
        setWidthFull();
        rankBy.setId("rank-by");
        rankBy.setLabel(getTranslation("scorecards.rankBy"));
        rankBy.setItems(RANK_BY);
        rankBy.setItemLabelGenerator(k -> getTranslation(Leaderboard.COMPOSITE.equals(k) ? "scorecards.composite"
                : "kpi." + k));
        rankBy.setValue(Leaderboard.COMPOSITE);
        rankBy.addValueChangeListener(e -> refresh());
        rangeBar = new RangeBar(zone, r -> refresh(), rankBy);

        grid.setId("scorecards-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(e -> num(e.rank())).setHeader("#").setAutoWidth(true).setKey("rank");
        grid.addColumn(e -> agentName(e.agentId())).setHeader(getTranslation("agent.name")).setAutoWidth(true)
                .setKey("agent");
        for (String k : KPIS) {
            grid.addColumn(e -> KpiText.display(k, e.row().values().get(k), fa)).setHeader(getTranslation("kpi." + k))
                    .setAutoWidth(true).setKey(k);
        }
        grid.addColumn(e -> e.score() == null ? "—" : fa ? Dates.persianDigits(format(e.score())).replace('.', '٫')
                : format(e.score())).setHeader(getTranslation("scorecards.composite")).setAutoWidth(true)
                .setKey("score");
        grid.setAllRowsVisible(true);
        chart.setId("chart-scorecards");
        status.setId("scorecards-status");
        status.addClassName("pk-label");
        Paragraph help = new Paragraph(getTranslation("scorecards.help"));
        help.setId("scorecards-help");
        help.addClassName("pk-label");
        body.setWidthFull();
        body.add(grid, AnalyticsSupport.csvLink("scorecards-csv", getTranslation("csv.download"), this::table),
                help, chart);
        add(new H3(getTranslation("nav.scorecards")), rangeBar, status, body);
        refresh();
    }

    private static String format(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }

    private String num(long n) {
        return fa ? Dates.persianDigits(Long.toString(n)) : Long.toString(n);
    }

    private String agentName(String id) {
        return console.agents().agent(id).map(a -> a.name() + " (" + id + ")").orElse(id);
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
        List<KpiRow> rows;
        try {
            rows = service.get().kpis(KpiQuery.total(r.from(zone), r.to(zone), Dimension.AGENT, zone));
        } catch (RuntimeException e) {
            status.setText(getTranslation("analytics.error", String.valueOf(e.getMessage())));
            status.getElement().setAttribute("data-kind", "error");
            return;
        }
        body.setVisible(true);
        status.getElement().setAttribute("data-kind", "ok");
        status.setText(getTranslation("analytics.range", r.label(fa), num(rows.size())));
        String by = rankBy.getValue() == null ? Leaderboard.COMPOSITE : rankBy.getValue();
        entries = Leaderboard.rank(rows, by);
        grid.setItems(entries);
        List<String> names = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        for (Leaderboard.Entry e : entries) {
            names.add(agentName(e.agentId()));
            values.add(Leaderboard.COMPOSITE.equals(by) ? e.score() : e.row().number(by));
        }
        String title = getTranslation(Leaderboard.COMPOSITE.equals(by) ? "scorecards.composite" : "kpi." + by);
        chart.setOption(ChartOptions.chart(title, names,
                List.of(new ChartOptions.Series(title, "bar", values)), List.of(""), fa));
    }

    AnalyticsSupport.Table table() {
        List<String> header = new ArrayList<>(List.of("rank", "agentId", "name", "compositeScore"));
        header.addAll(KPIS);
        List<List<String>> out = new ArrayList<>();
        for (Leaderboard.Entry e : entries) {
            List<String> line = new ArrayList<>(List.of(Integer.toString(e.rank()), e.agentId(),
                    console.agents().agent(e.agentId()).map(a -> a.name()).orElse(""), KpiText.csv(e.score())));
            for (String k : KPIS) {
                line.add(KpiText.csv(e.row().values().get(k)));
            }
            out.add(line);
        }
        return new AnalyticsSupport.Table("pishkhan-scorecards-" + rangeBar.range().fileTag() + ".csv", header, out);
    }

    List<Leaderboard.Entry> entries() {
        return entries;
    }

    Select<String> rankBy() {
        return rankBy;
    }

    RangeBar rangeBar() {
        return rangeBar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.scorecards") + " · " + getTranslation("app.name");
    }
}
