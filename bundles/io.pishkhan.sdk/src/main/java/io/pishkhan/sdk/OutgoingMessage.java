package io.pishkhan.sdk;

import java.util.List;

/**
 * A reply to deliver.
 *
 * @param messageId    the appliance's id of the message: give it back in {@link ChannelContext#deliveryReport}
 * @param quickReplies suggested answers a channel may show as buttons (an SMS plugin may list them as text)
 */
public record OutgoingMessage(String conversationId, String messageId, String address, String senderName,
        String text, List<String> quickReplies) {
    public OutgoingMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}
