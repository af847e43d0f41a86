package io.pishkhan.api.store;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Message;

/**
 * The result of storing an inbound message.
 *
 * @param conversation the open conversation the message joined (created if there was none)
 * @param created      true when this message opened a new conversation
 * @param duplicate    true when the message was already stored (same channel, address and client message id);
 *                     then nothing was written and {@code message} is the stored one
 */
public record InboundRecord(Customer customer, Conversation conversation, Message message, boolean created,
        boolean duplicate) {
}
