package io.pishkhan.api.store;

/** The store failed (database down, constraint broken). The operation was rolled back as a whole. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
