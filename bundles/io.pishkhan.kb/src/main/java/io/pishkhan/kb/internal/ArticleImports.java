package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses CSV and Markdown imports into draft articles (blank id), each with the line it starts on. The drafts are
 * not validated here beyond the format; {@link ArticleRules} checks them when they are saved.
 */
final class ArticleImports {
    /** A draft article from one CSV record or Markdown section, or the reason it was refused. */
    record Draft(int line, Article article, String error) {
    }

    static final List<String> CSV_COLUMNS = List.of("title", "body", "tags", "language", "channels", "published", "link");
    private static final Set<String> REQUIRED_COLUMNS = Set.of("title", "body", "language");

    private static final Pattern MD_HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern MD_FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern MD_FRONT = Pattern.compile("^\\s*(tags|channels|link|published)\\s*:\\s*(.*?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;,،؛]");

    private ArticleImports() {
    }

    /**
     * CSV with a header naming columns among {@link #CSV_COLUMNS} in any order (title, body and language required).
     *
     * @throws IllegalArgumentException when the header is missing, names an unknown or repeated column, or lacks a
     *                                  required one
     */
    static List<Draft> csv(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("CSV is empty: expected the header " + String.join(",", CSV_COLUMNS));
        }
        List<CsvReader.Row> rows = CsvReader.read(csv);
        CsvReader.Row header = rows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (!CSV_COLUMNS.contains(name)) {
                throw new IllegalArgumentException("line 1: the first line must be the header "
                        + String.join(",", CSV_COLUMNS) + "; unknown column '" + header.fields().get(i).strip() + "'");
            }
            if (col.put(name, i) != null) {
                throw new IllegalArgumentException("line 1: column '" + name + "' appears twice in the header");
            }
        }
        for (String required : CSV_COLUMNS) {
            if (REQUIRED_COLUMNS.contains(required) && !col.containsKey(required)) {
                throw new IllegalArgumentException("line 1: the header lacks the column '" + required + "' (expected "
                        + String.join(",", CSV_COLUMNS) + ")");
            }
        }
        List<Draft> out = new ArrayList<>();
        for (CsvReader.Row row : rows.subList(1, rows.size())) {
            if (row.problem() != null) {
                out.add(new Draft(row.line(), null, "line " + row.line() + ": " + row.problem()));
                continue;
            }
            if (row.blank()) {
                continue;
            }
            if (row.fields().size() != header.fields().size()) {
                out.add(new Draft(row.line(), null, "line " + row.line() + ": " + row.fields().size()
                        + " fields, the header has " + header.fields().size()));
                continue;
            }
            try {
                Boolean published = published(cell(row, col, "published"));
                if (published == null) {
                    throw new IllegalArgumentException("published must be true or false: " + cell(row, col, "published"));
                }
                out.add(new Draft(row.line(), new Article("", cell(row, col, "title"), cell(row, col, "body"),
                        list(cell(row, col, "tags")), cell(row, col, "language"), list(cell(row, col, "channels")),
                        published, cell(row, col, "link"), null, null), null));
            } catch (IllegalArgumentException e) {
                out.add(new Draft(row.line(), null, "line " + row.line() + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Markdown: each level-1 heading ({@code # Title}) starts an article whose body runs to the next level-1
     * heading; lines {@code tags:}, {@code channels:}, {@code link:} and {@code published:} right after the heading
     * (blank lines allowed between) are metadata. Headings inside fenced code blocks do not count.
     */
    static List<Draft> markdown(String markdown, String language) {
        String lang = ArticleRules.language(language);
        if (markdown == null || markdown.isBlank()) {
            throw new IllegalArgumentException("Markdown is empty: expected sections starting with '# title'");
        }
        String[] lines = (markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown)
                .replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Draft> out = new ArrayList<>();
        int i = 0;
        boolean inFence = false;
        int strayLine = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (MD_FENCE.matcher(line).matches()) {
                inFence = !inFence;
            }
            Matcher h = inFence ? null : MD_HEADING.matcher(line);
            if (h == null || !h.matches()) {
                if (!line.isBlank() && strayLine == 0 && out.isEmpty()) {
                    strayLine = i + 1;
                }
                i++;
                continue;
            }
            int headingLine = i + 1;
            String title = h.group(1);
            i++;
            Map<String, String> front = new HashMap<>();
            while (i < lines.length) {
                Matcher f = MD_FRONT.matcher(lines[i]);
                if (f.matches()) {
                    front.put(f.group(1).toLowerCase(Locale.ROOT), f.group(2));
                    i++;
                } else if (lines[i].isBlank()) {
                    i++;
                } else {
                    break;
                }
            }
            StringBuilder body = new StringBuilder();
            boolean fence = false;
            while (i < lines.length) {
                if (MD_FENCE.matcher(lines[i]).matches()) {
                    fence = !fence;
                } else if (!fence && MD_HEADING.matcher(lines[i]).matches()) {
                    break;
                }
                body.append(lines[i]).append('\n');
                i++;
            }
            try {
                Boolean published = published(front.get("published"));
                if (published == null) {
                    throw new IllegalArgumentException("published must be true or false: " + front.get("published"));
                }
                out.add(new Draft(headingLine, new Article("", title, body.toString(), list(front.get("tags")), lang,
                        list(front.get("channels")), published, front.get("link"), null, null), null));
            } catch (IllegalArgumentException e) {
                out.add(new Draft(headingLine, null, "line " + headingLine + ": " + e.getMessage()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no article found: each article starts with a line '# title'");
        }
        if (strayLine > 0) {
            out.add(0, new Draft(strayLine, null, "line " + strayLine
                    + ": text before the first '# heading' belongs to no article and was skipped"));
        }
        return out;
    }

    private static String cell(CsvReader.Row row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null ? null : row.fields().get(i);
    }

    /** Tags or channels: separated by ';' (also ',' and the Persian comma and semicolon). */
    static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(LIST_SEPARATOR.split(value)).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** Blank: true (published); null when not a yes/no value. */
    static Boolean published(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "true", "yes", "y", "1", "بله", "آری", "منتشر" -> Boolean.TRUE;
            case "false", "no", "n", "0", "خیر", "نه", "پیش‌نویس" -> Boolean.FALSE;
            default -> null;
        };
    }
}
