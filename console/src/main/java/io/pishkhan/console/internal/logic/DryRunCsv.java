package io.pishkhan.console.internal.logic;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.TriageInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dry-run cases from a CSV file an admin uploads: a header line naming the columns {@code text}, {@code intent},
 * {@code confidence}, {@code tier}, {@code actualQueue} (any order, case-insensitive; only {@code text} is required),
 * then one case per line. RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote, line breaks inside quotes), a
 * UTF-8 BOM, CRLF and Persian digits are accepted. {@code confidence} is 0-1 (empty: 0). Each case becomes a
 * conversation {@code csv-<n>} (n = the line it starts on) of a customer with attribute {@code tier}.
 */
public final class DryRunCsv {
    /** The most cases one file may hold. */
    public static final int MAX_CASES = 5000;
    public static final List<String> COLUMNS = List.of("text", "intent", "confidence", "tier", "actualqueue");

    private DryRunCsv() {
    }

    /**
     * @throws InputException {@code csv.empty}, {@code csv.header} (no {@code text} column, or an unknown one),
     *                        {@code csv.columns} (a line with more fields than the header), {@code csv.confidence},
     *                        {@code csv.quote} (unclosed quote), {@code csv.tooMany}
     */
    public static List<DryRunCase> parse(String content, Instant now) {
        List<Row> records = records(content == null ? "" : content);
        // skip blank lines (one empty field)
        records.removeIf(r -> r.fields().size() == 1 && r.fields().get(0).isBlank());
        if (records.isEmpty()) {
            throw new InputException("csv.empty", "the file has no lines");
        }
        List<String> header = records.get(0).fields();
        int[] index = new int[COLUMNS.size()];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT).replace("_", "");
            int c = COLUMNS.indexOf(h);
            if (c < 0) {
                throw new InputException("csv.header", "unknown column \"" + header.get(i)
                        + "\" (columns: text,intent,confidence,tier,actualQueue)", header.get(i));
            }
            index[c] = i;
        }
        if (index[0] < 0) {
            throw new InputException("csv.header", "the header has no column \"text\"", "text");
        }
        if (records.size() - 1 > MAX_CASES) {
            throw new InputException("csv.tooMany", "more than " + MAX_CASES + " cases", MAX_CASES);
        }
        List<DryRunCase> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r).fields();
            int line = records.get(r).line();
            if (rec.size() > header.size()) {
                throw new InputException("csv.columns", "line " + line + ": " + rec.size() + " fields, the header has "
                        + header.size(), line, rec.size(), header.size());
            }
            String text = field(rec, index[0]);
            String intent = RoutingText.blankToNull(field(rec, index[1]));
            double confidence = confidence(field(rec, index[2]), line);
            String tier = RoutingText.blankToNull(field(rec, index[3]));
            String actual = RoutingText.blankToNull(field(rec, index[4]));
            out.add(toCase("csv-" + line, text, intent, confidence, tier, actual, now));
        }
        return out;
    }

    /** One replayed case as the dry run needs it. */
    public static DryRunCase toCase(String id, String text, String intent, double confidence, String tier,
            String actualQueue, Instant now) {
        Conversation c = new Conversation(id, "customer-" + id, "csv", null, ConversationState.QUEUED, actualQueue,
                null, intent, Map.of(), now, now);
        Customer customer = new Customer("customer-" + id, id, List.of(), tier == null ? Map.of() : Map.of("tier", tier),
                now);
        return new DryRunCase(new TriageInput(c, customer, text, intent, confidence, null, now), actualQueue, null);
    }

    private static String field(List<String> rec, int i) {
        return i < 0 || i >= rec.size() ? "" : rec.get(i);
    }

    private static double confidence(String s, int line) {
        String v = RoutingText.latinDigits(s).strip().replace('\u066B', '.');
        if (v.isEmpty()) {
            return 0;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d >= 0 && d <= 1)) {
            throw new InputException("csv.confidence", "line " + line + ": confidence \"" + s + "\" must be 0-1", line,
                    s);
        }
        return d;
    }

    /** One CSV record and the line it starts on (1-based). */
    record Row(int line, List<String> fields) {
    }

    /** RFC 4180 records: fields split on commas, quotes for fields with commas, quotes or line breaks. */
    static List<Row> records(String content) {
        String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<Row> out = new ArrayList<>();
        int start = 1;
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    f.append(c);
                }
            } else if (c == '"' && f.toString().isBlank()) {
                quoted = true;
                quoteLine = line;
                f.setLength(0);
            } else if (c == ',') {
                rec.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue;
            } else if (c == '\n' || c == '\r') {
                rec.add(f.toString());
                f.setLength(0);
                out.add(new Row(start, rec));
                rec = new ArrayList<>();
                line++;
                start = line;
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new InputException("csv.quote", "line " + quoteLine + ": a quote is not closed", quoteLine);
        }
        if (f.length() > 0 || !rec.isEmpty()) {
            rec.add(f.toString());
            out.add(new Row(start, rec));
        }
        return out;
    }
}
