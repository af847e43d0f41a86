package io.pishkhan.core.internal.rest;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * CSV for spreadsheet exports, as RFC 4180 writes it: records end with CRLF, a field is quoted when it holds a comma,
 * a double quote, CR or LF, and quotes inside are doubled. Made for Excel and LibreOffice with Persian text:
 * <ul>
 * <li>{@link #utf8(OutputStream)} starts the stream with a UTF-8 byte order mark, without which Excel reads the
 * file in the legacy code page and Persian comes out garbled;</li>
 * <li>numbers ({@link Number}) are written plainly ({@code 0.00012}, never {@code 1.2E-4}); {@code null}, NaN and
 * infinities are empty fields;</li>
 * <li>text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) gets a leading
 * apostrophe, so an exported customer text or intent name cannot inject one (OWASP "CSV injection").</li>
 * </ul>
 * Depends on the JDK only, so that other exports (the console) can use the same rules. Not thread-safe.
 */
public final class CsvWriter implements Flushable, Closeable {
    /** The UTF-8 byte order mark, written first by {@link #utf8(OutputStream)}. */
    public static final char BOM = '\uFEFF';
    /** The media type of the output, for a {@code Content-Type} header. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private final Writer out;

    /** Writes records to {@code out} as they are (no byte order mark). */
    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** UTF-8 CSV on {@code out}, starting with the byte order mark (written now). */
    public static CsvWriter utf8(OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(BOM);
        return new CsvWriter(w);
    }

    /** One record; each cell as {@link #field(Object)} writes it. */
    public CsvWriter row(Object... cells) throws IOException {
        return row(Arrays.asList(cells));
    }

    /** One record; each cell as {@link #field(Object)} writes it. */
    public CsvWriter row(List<?> cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(cells.get(i)));
        }
        out.write(line.append("\r\n").toString());
        return this;
    }

    /** The text of one field: quoted when needed, numbers plain, formulas neutralised, null empty. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return number(n);
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            return d == 0 ? "0" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (n instanceof BigDecimal b) {
            return b.toPlainString();
        }
        return n.toString();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
