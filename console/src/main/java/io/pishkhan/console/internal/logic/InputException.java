package io.pishkhan.console.internal.logic;

/**
 * Input an admin typed could not be read. Carries a message key of the console's translations and its arguments, so
 * the view can show it in the UI language; {@link #getMessage()} is the English text for logs and tests.
 */
public class InputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Object[] args;

    public InputException(String key, String english, Object... args) {
        super(english);
        this.key = key;
        this.args = args.clone();
    }

    /** Translation key, e.g. {@code input.level}. */
    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
