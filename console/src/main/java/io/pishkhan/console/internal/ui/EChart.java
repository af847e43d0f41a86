package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * Server side of the {@code <echarts-chart>} custom element (src/main/frontend/echarts-chart.js): Apache ECharts
 * 5.6.0 with tree-shaken imports (line and bar charts) and the SVG renderer. The chart is described by an ECharts
 * option object as JSON ({@link io.pishkhan.console.internal.logic.ChartOptions} builds them).
 */
@Tag("echarts-chart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./echarts-chart.js")
public class EChart extends Component implements HasSize {
    private static final long serialVersionUID = 1L;

    public EChart() {
        setWidth("100%");
        setHeight("320px");
    }

    /** ECharts option object as JSON (https://echarts.apache.org/en/option.html). */
    public void setOption(String json) {
        getElement().setProperty("optionJson", json);
    }

    public String getOption() {
        return getElement().getProperty("optionJson");
    }
}
