package io.pishkhan.kb.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma separated fields, fields in double quotes may hold commas, line breaks and doubled quotes
 * ({@code ""}); CRLF, LF or CR line ends; a leading byte order mark is ignored. Each record knows the line it starts
 * on, for error messages. Lenient where spreadsheets are: text after a closing quote is kept.
 */
final class CsvReader {
    /** One record: its fields, the 1-based line it starts on, and a problem ({@code null} when well formed). */
    record Row(int line, List<String> fields, String problem) {
        boolean blank() {
            return fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    private CsvReader() {
    }

    static List<Row> read(String text) {
        List<Row> rows = new ArrayList<>();
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int n = s.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            String problem = null;
            int quoteLine = 0;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                        continue;
                    }
                    if (c == '\r' || c == '\n') {
                        line++;
                        field.append('\n');
                        i += c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
                        continue;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        if (field.length() == 0 && !wasQuoted) {
                            quoted = true;
                            wasQuoted = true;
                            quoteLine = line;
                        } else {
                            field.append(c);
                        }
                        i++;
                    }
                    case ',' -> {
                        fields.add(field.toString());
                        field.setLength(0);
                        wasQuoted = false;
                        i++;
                    }
                    case '\r', '\n' -> {
                        i += c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
                        line++;
                        endOfRecord = true;
                    }
                    default -> {
                        field.append(c);
                        i++;
                    }
                }
            }
            if (quoted) {
                problem = "quoted field opened on line " + quoteLine + " is never closed";
            }
            fields.add(field.toString());
            rows.add(new Row(startLine, List.copyOf(fields), problem));
        }
        return rows;
    }
}
