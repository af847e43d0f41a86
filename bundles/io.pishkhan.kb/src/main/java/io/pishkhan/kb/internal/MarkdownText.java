package io.pishkhan.kb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown (and stray HTML) to plain text for indexing and passages. The stored body keeps its markup; only what is
 * searched and shown as a passage is plain. Paragraphs stay separated by a blank line, list items and table rows
 * each on their own line.
 */
final class MarkdownText {
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_]\\s*){3,}$");
    private static final Pattern QUOTE = Pattern.compile("^\\s*(>\\s?)+");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d{1,9}[.)])\\s+(\\[[ xX]]\\s+)?");
    private static final Pattern TABLE_DIVIDER = Pattern.compile("^\\s*\\|?\\s*:?-{2,}:?\\s*(\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern REF_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
    private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(\\s[^<>]*)?/?>");
    private static final Pattern CODE = Pattern.compile("`+([^`]*)`+");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\p{L}\\p{N}])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\p{L}\\p{N}])");
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|>~])");
    /** Start of a private-use block standing for escaped ASCII punctuation while the inline patterns run. */
    private static final char ESCAPED_BASE = '\uF700';
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");

    private MarkdownText() {
    }

    static String toPlain(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        boolean inFence = false;
        for (String raw : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (FENCE.matcher(raw).matches()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                out.add(raw.strip());
                continue;
            }
            String line = raw;
            if (RULE.matcher(line).matches() || TABLE_DIVIDER.matcher(line).matches() && line.contains("-")) {
                out.add("");
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                line = h.group(1);
            }
            line = QUOTE.matcher(line).replaceFirst("");
            line = LIST_ITEM.matcher(line).replaceFirst("");
            line = inline(line);
            if (line.contains("|")) {
                line = tableRow(line);
            }
            out.add(SPACES.matcher(line).replaceAll(" ").strip());
        }
        return joinParagraphs(out);
    }

    private static String inline(String line) {
        // backslash escapes first, to private-use characters that no other pattern matches; restored at the end
        String s = ESCAPE.matcher(line).replaceAll(m -> String.valueOf((char) (ESCAPED_BASE + m.group(1).charAt(0))));
        s = IMAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = REF_LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = AUTOLINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = HTML_TAG.matcher(s).replaceAll("");
        s = CODE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = STRONG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        s = STRIKE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = EMPHASIS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        s = unescape(s);
        return s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= ESCAPED_BASE && c < ESCAPED_BASE + 128 ? (char) (c - ESCAPED_BASE) : c);
        }
        return b.toString();
    }

    private static String tableRow(String line) {
        String s = line.strip();
        if (s.startsWith("|")) {
            s = s.substring(1);
        }
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        StringBuilder b = new StringBuilder();
        for (String cell : s.split("\\|")) {
            String c = cell.strip();
            if (!c.isEmpty()) {
                if (b.length() > 0) {
                    b.append(" - ");
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Lines back into text: runs of blank lines become one blank line; no leading or trailing blank lines. */
    private static String joinParagraphs(List<String> lines) {
        StringBuilder b = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            if (line.isEmpty()) {
                blank = b.length() > 0;
                continue;
            }
            if (b.length() > 0) {
                b.append(blank ? "\n\n" : "\n");
            }
            b.append(line);
            blank = false;
        }
        return b.toString();
    }
}
