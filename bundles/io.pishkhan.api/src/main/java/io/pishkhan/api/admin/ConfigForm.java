package io.pishkhan.api.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A component's configuration as a form: its metatype fields and current values.
 *
 * @param pid     configuration PID (or factory PID when {@code factory})
 * @param bundle  symbolic name of the bundle that declares it
 * @param values  current values as strings (arrays as lists); a field without a value shows its default
 */
public record ConfigForm(String pid, String name, String description, String bundle, boolean factory,
        List<ConfigField> fields, Map<String, List<String>> values) {
    public ConfigForm {
        Objects.requireNonNull(pid, "pid");
        fields = fields == null ? List.of() : List.copyOf(fields);
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
