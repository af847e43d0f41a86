package io.pishkhan.sdk;

/** A stored customer message: its customer, conversation and message ids; duplicate when it was stored before. */
public record ReceiveResult(String customerId, String conversationId, String messageId, boolean duplicate) {
}
