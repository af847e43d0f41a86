package io.pishkhan.api.model;

import java.util.Objects;

/** A stored attachment of a message, without its bytes (read them with its id). */
public record AttachmentInfo(String id, String messageId, String fileName, String contentType, long size) {
    public AttachmentInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(messageId, "messageId");
    }
}
