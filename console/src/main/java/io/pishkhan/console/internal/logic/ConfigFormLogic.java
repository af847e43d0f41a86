package io.pishkhan.console.internal.logic;

import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the settings screen knows about a form, from its metadata only ({@link ConfigField}): which editor a field
 * gets, the values it starts with, how typed text becomes the values sent to {@code ConfigurationService.save}, and
 * the checks made before sending (required, type, min/max, allowed options, how many values). The service checks
 * again; its field errors are shown the same way.
 */
public final class ConfigFormLogic {
    /** The editor of a field. */
    public enum Editor {
        /** free text, one value (STRING, CHAR) */
        TEXT,
        /** a password: never prefilled; left empty it keeps the current one */
        PASSWORD,
        /** a whole number that fits an int (INTEGER, SHORT, BYTE) */
        INTEGER,
        /** LONG, DOUBLE, FLOAT */
        NUMBER,
        /** a check box */
        BOOLEAN,
        /** one of the field's options */
        CHOICE,
        /** several of the field's options */
        MULTI_CHOICE,
        /** several values, one a line (cardinality other than 0) */
        LINES
    }

    /** A check that failed: a message key of the console and its arguments (an argument may be a Problem). */
    public record Problem(String key, List<Object> args) {
        public Problem(String key, Object... args) {
            this(key, List.of(args));
        }
    }

    private ConfigFormLogic() {
    }

    public static boolean multiValued(ConfigField f) {
        return f.cardinality() != 0;
    }

    /** The most values a field takes: 1, |cardinality|, or {@link Integer#MAX_VALUE}. */
    public static int maxValues(ConfigField f) {
        int c = f.cardinality();
        if (c == 0) {
            return 1;
        }
        return c == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(c);
    }

    public static Editor editor(ConfigField f) {
        boolean multi = multiValued(f);
        if (!f.options().isEmpty() && f.type() != ConfigField.Type.PASSWORD) {
            return multi ? Editor.MULTI_CHOICE : Editor.CHOICE;
        }
        if (multi) {
            return Editor.LINES;
        }
        return switch (f.type()) {
            case PASSWORD -> Editor.PASSWORD;
            case BOOLEAN -> Editor.BOOLEAN;
            case INTEGER, SHORT, BYTE -> Editor.INTEGER;
            case LONG, DOUBLE, FLOAT -> Editor.NUMBER;
            default -> Editor.TEXT;
        };
    }

    /** The values a field starts with: its current values, else its defaults; none for a password. */
    public static List<String> initial(ConfigForm form, ConfigField f) {
        if (f.type() == ConfigField.Type.PASSWORD) {
            return List.of();
        }
        List<String> v = form.values().get(f.id());
        return v != null ? v : f.defaults();
    }

    /** Whether a password is set now (the form's values hold a mask then): only said, never shown. */
    public static boolean passwordSet(ConfigForm form, ConfigField f) {
        List<String> v = form.values().get(f.id());
        return v != null && v.stream().anyMatch(s -> s != null && !s.isEmpty());
    }

    public static String lines(List<String> values) {
        return String.join("\n", values);
    }

    /** One value a line; blank lines are dropped, surrounding blanks kept only for text. */
    public static List<String> splitLines(String text, ConfigField f) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\r?\n|\r")) {
            if (!line.isBlank()) {
                out.add(normalise(f, line));
            }
        }
        return out;
    }

    /** A typed value as the service reads it: text as typed; else stripped, Latin digits, '.' as decimal point. */
    public static String normalise(ConfigField f, String raw) {
        if (raw == null) {
            return "";
        }
        return switch (f.type()) {
            case STRING, PASSWORD, CHAR -> raw;
            default -> Dates.latinDigits(raw.strip()).replace('\u066B', '.');
        };
    }

    /** A number field's value as the text the service expects ({@code 10}, not {@code 10.0}, for a LONG). */
    public static String numberText(ConfigField f, Double value) {
        if (value == null) {
            return "";
        }
        if (f.type() == ConfigField.Type.DOUBLE || f.type() == ConfigField.Type.FLOAT) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        return Long.toString(Math.round(value));
    }

    public static Double parseDouble(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(Dates.latinDigits(s.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Integer parseInt(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(Dates.latinDigits(s.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The problem with a field's values, or null when they fit its metadata. */
    public static Problem check(ConfigField f, List<String> values) {
        List<String> vs = values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).toList();
        if (vs.isEmpty()) {
            // an empty password keeps the current one
            return f.required() && f.type() != ConfigField.Type.PASSWORD ? new Problem("config.error.required")
                    : null;
        }
        int most = maxValues(f);
        if (vs.size() > most) {
            return new Problem("config.error.count", most);
        }
        for (String v : vs) {
            Problem p = checkOne(f, v);
            if (p != null) {
                return vs.size() > 1 ? new Problem("config.error.value", v, p) : p;
            }
        }
        return null;
    }

    private static Problem checkOne(ConfigField f, String raw) {
        String v = normalise(f, raw);
        if (!f.options().isEmpty()) {
            return f.options().containsKey(v) ? null
                    : new Problem("config.error.option", String.join(", ", f.options().values()));
        }
        BigDecimal min = decimal(f.min());
        BigDecimal max = decimal(f.max());
        switch (f.type()) {
            case STRING, PASSWORD -> {
                if (min != null && v.length() < min.intValue()) {
                    return new Problem("config.error.minLength", f.min());
                }
                if (max != null && v.length() > max.intValue()) {
                    return new Problem("config.error.maxLength", f.max());
                }
                return null;
            }
            case BOOLEAN -> {
                return "true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v) ? null
                        : new Problem("config.error.boolean");
            }
            case CHAR -> {
                return v.length() == 1 ? null : new Problem("config.error.char");
            }
            default -> {
                BigDecimal n;
                try {
                    n = switch (f.type()) {
                        case INTEGER -> BigDecimal.valueOf(Integer.parseInt(v));
                        case LONG -> BigDecimal.valueOf(Long.parseLong(v));
                        case SHORT -> BigDecimal.valueOf(Short.parseShort(v));
                        case BYTE -> BigDecimal.valueOf(Byte.parseByte(v));
                        default -> {
                            double d = Double.parseDouble(v);
                            if (Double.isNaN(d) || Double.isInfinite(d)) {
                                throw new NumberFormatException(v);
                            }
                            yield BigDecimal.valueOf(d);
                        }
                    };
                } catch (NumberFormatException e) {
                    boolean whole = f.type() != ConfigField.Type.DOUBLE && f.type() != ConfigField.Type.FLOAT;
                    return new Problem(whole ? "config.error.integer" : "config.error.number");
                }
                if (min != null && n.compareTo(min) < 0) {
                    return new Problem("config.error.min", f.min());
                }
                if (max != null && n.compareTo(max) > 0) {
                    return new Problem("config.error.max", f.max());
                }
                return null;
            }
        }
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Problems of the submitted fields (field id to problem), in form order; empty when everything fits. */
    public static Map<String, Problem> checkAll(ConfigForm form, Map<String, List<String>> values) {
        Map<String, Problem> out = new LinkedHashMap<>();
        for (ConfigField f : form.fields()) {
            if (values.containsKey(f.id())) {
                Problem p = check(f, values.get(f.id()));
                if (p != null) {
                    out.put(f.id(), p);
                }
            }
        }
        return out;
    }

    /** The field's label: its name (or id), with a star when required. */
    public static String label(ConfigField f) {
        String n = f.name() == null || f.name().isBlank() ? f.id() : f.name();
        return f.required() ? n + " *" : n;
    }

    /** Forms whose name, PID, bundle or description contain the text (any case); all for a blank text. */
    public static List<ConfigForm> search(List<ConfigForm> forms, String text) {
        if (text == null || text.isBlank()) {
            return forms;
        }
        String q = text.strip().toLowerCase(Locale.ROOT);
        return forms.stream().filter(f -> contains(f.name(), q) || contains(f.pid(), q) || contains(f.bundle(), q)
                || contains(f.description(), q)).toList();
    }

    static boolean contains(String s, String lowerQuery) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }
}
