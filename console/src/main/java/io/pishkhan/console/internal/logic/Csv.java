package io.pishkhan.console.internal.logic;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV export of the console's tables: RFC 4180 (comma separated, CRLF line ends, a field with a comma, a double
 * quote, CR or LF is quoted and its quotes doubled) in UTF-8 with a byte-order mark, so that Excel opens Persian
 * text correctly. A field starting with {@code = + - @} that is not a number gets a leading apostrophe (no formula
 * injection when a spreadsheet opens the file).
 */
public final class Csv {
    /** The UTF-8 byte-order mark. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number) && !isNumber(s)) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The whole file as text: BOM, header line, one line per row, each line ended by CRLF. */
    public static String text(List<String> header, List<? extends List<?>> rows) {
        StringBuilder b = new StringBuilder(BOM);
        line(b, header);
        for (List<?> r : rows) {
            line(b, r);
        }
        return b.toString();
    }

    public static byte[] bytes(List<String> header, List<? extends List<?>> rows) {
        return text(header, rows).getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(values.get(i)));
        }
        b.append("\r\n");
    }
}
