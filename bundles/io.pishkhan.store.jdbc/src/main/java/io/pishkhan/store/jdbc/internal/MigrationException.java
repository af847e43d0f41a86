package io.pishkhan.store.jdbc.internal;

import io.pishkhan.api.store.StoreException;

/** The schema could not be brought to the version this bundle needs; the store does not start. */
final class MigrationException extends StoreException {
    private static final long serialVersionUID = 1L;

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    MigrationException(String message) {
        super(message, null);
    }
}
