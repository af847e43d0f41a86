package io.pishkhan.console.internal.logic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ECharts option objects (JSON) for the analytics charts: one category axis (time buckets or dimension values) and
 * one or two value axes. In Persian the category axis runs right to left and the value axis sits on the right.
 * Missing values ({@code null}) are gaps ({@code "-"} in ECharts).
 */
public final class ChartOptions {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FONT = "Vazirmatn, 'Noto Sans Arabic', 'Noto Sans', sans-serif";

    /** One series: its name, chart type ("line" or "bar"), values (null = no data), value axis 0 or 1. */
    public record Series(String name, String type, List<? extends Number> values, int axis) {
        public Series(String name, String type, List<? extends Number> values) {
            this(name, type, values, 0);
        }
    }

    private ChartOptions() {
    }

    /**
     * @param axisNames names of the value axes (one or two; the second is drawn on the other side)
     */
    public static String chart(String title, List<String> categories, List<Series> series, List<String> axisNames,
            boolean persian) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("title").put("text", title).put(persian ? "right" : "left", 10);
        o.putObject("textStyle").put("fontFamily", FONT);
        o.putObject("tooltip").put("trigger", "axis");
        ObjectNode legend = o.putObject("legend");
        legend.put("top", 28);
        ArrayNode names = legend.putArray("data");
        series.forEach(s -> names.add(s.name()));
        ObjectNode grid = o.putObject("grid");
        grid.put("top", 70).put("left", 60).put("right", 60).put("bottom", 40).put("containLabel", true);
        ObjectNode x = o.putObject("xAxis");
        x.put("type", "category").put("inverse", persian);
        ArrayNode data = x.putArray("data");
        categories.forEach(data::add);
        ArrayNode y = o.putArray("yAxis");
        List<String> axes = axisNames == null || axisNames.isEmpty() ? List.of("") : axisNames;
        for (int i = 0; i < Math.min(2, axes.size()); i++) {
            ObjectNode a = y.addObject();
            a.put("type", "value").put("name", axes.get(i));
            boolean first = i == 0;
            a.put("position", first != persian ? "left" : "right");
            if (!first) {
                a.putObject("splitLine").put("show", false);
            }
        }
        ArrayNode ss = o.putArray("series");
        for (Series s : series) {
            ObjectNode n = ss.addObject();
            n.put("name", s.name()).put("type", s.type());
            if (s.axis() > 0 && axes.size() > 1) {
                n.put("yAxisIndex", 1);
            }
            if ("line".equals(s.type())) {
                n.put("connectNulls", false).put("showSymbol", true);
            }
            ArrayNode v = n.putArray("data");
            for (Number num : s.values()) {
                if (num == null || Double.isNaN(num.doubleValue())) {
                    v.add("-");
                } else if (num instanceof Double d) {
                    v.add(Math.round(d * 100) / 100.0);
                } else {
                    v.add(num.longValue());
                }
            }
        }
        return o.toString();
    }
}
