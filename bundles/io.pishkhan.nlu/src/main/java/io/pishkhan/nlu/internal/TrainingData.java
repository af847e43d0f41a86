package io.pishkhan.nlu.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labelled examples read from CSV: UTF-8, RFC 4180 quoting, a header naming the columns {@code text} and
 * {@code label} (other columns are ignored, any order, case-insensitive). Rows labelled {@value #OUT_OF_SCOPE} are
 * out-of-scope examples. Empty lines are skipped. Every problem is an {@link IllegalArgumentException} naming the
 * line.
 */
public final class TrainingData {
    /** The label of out-of-scope examples (training) and expected out-of-scope rows (evaluation). */
    public static final String OUT_OF_SCOPE = "oos";

    /** One row; {@code line} is the 1-based line where the row starts. */
    public record Example(String text, String label, int line) {
        public boolean outOfScope() {
            return OUT_OF_SCOPE.equals(label);
        }
    }

    private TrainingData() {
    }

    /** Decodes strictly as UTF-8 (a leading BOM is skipped) and parses. */
    public static List<Example> parse(byte[] csv) {
        return parse(csv, false);
    }

    /**
     * @param skipWithoutWords skip rows whose text has no letter or digit (e.g. {@code ")"}) instead of refusing
     *                         them (sentiment data sets of phrases hold a few); an empty text is still refused
     */
    public static List<Example> parse(byte[] csv, boolean skipWithoutWords) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return parse(decoder.decode(ByteBuffer.wrap(csv)).toString(), skipWithoutWords);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("line " + lineOfFirstInvalidByte(csv)
                    + ": not UTF-8 (save the file as UTF-8, e.g. from Excel choose \"CSV UTF-8\")");
        }
    }

    /**
     * Parses text already decoded. A replacement character (U+FFFD) means the bytes were not UTF-8 when they were
     * decoded, and is refused like invalid UTF-8.
     */
    public static List<Example> parse(String csv) {
        return parse(csv, false);
    }

    /** @param skipWithoutWords see {@link #parse(byte[], boolean)} */
    public static List<Example> parse(String csv, boolean skipWithoutWords) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("line 1: empty file, expected a header \"text,label\"");
        }
        String data = csv.charAt(0) == '\uFEFF' ? csv.substring(1) : csv;
        List<Row> rows = records(data);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("line 1: empty file, expected a header \"text,label\"");
        }
        Row header = rows.get(0);
        int textColumn = -1;
        int labelColumn = -1;
        for (int i = 0; i < header.fields.size(); i++) {
            String name = header.fields.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.equals("text") && textColumn < 0) {
                textColumn = i;
            } else if (name.equals("label") && labelColumn < 0) {
                labelColumn = i;
            }
        }
        if (textColumn < 0 || labelColumn < 0) {
            throw new IllegalArgumentException("line " + header.line + ": missing header, expected columns "
                    + "\"text,label\" but found \"" + abbreviate(String.join(",", header.fields)) + "\"");
        }
        List<Example> examples = new ArrayList<>(rows.size() - 1);
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields.size() == 1 && row.fields.get(0).isBlank()) {
                continue; // empty line
            }
            if (row.fields.size() <= Math.max(textColumn, labelColumn)) {
                throw new IllegalArgumentException("line " + row.line + ": expected " + header.fields.size()
                        + " columns (text,label) but found " + row.fields.size());
            }
            String text = row.fields.get(textColumn).strip();
            String label = row.fields.get(labelColumn).strip();
            if (text.indexOf('\uFFFD') >= 0 || label.indexOf('\uFFFD') >= 0) {
                throw new IllegalArgumentException("line " + row.line
                        + ": not UTF-8 (replacement character U+FFFD; save the file as UTF-8)");
            }
            if (skipWithoutWords && !text.isEmpty() && TextNormalizer.normalize(text).isEmpty()) {
                continue;
            }
            if (text.isEmpty() || TextNormalizer.normalize(text).isEmpty()) {
                throw new IllegalArgumentException("line " + row.line + ": empty text");
            }
            if (label.isEmpty()) {
                throw new IllegalArgumentException("line " + row.line + ": empty label");
            }
            examples.add(new Example(text, label, row.line));
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("line " + (header.line + 1) + ": no examples after the header");
        }
        return List.copyOf(examples);
    }

    private record Row(List<String> fields, int line) {
    }

    /** RFC 4180 records; quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<Row> records(String data) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int n = data.length();
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && data.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() == 0 && !fieldWasQuoted) {
                        quoted = true;
                        fieldWasQuoted = true;
                    } else {
                        field.append(c); // a stray quote inside an unquoted field: keep it as text
                    }
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r' -> {
                    // part of CRLF (or a lone CR): the line ends at '\n' or here when no '\n' follows
                    if (i + 1 >= n || data.charAt(i + 1) != '\n') {
                        fields.add(field.toString());
                        rows.add(new Row(List.copyOf(fields), rowLine));
                        fields.clear();
                        field.setLength(0);
                        fieldWasQuoted = false;
                        line++;
                        rowLine = line;
                    }
                }
                case '\n' -> {
                    fields.add(field.toString());
                    rows.add(new Row(List.copyOf(fields), rowLine));
                    fields.clear();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    line++;
                    rowLine = line;
                }
                default -> field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + rowLine + ": unterminated quoted field");
        }
        if (field.length() > 0 || !fields.isEmpty() || fieldWasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(List.copyOf(fields), rowLine));
        }
        // header: the first non-empty record
        while (!rows.isEmpty() && rows.get(0).fields.size() == 1 && rows.get(0).fields.get(0).isBlank()) {
            rows.remove(0);
        }
        return rows;
    }

    private static int lineOfFirstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true); // stops at the first malformed input
        int position = in.position();
        int line = 1;
        for (int i = 0; i < position && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
