package io.pishkhan.api.conversation;

/** The inbound message is malformed (blank text, too long, unknown channel...). Nothing was stored. */
public class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }
}
