package io.pishkhan.api.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field of a configuration form, drawn from a component's metatype ({@code @AttributeDefinition}).
 *
 * @param cardinality 0 = single value, n &gt; 0 = array of at most n, n &lt; 0 = list of at most |n|
 *                    ({@link Integer#MAX_VALUE} magnitude for unbounded), as in the metatype specification
 * @param defaults    default values as strings
 * @param min         lower bound (numbers: value; strings: length), or {@code null}
 * @param max         upper bound, or {@code null}
 * @param options     allowed values (value to label, in order), empty when free
 */
public record ConfigField(String id, String name, String description, Type type, int cardinality,
        List<String> defaults, boolean required, String min, String max, Map<String, String> options) {
    public enum Type {
        STRING, PASSWORD, INTEGER, LONG, DOUBLE, FLOAT, BOOLEAN, CHAR, SHORT, BYTE
    }

    public ConfigField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        defaults = defaults == null ? List.of() : List.copyOf(defaults);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(options));
    }
}
