package io.pishkhan.api.conversation;

import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import java.util.List;
import java.util.Optional;

/**
 * The conversation pipeline, offered by the core to channels, the console and other bundles.
 */
public interface ConversationService {
    /**
     * Stores an inbound message durably (customer, conversation and message in one transaction) and then hands it
     * to the pipeline (chatbot engine, routing) asynchronously. A channel acknowledges its sender only after this
     * returns.
     *
     * @throws InvalidMessageException when the message is malformed; nothing is stored
     */
    Receipt receive(InboundMessage message);

    Optional<Conversation> conversation(String conversationId);

    /** The whole transcript, bot part and agent part, oldest first. */
    List<Message> transcript(String conversationId);

    /** Stores an agent's reply and sends it through the conversation's channel. */
    Message replyAsAgent(String conversationId, String agentId, String text);

    /** Closes the conversation and frees the agent. */
    Conversation resolve(String conversationId);
}
