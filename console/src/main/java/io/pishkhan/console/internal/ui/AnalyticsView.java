package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.Bucket;
import io.pishkhan.api.analytics.Dimension;
import io.pishkhan.api.analytics.KpiQuery;
import io.pishkhan.api.analytics.KpiRow;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ChartOptions;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.DateRange;
import io.pishkhan.console.internal.logic.KpiText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KPI analytics: a date range (Jalali in Persian), a bucket (hour, day, week, month) and a dimension (queue, agent,
 * channel, intent); charts of the totals per bucket (volume; speed: ASA and first response; quality: service level,
 * FCR, CSAT) and of the chosen dimension's values over the range, the KPI table of the dimension × bucket rows and
 * its CSV export. Data from the optional {@link AnalyticsService}.
 */
@Route(value = "analytics", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class AnalyticsView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    /** KPI columns of the table (every KPI is in the CSV). */
    static final List<String> TABLE_KPIS = List.of("conversations", "answered", "abandoned", "asaSeconds",
            "serviceLevel", "firstResponseSeconds", "ahtSeconds", "fcrRate", "csatAverage", "botContainmentRate");

    private final transient Console console = ConsoleServlet.console();
    private final ZoneId zone = console.settings().zone();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final Select<Bucket> bucket = new Select<>();
    private final Select<Dimension> dimension = new Select<>();
    private final RangeBar rangeBar;
    private final EChart volume = chart("chart-volume");
    private final EChart speed = chart("chart-speed");
    private final EChart quality = chart("chart-quality");
    private final EChart byDimension = chart("chart-dimension");
    private final Grid<KpiRow> grid = new Grid<>();
    private final Span status = new Span();
    private final Div body = new Div();
    private volatile List<KpiRow> rows = List.of();

    public AnalyticsView() {
        setWidthFull();
        bucket.setId("bucket");
        bucket.setLabel(getTranslation("analytics.bucket"));
        bucket.setItems(Bucket.HOUR, Bucket.DAY, Bucket.WEEK, Bucket.MONTH);
        bucket.setItemLabelGenerator(b -> getTranslation("bucket." + b.name()));
        bucket.setValue(Bucket.DAY);
        dimension.setId("dimension");
        dimension.setLabel(getTranslation("analytics.dimension"));
        dimension.setItems(Dimension.QUEUE, Dimension.AGENT, Dimension.CHANNEL, Dimension.INTENT, Dimension.ALL);
        dimension.setItemLabelGenerator(d -> getTranslation("dimension." + d.name()));
        dimension.setValue(Dimension.QUEUE);
        rangeBar = new RangeBar(zone, r -> refresh(), bucket, dimension);
        bucket.addValueChangeListener(e -> refresh());
        dimension.addValueChangeListener(e -> refresh());

        grid.setId("kpi-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> label(r.dimension(), r.key())).setHeader(getTranslation("analytics.key"))
                .setAutoWidth(true).setFrozen(true);
        grid.addColumn(r -> KpiText.bucket(r.bucketStart(), bucket.getValue(), zone, fa))
                .setHeader(getTranslation("analytics.bucketStart")).setAutoWidth(true);
        for (String k : TABLE_KPIS) {
            grid.addColumn(r -> KpiText.display(k, r.values().get(k), fa)).setHeader(getTranslation("kpi." + k))
                    .setAutoWidth(true).setKey(k);
        }
        grid.setAllRowsVisible(true);
        status.setId("analytics-status");
        status.addClassName("pk-label");

        body.setWidthFull();
        Div charts = new Div(volume, speed, quality, byDimension);
        charts.addClassName("pk-charts");
        body.add(charts, new H3(getTranslation("analytics.table")),
                AnalyticsSupport.csvLink("kpi-csv", getTranslation("csv.download"), this::table), grid);
        add(new H3(getTranslation("nav.analytics")), rangeBar, status, body);
        refresh();
    }

    private static EChart chart(String id) {
        EChart c = new EChart();
        c.setId(id);
        c.setHeight("300px");
        return c;
    }

    /** Agent and queue ids with their names from the directory; "all" translated. */
    private String label(Dimension d, String key) {
        if (d == Dimension.ALL) {
            return getTranslation("dimension.all");
        }
        if (d == Dimension.AGENT) {
            return console.agents().agent(key).map(a -> a.name() + " (" + key + ")").orElse(key);
        }
        if (d == Dimension.QUEUE) {
            return console.agents().queue(key).map(q -> q.name()).orElse(key);
        }
        return key;
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
        Instant from = r.from(zone);
        Instant to = r.to(zone);
        Bucket b = bucket.getValue() == null ? Bucket.DAY : bucket.getValue();
        Dimension d = dimension.getValue() == null ? Dimension.QUEUE : dimension.getValue();
        List<KpiRow> series;
        List<KpiRow> table;
        List<KpiRow> totals;
        try {
            series = service.get().kpis(new KpiQuery(from, to, b, Dimension.ALL, zone, Map.of()));
            table = d == Dimension.ALL ? series : service.get().kpis(new KpiQuery(from, to, b, d, zone, Map.of()));
            totals = service.get().kpis(KpiQuery.total(from, to, d, zone));
        } catch (RuntimeException e) {
            status.setText(getTranslation("analytics.error", String.valueOf(e.getMessage())));
            status.getElement().setAttribute("data-kind", "error");
            return;
        }
        body.setVisible(true);
        status.getElement().setAttribute("data-kind", "ok");
        status.setText(getTranslation("analytics.range", r.label(fa), rows(table.size())));
        rows = List.copyOf(table);
        grid.setItems(rows);
        List<String> cats = new ArrayList<>();
        for (KpiRow row : series) {
            cats.add(KpiText.bucket(row.bucketStart(), b, zone, fa));
        }
        volume.setOption(ChartOptions.chart(getTranslation("chart.volume"), cats, List.of(
                new ChartOptions.Series(getTranslation("kpi.conversations"), "line", values(series, "conversations")),
                new ChartOptions.Series(getTranslation("kpi.answered"), "line", values(series, "answered")),
                new ChartOptions.Series(getTranslation("kpi.abandoned"), "line", values(series, "abandoned"))),
                List.of(getTranslation("chart.count")), fa));
        speed.setOption(ChartOptions.chart(getTranslation("chart.speed"), cats, List.of(
                new ChartOptions.Series(getTranslation("kpi.asaSeconds"), "bar", values(series, "asaSeconds")),
                new ChartOptions.Series(getTranslation("kpi.firstResponseSeconds"), "bar",
                        values(series, "firstResponseSeconds"))),
                List.of(getTranslation("chart.seconds")), fa));
        quality.setOption(ChartOptions.chart(getTranslation("chart.quality"), cats, List.of(
                new ChartOptions.Series(getTranslation("kpi.serviceLevel"), "line", percent(series, "serviceLevel")),
                new ChartOptions.Series(getTranslation("kpi.fcrRate"), "line", percent(series, "fcrRate")),
                new ChartOptions.Series(getTranslation("kpi.csatAverage"), "bar", values(series, "csatAverage"), 1)),
                List.of("%", getTranslation("chart.csat")), fa));
        List<String> keys = new ArrayList<>();
        for (KpiRow row : totals) {
            keys.add(label(row.dimension(), row.key()));
        }
        byDimension.setOption(ChartOptions.chart(getTranslation("chart.byDimension",
                getTranslation("dimension." + d.name())), keys, List.of(
                new ChartOptions.Series(getTranslation("kpi.conversations"), "bar", values(totals, "conversations")),
                new ChartOptions.Series(getTranslation("kpi.asaSeconds"), "bar", values(totals, "asaSeconds"), 1)),
                List.of(getTranslation("chart.count"), getTranslation("chart.seconds")), fa));
    }

    private String rows(int n) {
        return fa ? io.pishkhan.console.internal.logic.Dates.persianDigits(Integer.toString(n)) : Integer.toString(n);
    }

    static List<Number> values(List<KpiRow> rows, String kpi) {
        List<Number> out = new ArrayList<>();
        for (KpiRow r : rows) {
            Object v = r.values().get(kpi);
            out.add(v instanceof Number n ? n : null);
        }
        return out;
    }

    static List<Number> percent(List<KpiRow> rows, String kpi) {
        List<Number> out = new ArrayList<>();
        for (KpiRow r : rows) {
            Double v = r.number(kpi);
            out.add(v == null ? null : v * 100);
        }
        return out;
    }

    /** The CSV of the table: dimension, key, name, bucket start (ISO, in the console's zone), every KPI. */
    AnalyticsSupport.Table table() {
        List<String> header = new ArrayList<>(List.of("dimension", "key", "name", "bucketStart"));
        header.addAll(KpiRow.NAMES);
        List<List<String>> out = new ArrayList<>();
        for (KpiRow r : rows) {
            List<String> line = new ArrayList<>(List.of(r.dimension().name(), r.key(), label(r.dimension(), r.key()),
                    r.bucketStart().atZone(zone).toOffsetDateTime().toString()));
            for (String k : KpiRow.NAMES) {
                line.add(KpiText.csv(r.values().get(k)));
            }
            out.add(line);
        }
        return new AnalyticsSupport.Table("pishkhan-kpis-" + rangeBar.range().fileTag() + ".csv", header, out);
    }

    List<KpiRow> rows() {
        return rows;
    }

    RangeBar rangeBar() {
        return rangeBar;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.analytics") + " · " + getTranslation("app.name");
    }
}
