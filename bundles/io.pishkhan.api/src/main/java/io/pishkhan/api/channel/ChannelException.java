package io.pishkhan.api.channel;

/** A channel could not deliver a message; the core records the failure and may retry. */
public class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ChannelException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
