package io.pishkhan.api.conversation;

import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Signal;
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

    /** The agent to whom the conversation is {@code OFFERED} takes it: it becomes {@code ASSIGNED}. */
    Conversation accept(String conversationId, String agentId);

    /** The agent declines an offer: the conversation waits again and is offered to another agent first. */
    Conversation decline(String conversationId, String agentId);

    /**
     * Moves an assigned conversation to another queue (to be routed again) or straight to another agent (offered
     * to him). Exactly one of {@code toQueueId} and {@code toAgentId} is given. The context and transcript go along.
     */
    Conversation transfer(String conversationId, String byAgentId, String toQueueId, String toAgentId);

    /** Stores an internal note by an agent; it is never sent to the customer. */
    Message addNote(String conversationId, String agentId, String text);

    /**
     * The customer of the conversation identified himself (email, phone): the identity is added to his profile, or,
     * when it already belongs to another customer, this customer's identities and conversations join that one.
     *
     * @return the customer the conversation belongs to now
     */
    Customer identify(String conversationId, Identity identity, String displayName);

    /** Passes an ephemeral signal (typing, read) to the other side: listeners and, for agents, the channel. */
    void signal(String conversationId, Signal signal);

    Optional<Customer> customer(String customerId);

    /** The customer's conversations on every channel, newest first. */
    List<Conversation> conversationsOfCustomer(String customerId, int limit);

    /** Conversations offered to or assigned to the agent, oldest first. */
    List<Conversation> conversationsOfAgent(String agentId);

    /** Conversations in a state, oldest first. */
    List<Conversation> conversations(ConversationState state, int limit);

    /**
     * Conversations handed off to routing since {@code since} (newest first, at most {@code limit}), each as what
     * the routing rules saw at handoff and where it went: the input of a rule set dry run.
     */
    default List<io.pishkhan.api.routing.DryRunCase> routingHistory(java.time.Instant since, int limit) {
        return List.of();
    }

    /**
     * The 1-based position of a message in what the customer sees of the transcript (inbound and outbound messages,
     * internal notes not counted), or -1 when it is not a message of that conversation. Channels number their
     * frames with it.
     */
    default long position(String conversationId, String messageId) {
        long n = 0;
        for (io.pishkhan.api.model.Message m : transcript(conversationId)) {
            if (m.direction() == io.pishkhan.api.model.Direction.INTERNAL) {
                continue;
            }
            n++;
            if (m.id().equals(messageId)) {
                return n;
            }
        }
        return -1;
    }

    /**
     * Analytics write-back: merges {@code contextChanges} into the conversation's context (a blank value removes the
     * key) and, when {@code eventType} is not {@code null}, stores and publishes that event (listeners and processors
     * see it). Used by analytics processors (sentiment) so that triage, rules and the desktop see their results.
     *
     * @return the updated conversation, empty when it does not exist
     */
    default Optional<Conversation> annotate(String conversationId, java.util.Map<String, String> contextChanges,
            io.pishkhan.api.analytics.EventType eventType, java.util.Map<String, String> eventData) {
        throw new UnsupportedOperationException("annotate");
    }

    /**
     * The customer left before an agent answered (closed the chat, hung up): records
     * {@link io.pishkhan.api.analytics.EventType#ABANDONED} (data: {@code reason}) and resolves the conversation when
     * it was waiting ({@code QUEUED} or offered). Does nothing for a conversation an agent already accepted.
     *
     * @return true when the conversation was waiting and is now abandoned
     */
    default boolean abandon(String conversationId, String reason) {
        throw new UnsupportedOperationException("abandon");
    }

    /**
     * The customer rated a bot answer as helpful or not: records
     * {@link io.pishkhan.api.analytics.EventType#BOT_FEEDBACK} with the answer's message id and, when the answer came
     * from the knowledge base, its {@code articleId}.
     *
     * @throws IllegalArgumentException when the message is not a bot answer of that conversation
     */
    default void feedback(String conversationId, String messageId, boolean helpful) {
        throw new UnsupportedOperationException("feedback");
    }

    /**
     * A channel learnt what became of an outbound message (an SMS gateway's delivery report, a mail bounce):
     * records {@link io.pishkhan.api.analytics.EventType#DELIVERED} or
     * {@link io.pishkhan.api.analytics.EventType#DELIVERY_FAILED} for the message's conversation (data:
     * {@code messageId}, {@code detail}). Reports for unknown messages are ignored (returns false); a repeated report
     * is recorded again (gateways retry).
     *
     * @param messageId the id of the outbound message ({@link io.pishkhan.api.channel.OutboundMessage#messageId()})
     * @param detail    the gateway's status text, may be {@code null}
     * @return true when the message was found and the report recorded
     */
    default boolean deliveryReport(String messageId, boolean delivered, String detail) {
        throw new UnsupportedOperationException("deliveryReport");
    }

    /** The attachments of a conversation's messages, oldest first (without their bytes). */
    default List<io.pishkhan.api.model.AttachmentInfo> attachments(String conversationId) {
        return List.of();
    }

    /** An attachment's bytes; empty when there is no such attachment. */
    default Optional<byte[]> attachmentContent(String attachmentId) {
        return Optional.empty();
    }

    /**
     * An agent merges two profiles of the same person: {@code from}'s identities, conversations and attributes join
     * {@code into}; audited with {@code actor}.
     *
     * @return the merged customer
     */
    default Customer mergeCustomers(String fromCustomerId, String intoCustomerId, String actor) {
        throw new UnsupportedOperationException("mergeCustomers");
    }

    /**
     * An agent splits an identity that was linked by mistake off a customer: a new customer gets it with the
     * conversations held on it; audited with {@code actor}.
     *
     * @return the new customer
     */
    default Customer splitIdentity(String customerId, Identity identity, String actor) {
        throw new UnsupportedOperationException("splitIdentity");
    }

    /**
     * An agent's reply sent on another of the customer's channels ({@code via}, one of his identities, e.g. an SMS
     * to a customer whose chat went quiet); stored in this conversation like any reply. {@code via} null: the
     * conversation's own channel.
     *
     * @throws IllegalArgumentException when {@code via} is not an identity of the conversation's customer
     */
    default Message replyAsAgent(String conversationId, String agentId, String text, Identity via) {
        if (via == null) {
            return replyAsAgent(conversationId, agentId, text);
        }
        throw new UnsupportedOperationException("replyAsAgent via another channel");
    }

    /** The customer who owns this identity, if any. */
    default Optional<Customer> customerByIdentity(Identity identity) {
        return Optional.empty();
    }
}
