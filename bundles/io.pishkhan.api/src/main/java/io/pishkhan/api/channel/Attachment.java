package io.pishkhan.api.channel;

import java.util.Objects;

/**
 * A file a customer sent with a message (an email attachment, a messenger document). Stored with the message, in the
 * same transaction.
 *
 * @param fileName    the name as sent, without any path (a path is cut off here); "attachment" when none was given
 * @param contentType the MIME type as sent, {@code application/octet-stream} when unknown
 * @param content     the bytes (at most {@link #MAX_BYTES}; channels refuse or skip larger files with a log line)
 */
public record Attachment(String fileName, String contentType, byte[] content) {
    /** Largest attachment the core stores (channels may have lower limits). */
    public static final int MAX_BYTES = 25 * 1024 * 1024;
    /** Most attachments on one message. */
    public static final int MAX_COUNT = 20;

    public Attachment {
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("attachment larger than " + MAX_BYTES + " bytes");
        }
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        fileName = name.isEmpty() ? "attachment" : name.length() > 200 ? name.substring(name.length() - 200) : name;
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream"
                : contentType.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
