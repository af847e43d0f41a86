package io.pishkhan.admin.internal;

import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigField.Type;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Pure mapping between metatype definitions, configuration dictionaries and form values (lists of strings):
 * fields from {@link AttributeDefinition}s, validation with readable messages, conversion to the declared types.
 */
final class Forms {
    /** What a set password looks like in form values and audit records; sending it back keeps the password. */
    static final String MASK = "********";

    private Forms() {
    }

    /** A form's definition: the OCD's attributes by id, in declaration order (required first, then optional). */
    static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        for (int filter : new int[] {ObjectClassDefinition.REQUIRED, ObjectClassDefinition.OPTIONAL}) {
            AttributeDefinition[] defs = ocd.getAttributeDefinitions(filter);
            if (defs != null) {
                for (AttributeDefinition ad : defs) {
                    ads.putIfAbsent(ad.getID(), ad);
                }
            }
        }
        return ads;
    }

    static List<ConfigField> fields(ObjectClassDefinition ocd) {
        AttributeDefinition[] optional = ocd.getAttributeDefinitions(ObjectClassDefinition.OPTIONAL);
        List<String> optionalIds = new ArrayList<>();
        if (optional != null) {
            for (AttributeDefinition ad : optional) {
                optionalIds.add(ad.getID());
            }
        }
        List<ConfigField> fields = new ArrayList<>();
        for (AttributeDefinition ad : attributes(ocd).values()) {
            fields.add(field(ad, optionalIds.contains(ad.getID())));
        }
        return fields;
    }

    /**
     * @param optional the OCD lists it among its optional attributes; a field is required when it has no default
     *                 and is neither optional there nor marked {@code required="false"} in the metatype XML
     */
    static ConfigField field(AttributeDefinition ad, boolean optional) {
        List<String> defaults = ad.getDefaultValue() == null ? List.of() : List.of(ad.getDefaultValue());
        Object felixAd = felixAd(ad);
        Boolean xmlRequired = felixAd == null ? null : (Boolean) call(felixAd, "isRequired");
        boolean required = defaults.isEmpty() && !optional && !Boolean.FALSE.equals(xmlRequired);
        String min = felixAd == null ? null : (String) call(felixAd, "getMin");
        String max = felixAd == null ? null : (String) call(felixAd, "getMax");
        Map<String, String> options = new LinkedHashMap<>();
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                options.put(values[i], labels != null && i < labels.length ? labels[i] : values[i]);
            }
        }
        return new ConfigField(ad.getID(), ad.getName() == null ? ad.getID() : ad.getName(), ad.getDescription(),
                type(ad.getType()), ad.getCardinality(), defaults, required, blankToNull(min), blankToNull(max),
                options);
    }

    /**
     * Metatype 1.4 has no getter for min/max or the XML's {@code required}: Felix MetaType keeps them on its
     * {@code org.apache.felix.metatype.AD}, which its localized wrapper holds in the field {@code ad}. Other
     * implementations that expose public {@code getMin()}/{@code getMax()} are used as they are.
     */
    static Object felixAd(AttributeDefinition ad) {
        if (method(ad, "getMin") != null) {
            return ad;
        }
        try {
            Field f = ad.getClass().getDeclaredField("ad");
            f.setAccessible(true);
            Object inner = f.get(ad);
            return inner != null && method(inner, "getMin") != null ? inner : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method method(Object o, String name) {
        try {
            return o.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object call(Object o, String name) {
        Method m = method(o, name);
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Type type(int metatype) {
        return switch (metatype) {
            case AttributeDefinition.PASSWORD -> Type.PASSWORD;
            case AttributeDefinition.INTEGER -> Type.INTEGER;
            case AttributeDefinition.LONG -> Type.LONG;
            case AttributeDefinition.DOUBLE -> Type.DOUBLE;
            case AttributeDefinition.FLOAT -> Type.FLOAT;
            case AttributeDefinition.BOOLEAN -> Type.BOOLEAN;
            case AttributeDefinition.CHARACTER -> Type.CHAR;
            case AttributeDefinition.SHORT -> Type.SHORT;
            case AttributeDefinition.BYTE -> Type.BYTE;
            case 9 /* BIGINTEGER, deprecated */ -> Type.LONG;
            case 10 /* BIGDECIMAL, deprecated */ -> Type.DOUBLE;
            default -> Type.STRING;
        };
    }

    /** A configuration value as form values: arrays and collections element by element. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o));
            }
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    /** Current values of the form's fields, passwords masked; fields without a value are left out. */
    static Map<String, List<String>> values(List<ConfigField> fields, Dictionary<String, ?> props) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (props == null) {
            return values;
        }
        for (ConfigField f : fields) {
            Object v = props.get(f.id());
            if (v != null) {
                List<String> s = strings(v);
                values.put(f.id(), f.type() == Type.PASSWORD ? mask(s) : s);
            }
        }
        return values;
    }

    private static List<String> mask(List<String> s) {
        return s.isEmpty() || s.stream().allMatch(String::isEmpty) ? s : List.of(MASK);
    }

    /** Submitted values without blank entries (a cleared text box sends ""). */
    static List<String> nonBlank(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * Field id to a readable message for every submitted value that does not fit, and for required fields that
     * would stay empty. {@code current} holds the present configuration (fields not submitted keep it).
     */
    static Map<String, String> validate(List<ConfigField> fields, Map<String, AttributeDefinition> ads,
            Map<String, List<String>> submitted, Dictionary<String, ?> current) {
        Map<String, String> errors = new TreeMap<>();
        Map<String, ConfigField> byId = new LinkedHashMap<>();
        fields.forEach(f -> byId.put(f.id(), f));
        for (String key : submitted.keySet()) {
            if (!byId.containsKey(key)) {
                errors.put(key, "unknown field");
            }
        }
        for (ConfigField f : fields) {
            boolean sent = submitted.containsKey(f.id());
            List<String> values = sent ? nonBlank(submitted.get(f.id())) : List.of();
            if (!sent) {
                if (f.required() && (current == null || strings(current.get(f.id())).isEmpty())) {
                    errors.put(f.id(), "required");
                }
                continue;
            }
            if (values.isEmpty()) {
                if (f.required()) {
                    errors.put(f.id(), "required");
                }
                continue;
            }
            int card = f.cardinality();
            if (card == 0 && values.size() > 1) {
                errors.put(f.id(), "a single value is expected");
                continue;
            }
            int most = card == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(card);
            if (card != 0 && values.size() > most) {
                errors.put(f.id(), "at most " + most + " values");
                continue;
            }
            AttributeDefinition ad = ads == null ? null : ads.get(f.id());
            for (String v : values) {
                if (f.type() == Type.PASSWORD && MASK.equals(v)) {
                    continue;
                }
                String error = check(f, v);
                if (error == null && ad != null) {
                    error = readable(ad.validate(card == 0 ? v : v.replace(",", "\\,")));
                }
                if (error != null) {
                    errors.put(f.id(), values.size() > 1 ? "'" + v + "': " + error : error);
                    break;
                }
            }
        }
        return errors;
    }

    private static String readable(String adMessage) {
        if (adMessage == null || adMessage.isEmpty()) {
            return null;
        }
        return switch (adMessage) {
            case "%not a valid option" -> "not one of the allowed values";
            case "%greater than maximum" -> "too large";
            case "%less than minimum" -> "too small";
            case "%missing required value" -> "required";
            case "%invalid value" -> "invalid value";
            default -> adMessage.startsWith("%") ? adMessage.substring(1) : adMessage;
        };
    }

    /** Type, range and option checks of one value; null when it fits. */
    static String check(ConfigField f, String raw) {
        String v = f.type() == Type.STRING || f.type() == Type.PASSWORD ? raw : raw.trim();
        Object typed;
        try {
            typed = parse(f.type(), v);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!f.options().isEmpty() && !f.options().containsKey(v)) {
            return "must be one of: " + String.join(", ", f.options().values());
        }
        if (typed instanceof Number n) {
            BigDecimal value = new BigDecimal(n.toString());
            BigDecimal min = number(f.min());
            BigDecimal max = number(f.max());
            if (min != null && value.compareTo(min) < 0) {
                return "must be at least " + f.min();
            }
            if (max != null && value.compareTo(max) > 0) {
                return "must be at most " + f.max();
            }
        } else if (typed instanceof String s) {
            BigDecimal min = number(f.min());
            BigDecimal max = number(f.max());
            if (min != null && s.length() < min.intValue()) {
                return "must be at least " + f.min() + " characters long";
            }
            if (max != null && s.length() > max.intValue()) {
                return "must be at most " + f.max() + " characters long";
            }
        }
        return null;
    }

    private static BigDecimal number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses one value as the field's type; IllegalArgumentException with a readable message when it does not. */
    static Object parse(Type type, String v) {
        switch (type) {
            case STRING:
            case PASSWORD:
                return v;
            case BOOLEAN:
                if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
                    return Boolean.valueOf(v.toLowerCase(Locale.ROOT));
                }
                throw new IllegalArgumentException("must be true or false");
            case CHAR:
                if (v.length() == 1) {
                    return v.charAt(0);
                }
                throw new IllegalArgumentException("must be a single character");
            case DOUBLE:
            case FLOAT:
                try {
                    double d = Double.parseDouble(v);
                    if (Double.isNaN(d) || Double.isInfinite(d)
                            || (type == Type.FLOAT && Math.abs(d) > Float.MAX_VALUE)) {
                        throw new NumberFormatException();
                    }
                    return type == Type.FLOAT ? (Object) (float) d : (Object) d;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a number");
                }
            default:
                return integral(type, v);
        }
    }

    private static Object integral(Type type, String v) {
        BigInteger value;
        try {
            value = new BigInteger(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
        long lo;
        long hi;
        switch (type) {
            case BYTE -> { lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; }
            case SHORT -> { lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; }
            case INTEGER -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
            default -> { lo = Long.MIN_VALUE; hi = Long.MAX_VALUE; }
        }
        if (value.compareTo(BigInteger.valueOf(lo)) < 0 || value.compareTo(BigInteger.valueOf(hi)) > 0) {
            throw new IllegalArgumentException("must be a whole number between " + lo + " and " + hi);
        }
        long l = value.longValue();
        return switch (type) {
            case BYTE -> (byte) l;
            case SHORT -> (short) l;
            case INTEGER -> (int) l;
            default -> l;
        };
    }

    /**
     * Converts validated form values to the field's declared type: a single value for cardinality 0, an array for
     * a positive cardinality, a list for a negative one; null when there is no value (the key is removed).
     */
    static Object convert(ConfigField f, List<String> values) {
        List<String> vs = nonBlank(values);
        if (vs.isEmpty()) {
            return null;
        }
        List<Object> typed = new ArrayList<>();
        for (String v : vs) {
            typed.add(parse(f.type(), f.type() == Type.STRING || f.type() == Type.PASSWORD ? v : v.trim()));
        }
        if (f.cardinality() == 0) {
            return typed.get(0);
        }
        if (f.cardinality() < 0) {
            return typed;
        }
        Object array = Array.newInstance(javaType(f.type()), typed.size());
        for (int i = 0; i < typed.size(); i++) {
            Array.set(array, i, typed.get(i));
        }
        return array;
    }

    private static Class<?> javaType(Type t) {
        return switch (t) {
            case INTEGER -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case FLOAT -> Float.class;
            case BOOLEAN -> Boolean.class;
            case CHAR -> Character.class;
            case SHORT -> Short.class;
            case BYTE -> Byte.class;
            default -> String.class;
        };
    }

    /** The form's fields of a configuration as audit text {@code a=1, b=[x, y]}, passwords masked. */
    static String auditText(List<ConfigField> fields, Dictionary<String, ?> props) {
        StringBuilder sb = new StringBuilder("{");
        if (props != null) {
            Map<String, Type> types = new LinkedHashMap<>();
            fields.forEach(f -> types.put(f.id(), f.type()));
            List<String> keys = new ArrayList<>();
            for (Enumeration<String> e = props.keys(); e.hasMoreElements();) {
                keys.add(e.nextElement());
            }
            keys.sort(null);
            for (String k : keys) {
                if (k.equals("service.pid") || k.equals("service.factoryPid") || k.startsWith("felix.fileinstall.")) {
                    continue;
                }
                List<String> s = strings(props.get(k));
                boolean secret = types.get(k) == Type.PASSWORD
                        || k.toLowerCase(Locale.ROOT).contains("password")
                        || k.toLowerCase(Locale.ROOT).contains("secret");
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(k).append('=');
                String shown = secret ? (s.stream().allMatch(String::isEmpty) ? "" : MASK)
                        : s.size() == 1 ? s.get(0) : s.toString();
                sb.append(shown);
            }
        }
        return sb.append('}').toString();
    }
}
