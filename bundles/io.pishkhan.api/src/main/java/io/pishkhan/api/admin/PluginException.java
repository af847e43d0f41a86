package io.pishkhan.api.admin;

/** A plugin operation was refused or failed; the message is meant for the admin (why, and what to do). */
public class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
