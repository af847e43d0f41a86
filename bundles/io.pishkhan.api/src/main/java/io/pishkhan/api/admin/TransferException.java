package io.pishkhan.api.admin;

/** An archive that cannot be imported (malformed, checksum, version, unknown kind) or an unknown preview. */
public class TransferException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
