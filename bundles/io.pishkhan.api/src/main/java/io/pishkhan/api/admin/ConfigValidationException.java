package io.pishkhan.api.admin;

import java.util.Map;

/** Values that do not fit a form: nothing was saved. {@link #errors()} maps field id to a readable message. */
public class ConfigValidationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> errors;

    public ConfigValidationException(Map<String, String> errors) {
        super("invalid configuration: " + errors);
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
