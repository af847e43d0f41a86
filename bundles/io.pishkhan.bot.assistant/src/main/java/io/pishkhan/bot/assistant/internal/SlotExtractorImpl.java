package io.pishkhan.bot.assistant.internal;

import io.pishkhan.api.nlu.Slot;
import io.pishkhan.api.nlu.SlotExtractor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds contact-centre fields in Persian and English text, with Persian ({@code ۰-۹}) and Arabic-Indic
 * ({@code ٠-٩}) digits: {@value #PHONE} (Iranian mobile {@code 09xx}, {@code +98}, {@code 0098}, and landlines, as
 * {@code +98...}), {@value #EMAIL} (lower case), {@value #ORDER} and {@value #TICKET} (configurable patterns; the
 * value is the pattern's group {@code id}, else the whole match), {@value #NATIONAL_CODE} (10 digits with the
 * official check digit, not all the same digit), {@value #CARD} (16 digits passing Luhn, spaces or dashes allowed),
 * {@value #AMOUNT} (see {@link Amounts}) and {@value #DATE} (Jalali or Gregorian, as ISO Gregorian
 * {@code yyyy-MM-dd}, via ICU4J).
 *
 * <p>Shares configuration {@value AssistantEngine#PID} with the engine: patterns are the keys
 * {@code slots.order.<name>} and {@code slots.ticket.<name>} (Java regular expressions, matched against the text with
 * Latin digits); without any key of a type the built-in patterns apply.
 */
@Component(service = SlotExtractor.class, configurationPid = AssistantEngine.PID)
public class SlotExtractorImpl implements SlotExtractor {
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String ORDER = "order";
    static final String TICKET = "ticket";
    static final String NATIONAL_CODE = "national_code";
    static final String CARD = "card";
    static final String AMOUNT = "amount";
    static final String DATE = "date";
    /** Flow-only types: the whole message, the first number. */
    static final String TEXT = "text";
    static final String NUMBER = "number";
    static final Set<String> TYPES = Set.of(PHONE, EMAIL, ORDER, TICKET, NATIONAL_CODE, CARD, AMOUNT, DATE, TEXT,
            NUMBER);

    static final String PATTERN_PREFIX = "slots.";

    static final List<String> DEFAULT_ORDER = List.of(
            "(?i)(?<![\\p{L}\\p{N}])ORD[-_ ]?(?<id>\\d{4,12})(?!\\d)",
            "(?i)(?:سفارش|order)\\s*(?:شماره\\s*|number\\s*|no\\.?\\s*)?[#:]?\\s*(?<id>\\d{4,12})(?!\\d)");
    static final List<String> DEFAULT_TICKET = List.of(
            "(?<![\\p{L}\\p{N}&])#\\s?(?<id>\\d{5,12})(?!\\d)",
            "(?i)(?<![\\p{L}\\p{N}])(?:TKT|TICKET|REQ)[-_ ]?(?<id>\\d{4,12})(?!\\d)",
            "(?:(?:کد|شماره)\\s*)?(?:پیگیری|رهگیری|درخواست|تیکت)\\s*(?:شماره\\s*)?[#:]?\\s*(?<id>\\d{4,12})(?!\\d)",
            "(?i)(?:tracking|ticket|request)\\s*(?:number|code|no\\.?|id)?\\s*[#:]?\\s*(?<id>\\d{4,12})(?!\\d)");

    private static final Logger LOG = LoggerFactory.getLogger(SlotExtractorImpl.class);
    private static final Map<String, Integer> PRIORITY = Map.of(EMAIL, 0, DATE, 1, CARD, 2, PHONE, 3,
            NATIONAL_CODE, 4, AMOUNT, 5, ORDER, 6, TICKET, 7);

    private static final String NB = "(?<![\\d+])";
    private static final String NA = "(?!\\d)";
    private static final Pattern MOBILE = Pattern.compile(
            NB + "(?:(?:\\+|00)98[\\s-]?0?|0)(9\\d{2})[\\s-]?(\\d{3})[\\s-]?(\\d{4})" + NA);
    private static final Pattern LANDLINE = Pattern.compile(
            NB + "(?:(?:\\+|00)98[\\s-]?\\(?0?|\\(?0)([1-8]\\d)\\)?[\\s-]?(\\d{4})[\\s-]?(\\d{4})" + NA);
    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])");
    private static final Pattern NATIONAL = Pattern.compile("(?<![\\d-])(\\d{3})-?(\\d{6})-?(\\d)(?![\\d-])");
    private static final Pattern CARD_PATTERN = Pattern.compile(
            "(?<![\\d-])\\d{4}([ -]?)\\d{4}\\1\\d{4}\\1\\d{4}(?![\\d-])");
    private static final Pattern YMD = Pattern.compile(
            "(?<![\\d/.-])(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?![\\d/-]|\\.\\d)");
    private static final Pattern DMY = Pattern.compile(
            "(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})(?![\\d/-]|\\.\\d)");
    private static final Pattern D_MONTH_Y = Pattern.compile(
            "(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:ام\\s+|م\\s+)?(\\p{L}+)\\s*(?:ماه\\s+)?(?:سال\\s+)?,?\\s*(\\d{4})"
                    + NA, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern MONTH_D_Y = Pattern.compile(
            "(?<![\\p{L}])(\\p{L}+)\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})" + NA,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BARE_ID = Pattern.compile("(?<![\\d\\p{L}])\\d{4,12}(?!\\d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private volatile Map<String, List<Pattern>> patterns;

    @Activate
    public SlotExtractorImpl(Map<String, Object> properties) {
        modified(properties);
    }

    /** With the built-in patterns only. */
    SlotExtractorImpl() {
        this(Map.of());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        List<String> problems = new ArrayList<>();
        patterns = compile(properties, problems);
        problems.forEach(p -> LOG.warn("{}: {}", AssistantEngine.PID, p));
    }

    /**
     * The order and ticket patterns of the configuration ({@code slots.order.<name>}, {@code slots.ticket.<name>},
     * in name order), or the built-in ones for a type without keys; an invalid expression is reported and skipped.
     */
    static Map<String, List<Pattern>> compile(Map<String, Object> properties, List<String> problems) {
        Map<String, TreeMap<String, String>> configured = Map.of(ORDER, new TreeMap<>(), TICKET, new TreeMap<>());
        if (properties != null) {
            properties.forEach((k, v) -> {
                for (String type : List.of(ORDER, TICKET)) {
                    String prefix = PATTERN_PREFIX + type + ".";
                    if (k.startsWith(prefix) && v != null && !v.toString().isBlank()) {
                        configured.get(type).put(k.substring(prefix.length()), v.toString().strip());
                    }
                }
            });
        }
        Map<String, List<Pattern>> out = new LinkedHashMap<>();
        for (String type : List.of(ORDER, TICKET)) {
            List<String> sources = configured.get(type).isEmpty()
                    ? (type.equals(ORDER) ? DEFAULT_ORDER : DEFAULT_TICKET)
                    : List.copyOf(configured.get(type).values());
            List<Pattern> compiled = new ArrayList<>();
            for (String src : sources) {
                try {
                    compiled.add(Pattern.compile(src, Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    problems.add("invalid " + type + " pattern " + src + ": " + e.getDescription());
                }
            }
            out.put(type, List.copyOf(compiled));
        }
        return out;
    }

    @Override
    public List<Slot> extract(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = Text.fold(text);
        List<Candidate> all = new ArrayList<>();
        phones(folded, all);
        emails(folded, all);
        nationalCodes(folded, all);
        cards(folded, all);
        for (Amounts.Found a : Amounts.find(folded)) {
            all.add(new Candidate(AMOUNT, a.start(), a.end(), a.value()));
        }
        dates(folded, all);
        for (String type : List.of(ORDER, TICKET)) {
            for (Pattern p : patterns.get(type)) {
                Matcher m = p.matcher(folded);
                while (m.find()) {
                    boolean hasId = p.pattern().contains("(?<id>");
                    int s = hasId ? m.start("id") : m.start();
                    int e = hasId ? m.end("id") : m.end();
                    if (s >= 0) {
                        all.add(new Candidate(type, s, e, folded.substring(s, e).strip().toUpperCase(Locale.ROOT)));
                    }
                }
            }
        }
        // longest first, then by type priority; keep those that do not overlap a kept one
        all.sort(Comparator.comparingInt((Candidate c) -> c.start() - c.end())
                .thenComparingInt(c -> PRIORITY.get(c.type())).thenComparingInt(Candidate::start));
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : all) {
            if (kept.stream().noneMatch(k -> k.start() < c.end() && c.start() < k.end())) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(Candidate::start));
        return kept.stream().map(c -> new Slot(c.type(), text.substring(c.start(), c.end()), c.value(), c.start(),
                c.end())).toList();
    }

    /**
     * The value of a slot of {@code type} in an answer to a question for it: a found slot of that type, else for
     * {@value #ORDER} and {@value #TICKET} a bare run of 4-12 digits not taken by another type, for {@value #NUMBER}
     * the first number, for {@value #TEXT} the stripped message.
     */
    Optional<Slot> extractFor(String text, String type) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (TEXT.equals(type)) {
            String s = text.strip();
            int start = text.indexOf(s);
            return Optional.of(new Slot(TEXT, s, s, start, start + s.length()));
        }
        List<Slot> found = extract(text);
        Optional<Slot> typed = found.stream().filter(s -> s.type().equals(type)).findFirst();
        if (typed.isPresent()) {
            return typed;
        }
        String folded = Text.fold(text);
        Pattern bare = switch (type) {
            case ORDER, TICKET -> BARE_ID;
            case NUMBER -> BARE_NUMBER;
            default -> null;
        };
        if (bare == null) {
            return Optional.empty();
        }
        Matcher m = bare.matcher(folded);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (found.stream().noneMatch(f -> f.start() < e && s < f.end())) {
                return Optional.of(new Slot(type, text.substring(s, e), m.group(), s, e));
            }
        }
        return Optional.empty();
    }

    private record Candidate(String type, int start, int end, String value) {
    }

    private static void phones(String t, List<Candidate> out) {
        Matcher m = MOBILE.matcher(t);
        while (m.find()) {
            out.add(new Candidate(PHONE, m.start(), m.end(), "+98" + m.group(1) + m.group(2) + m.group(3)));
        }
        m = LANDLINE.matcher(t);
        while (m.find()) {
            out.add(new Candidate(PHONE, m.start(), m.end(), "+98" + m.group(1) + m.group(2) + m.group(3)));
        }
    }

    private static void emails(String t, List<Candidate> out) {
        Matcher m = EMAIL_PATTERN.matcher(t);
        while (m.find()) {
            out.add(new Candidate(EMAIL, m.start(), m.end(), m.group().toLowerCase(Locale.ROOT)));
        }
    }

    private static void nationalCodes(String t, List<Candidate> out) {
        Matcher m = NATIONAL.matcher(t);
        while (m.find()) {
            String digits = m.group(1) + m.group(2) + m.group(3);
            if (validNationalCode(digits)) {
                out.add(new Candidate(NATIONAL_CODE, m.start(), m.end(), digits));
            }
        }
    }

    /** Iranian national code: 10 digits, not all equal, check digit per the official mod-11 rule. */
    static boolean validNationalCode(String digits) {
        if (digits == null || !digits.matches("\\d{10}") || digits.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int r = sum % 11;
        int check = digits.charAt(9) - '0';
        return r < 2 ? check == r : check == 11 - r;
    }

    private static void cards(String t, List<Candidate> out) {
        Matcher m = CARD_PATTERN.matcher(t);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (luhn(digits)) {
                out.add(new Candidate(CARD, m.start(), m.end(), digits));
            }
        }
    }

    static boolean luhn(String digits) {
        if (digits == null || !digits.matches("\\d{12,19}") || digits.chars().distinct().count() == 1) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static void dates(String t, List<Candidate> out) {
        Matcher m = YMD.matcher(t);
        while (m.find()) {
            Dates.numeric(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))
                    .ifPresent(d -> out.add(date(m, d)));
        }
        Matcher dmy = DMY.matcher(t);
        while (dmy.find()) {
            Dates.numeric(Integer.parseInt(dmy.group(4)), Integer.parseInt(dmy.group(3)),
                    Integer.parseInt(dmy.group(1))).ifPresent(d -> out.add(date(dmy, d)));
        }
        Matcher named = D_MONTH_Y.matcher(t);
        while (named.find()) {
            named(Integer.parseInt(named.group(1)), named.group(2), Integer.parseInt(named.group(3)))
                    .ifPresent(d -> out.add(date(named, d)));
        }
        Matcher mdy = MONTH_D_Y.matcher(t);
        while (mdy.find()) {
            named(Integer.parseInt(mdy.group(2)), mdy.group(1), Integer.parseInt(mdy.group(3)))
                    .ifPresent(d -> out.add(date(mdy, d)));
        }
    }

    private static Optional<LocalDate> named(int day, String monthName, int year) {
        int month = Dates.month(monthName);
        if (month == 0) {
            return Optional.empty();
        }
        if (month < 100) {
            return year >= 1200 && year <= 1499 ? Dates.jalaliToGregorian(year, month, day) : Optional.empty();
        }
        return year >= 1800 && year <= 2199 ? Dates.gregorian(year, month - 100, day) : Optional.empty();
    }

    private static Candidate date(Matcher m, LocalDate d) {
        return new Candidate(DATE, m.start(), m.end(), d.toString());
    }
}
