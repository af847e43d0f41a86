package io.pishkhan.api.conversation;

/**
 * What the core answers a channel once an inbound message is durably stored.
 *
 * @param duplicate true when the same client message id was already stored; nothing new was written
 */
public record Receipt(String customerId, String conversationId, String messageId, boolean duplicate) {
}
