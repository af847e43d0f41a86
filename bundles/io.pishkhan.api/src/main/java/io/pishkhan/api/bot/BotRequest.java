package io.pishkhan.api.bot;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Message;
import java.util.List;

/**
 * What a chatbot engine gets for one inbound message.
 *
 * @param transcript the conversation so far, oldest first, including {@code message}
 */
public record BotRequest(Conversation conversation, Customer customer, Message message, List<Message> transcript) {
    public BotRequest {
        transcript = List.copyOf(transcript);
    }
}
