package io.pishkhan.sdk;

/** A reply could not be delivered; {@code retryable} when trying again later may work (gateway down, rate limit). */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
