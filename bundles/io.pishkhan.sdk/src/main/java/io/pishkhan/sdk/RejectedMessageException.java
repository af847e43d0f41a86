package io.pishkhan.sdk;

/** The appliance refused a customer's message as malformed; the message says why. Nothing was stored. */
public class RejectedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedMessageException(String message) {
        super(message);
    }
}
