package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.StreamResource;
import io.pishkhan.console.internal.logic.Csv;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;

/** Pieces the analytics screens share: the CSV download link and the "analytics not installed" note. */
final class AnalyticsSupport {
    private AnalyticsSupport() {
    }

    /** The rows of a CSV export: header and rows, taken when the user downloads. */
    record Table(String fileName, List<String> header, List<List<String>> rows) {
        byte[] bytes() {
            return Csv.bytes(header, rows);
        }
    }

    /**
     * A download link ({@code <a download>}) whose file is made from {@code table} at click time: UTF-8 with BOM,
     * RFC 4180 quoting ({@link Csv}).
     */
    @SuppressWarnings("deprecation")
    static Anchor csvLink(String id, String text, Supplier<Table> table) {
        Table first = table.get();
        StreamResource r = new StreamResource(first.fileName(), () -> new ByteArrayInputStream(table.get().bytes()));
        r.setContentType("text/csv; charset=UTF-8");
        r.setCacheTime(0);
        Anchor a = new Anchor(r, text);
        a.setId(id);
        a.getElement().setAttribute("download", true);
        a.getElement().setAttribute("router-ignore", true);
        a.addClassName("pk-csv");
        return a;
    }

    static Component missing(String id, String text) {
        Span s = new Span(text);
        s.setId(id);
        s.addClassName("pk-missing");
        return s;
    }
}
