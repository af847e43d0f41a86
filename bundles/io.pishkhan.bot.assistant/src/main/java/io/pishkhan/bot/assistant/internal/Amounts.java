package io.pishkhan.bot.assistant.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Money amounts: digits with thousands separators ({@code ,} or Arabic {@code ٬}) or decimals, Persian and English
 * number words ({@code دو میلیون و پانصد هزار}, {@code five thousand}), scale words ({@code هزار}, {@code میلیون},
 * {@code million}...) and a unit ({@code تومان}, {@code ریال}, {@code rial}, {@code toman}, {@code USD}, {@code $},
 * {@code دلار}). The value is in rials for rial and toman (1 toman = 10 rials), {@code <n> USD} for dollars, and the
 * bare number when there is no unit (only numbers with thousands separators count as amounts then).
 */
final class Amounts {
    /** A parsed amount within the folded text. */
    record Found(int start, int end, String value) {
    }

    private static final Map<String, Long> WORDS = new HashMap<>();
    private static final Map<String, Long> SCALES = new HashMap<>();
    private static final Map<String, String> UNITS = new HashMap<>();

    static {
        String[] fa = {"صفر:0", "یک:1", "یه:1", "دو:2", "سه:3", "چهار:4", "پنج:5", "شش:6", "شیش:6", "هفت:7", "هشت:8",
            "نه:9", "ده:10", "یازده:11", "دوازده:12", "سیزده:13", "چهارده:14", "پانزده:15", "پونزده:15", "شانزده:16",
            "شونزده:16", "هفده:17", "هجده:18", "هیجده:18", "نوزده:19", "بیست:20", "سی:30", "چهل:40", "پنجاه:50",
            "شصت:60", "هفتاد:70", "هشتاد:80", "نود:90", "صد:100", "یکصد:100", "دویست:200", "سیصد:300",
            "چهارصد:400", "پانصد:500", "پونصد:500", "ششصد:600", "هفتصد:700", "هشتصد:800", "نهصد:900",
            "zero:0", "one:1", "two:2", "three:3", "four:4", "five:5", "six:6", "seven:7", "eight:8", "nine:9",
            "ten:10", "eleven:11", "twelve:12", "thirteen:13", "fourteen:14", "fifteen:15", "sixteen:16",
            "seventeen:17", "eighteen:18", "nineteen:19", "twenty:20", "thirty:30", "forty:40", "fifty:50",
            "sixty:60", "seventy:70", "eighty:80", "ninety:90"};
        for (String w : fa) {
            int c = w.indexOf(':');
            WORDS.put(w.substring(0, c), Long.parseLong(w.substring(c + 1)));
        }
        SCALES.put("hundred", 100L);
        SCALES.put("هزار", 1_000L);
        SCALES.put("thousand", 1_000L);
        SCALES.put("k", 1_000L);
        SCALES.put("میلیون", 1_000_000L);
        SCALES.put("million", 1_000_000L);
        SCALES.put("میلیارد", 1_000_000_000L);
        SCALES.put("billion", 1_000_000_000L);
        for (String u : List.of("تومان", "تومن", "toman", "tomans", "irt")) {
            UNITS.put(u, "toman");
        }
        for (String u : List.of("ریال", "rial", "rials", "irr")) {
            UNITS.put(u, "rial");
        }
        for (String u : List.of("usd", "dollar", "dollars", "دلار", "$")) {
            UNITS.put(u, "usd");
        }
    }

    private static final String L = "(?<![\\p{L}\\p{N}_])";
    private static final String R = "(?![\\p{L}\\p{N}_])";
    private static final String NUMBER = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    private static final String WORD = alternation(WORDS.keySet());
    private static final String SCALE = alternation(SCALES.keySet());
    private static final String TOKEN = "(?:" + NUMBER + "|" + WORD + R + "|" + SCALE + R + ")";
    private static final String SEQUENCE = TOKEN + "(?:\\s*(?:(?:و|and)\\s+)?" + TOKEN + ")*";
    private static final String UNIT = "(?:" + alternation(UNITS.keySet().stream().filter(u -> !u.equals("$")).toList())
            + ")" + R;
    private static final Pattern WITH_UNIT = Pattern.compile(L + "(?<n>" + SEQUENCE + ")\\s*(?<u>" + UNIT + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DOLLAR_SIGN = Pattern.compile("\\$\\s?(?<n>" + NUMBER + ")(?:\\s*(?<s>" + SCALE + ")" + R + ")?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATED = Pattern.compile("(?<![\\d,.])(?<n>\\d{1,3}(?:,\\d{3})+)(?![\\d,]|\\.\\d)");
    private static final Pattern TOKENS = Pattern.compile(NUMBER + "|[\\p{L}$]+", Pattern.CASE_INSENSITIVE);

    private Amounts() {
    }

    private static String alternation(java.util.Collection<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    /** Amounts in {@code folded} (see {@link Text#fold}), left to right, not overlapping. */
    static List<Found> find(String folded) {
        List<Found> out = new ArrayList<>();
        Matcher m = WITH_UNIT.matcher(folded);
        while (m.find()) {
            BigDecimal n = parse(m.group("n"));
            if (n != null) {
                out.add(new Found(m.start(), m.end(), value(n, UNITS.get(m.group("u").toLowerCase(Locale.ROOT)))));
            }
        }
        m = DOLLAR_SIGN.matcher(folded);
        while (m.find()) {
            BigDecimal n = parse(m.group("n") + (m.group("s") == null ? "" : " " + m.group("s")));
            if (n != null && free(out, m.start(), m.end())) {
                out.add(new Found(m.start(), m.end(), value(n, "usd")));
            }
        }
        m = SEPARATED.matcher(folded);
        while (m.find()) {
            BigDecimal n = parse(m.group("n"));
            if (n != null && free(out, m.start(), m.end())) {
                out.add(new Found(m.start(), m.end(), value(n, null)));
            }
        }
        out.sort(Comparator.comparingInt(Found::start));
        return out;
    }

    private static boolean free(List<Found> taken, int start, int end) {
        return taken.stream().noneMatch(f -> f.start() < end && start < f.end());
    }

    private static String value(BigDecimal n, String unit) {
        if ("toman".equals(unit)) {
            return plain(n.multiply(BigDecimal.TEN));
        }
        if ("usd".equals(unit)) {
            return plain(n) + " USD";
        }
        return plain(n);
    }

    private static String plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /**
     * The number a sequence of digits and number words stands for: {@code 2.5 میلیون} = 2500000,
     * {@code یک میلیون و دویست و پنجاه هزار} = 1250000, {@code 12,500} = 12500; null when it holds no number.
     */
    static BigDecimal parse(String sequence) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal current = BigDecimal.ZERO;
        boolean any = false;
        Matcher t = TOKENS.matcher(sequence);
        while (t.find()) {
            String tok = t.group().toLowerCase(Locale.ROOT);
            if (tok.equals("و") || tok.equals("and")) {
                continue;
            }
            if (Character.isDigit(tok.charAt(0))) {
                current = current.add(new BigDecimal(tok.replace(",", "")));
                any = true;
            } else if (WORDS.containsKey(tok)) {
                current = current.add(BigDecimal.valueOf(WORDS.get(tok)));
                any = true;
            } else if (SCALES.containsKey(tok)) {
                BigDecimal scale = BigDecimal.valueOf(SCALES.get(tok));
                if (current.signum() == 0) {
                    current = BigDecimal.ONE;
                }
                if (scale.longValue() == 100) {
                    current = current.multiply(scale); // "five hundred" stays within the current group
                } else {
                    total = total.add(current.multiply(scale));
                    current = BigDecimal.ZERO;
                }
                any = true;
            } else {
                return null;
            }
        }
        return any ? total.add(current) : null;
    }
}
