package io.pishkhan.api.channel;

import io.pishkhan.api.model.SenderType;
import java.util.List;

/**
 * A stored message the core asks a channel to deliver to a customer.
 *
 * @param quickReplies optional suggested answers a channel may render as buttons
 */
public record OutboundMessage(String conversationId, String messageId, String channel, String address,
        SenderType senderType, String senderName, String text, List<String> quickReplies) {
    public OutboundMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
