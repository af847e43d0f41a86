package io.pishkhan.api.store;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage SPI for customers, conversations, messages and conversation events. The default implementation is
 * embedded Derby; another database plugs in by registering another implementation. Every method is atomic: it
 * either writes everything or nothing, and throws {@link StoreException} on failure.
 */
public interface ConversationStore {
    /**
     * In one transaction: finds or creates the customer of the message's identity, finds the customer's open
     * conversation on that channel or creates one, and appends the message. Idempotent on
     * (channel, address, clientMessageId) when the client message id is not null.
     */
    InboundRecord recordInbound(InboundMessage message, Instant at);

    /**
     * {@link #recordInbound(InboundMessage, Instant)} and, unless the message is a duplicate, the event made from
     * its result, in the same transaction (one commit per inbound message instead of two). Stores should override
     * this; the default runs two transactions.
     */
    default InboundRecord recordInbound(InboundMessage message, Instant at,
            java.util.function.Function<InboundRecord, ConversationEvent> eventOf) {
        InboundRecord r = recordInbound(message, at);
        if (!r.duplicate()) {
            appendEvent(eventOf.apply(r));
        }
        return r;
    }

    /**
     * The bot's answer in one transaction: the conversation update (only when its state is still {@code expected}),
     * the event, and the outbound bot message. Empty when the conversation changed state concurrently (nothing is
     * written). Stores should override the default (three transactions) with one.
     */
    default java.util.Optional<io.pishkhan.api.model.Message> recordBotAnswer(io.pishkhan.api.model.Conversation updated,
            io.pishkhan.api.model.ConversationState expected, ConversationEvent event, String senderId, String text,
            Instant at) {
        if (!updateConversation(updated, expected)) {
            return java.util.Optional.empty();
        }
        appendEvent(event);
        return java.util.Optional.of(appendOutbound(updated.id(), io.pishkhan.api.model.SenderType.BOT, senderId, text, at));
    }

    /** Appends several events in one transaction (all or none). */
    default void appendEvents(List<ConversationEvent> events) {
        for (ConversationEvent e : events) {
            appendEvent(e);
        }
    }

    /** Appends an outbound (bot, agent or system) message to a conversation. */
    Message appendOutbound(String conversationId, SenderType senderType, String senderId, String text, Instant at);

    Optional<Customer> customer(String customerId);

    Optional<Customer> customerByIdentity(Identity identity);

    Optional<Conversation> conversation(String conversationId);

    /** Conversations in the given state, oldest first, at most {@code limit}. */
    List<Conversation> conversations(ConversationState state, int limit);

    /**
     * Writes a conversation's state, queue, agent, intent and context, only if the stored state still equals
     * {@code expected} (optimistic check, so two routers cannot both assign it).
     *
     * @return true when written, false when the stored state differed
     */
    boolean updateConversation(Conversation updated, ConversationState expected);

    /** Messages of a conversation, oldest first. */
    List<Message> messages(String conversationId);

    /**
     * The last {@code limit} messages of a conversation, oldest first: what the pipeline needs per message, without
     * reading a long transcript. Stores should override this with a bounded query.
     */
    default List<Message> recentMessages(String conversationId, int limit) {
        List<Message> all = messages(conversationId);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /**
     * Conversations created since {@code since} that reached a queue (queue set), newest first, at most
     * {@code limit}. The default scans each state; stores should override with one query.
     */
    default List<io.pishkhan.api.model.Conversation> routedConversationsSince(Instant since, int limit) {
        java.util.List<io.pishkhan.api.model.Conversation> out = new java.util.ArrayList<>();
        for (io.pishkhan.api.model.ConversationState st : io.pishkhan.api.model.ConversationState.values()) {
            for (io.pishkhan.api.model.Conversation c : conversations(st, 10_000)) {
                if (c.queueId() != null && c.createdAt() != null && !c.createdAt().isBefore(since)) {
                    out.add(c);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(io.pishkhan.api.model.Conversation::createdAt).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * The 1-based position of a message among the conversation's inbound and outbound messages (internal notes not
     * counted), or -1 when the message is not in that conversation. Stores should override with an index count.
     */
    default long messagePosition(String conversationId, String messageId) {
        long n = 0;
        for (io.pishkhan.api.model.Message m : messages(conversationId)) {
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

    /** Number of OFFERED or ASSIGNED conversations per agent id (what counts against capacity). */
    Map<String, Integer> activeConversationsByAgent();

    /** The same count per agent and channel (for per-channel capacity). Stores should override with one query. */
    default Map<String, Map<String, Integer>> activeConversationsByAgentAndChannel() {
        Map<String, Map<String, Integer>> out = new java.util.HashMap<>();
        for (String agentId : activeConversationsByAgent().keySet()) {
            Map<String, Integer> perChannel = new java.util.HashMap<>();
            for (io.pishkhan.api.model.Conversation c : conversationsOfAgent(agentId)) {
                perChannel.merge(String.valueOf(c.channel()), 1, Integer::sum);
            }
            out.put(agentId, perChannel);
        }
        return out;
    }

    /** Conversations OFFERED or ASSIGNED to the agent, oldest first. */
    List<Conversation> conversationsOfAgent(String agentId);

    /** The customer's conversations on every channel, newest first, at most {@code limit}. */
    List<Conversation> conversationsOfCustomer(String customerId, int limit);

    /** Appends an internal note (direction INTERNAL, sender AGENT). */
    Message appendNote(String conversationId, String agentId, String text, Instant at);

    /**
     * In one transaction: adds {@code identity} to the customer of the conversation and sets his display name when
     * given; if the identity already belongs to another customer, moves all identities and conversations of the
     * conversation's customer to that customer and removes the emptied profile.
     *
     * @return the customer the conversation belongs to afterwards
     */
    Customer identify(String conversationId, Identity identity, String displayName);

    void appendEvent(ConversationEvent event);

    /** Events of a conversation, oldest first. */
    List<ConversationEvent> events(String conversationId);

    /** The attachments stored with the conversation's inbound messages, in order (without their bytes). */
    default List<io.pishkhan.api.model.AttachmentInfo> attachments(String conversationId) {
        return List.of();
    }

    /** An attachment's bytes. */
    default Optional<byte[]> attachmentContent(String attachmentId) {
        return Optional.empty();
    }

    /**
     * Merges customer {@code from} into {@code into} (an agent found they are the same person): identities,
     * conversations and attributes move, {@code from} is deleted.
     *
     * @throws java.util.NoSuchElementException when either does not exist
     */
    default Customer mergeCustomers(String fromCustomerId, String intoCustomerId) {
        throw new UnsupportedOperationException("mergeCustomers");
    }

    /**
     * Splits an identity off a customer (linked by mistake): a new customer gets it and the conversations held on it.
     *
     * @throws IllegalArgumentException when it is not his, or his only identity
     */
    default Customer splitIdentity(String customerId, io.pishkhan.api.model.Identity identity) {
        throw new UnsupportedOperationException("splitIdentity");
    }

    /** One message by its id. */
    default Optional<Message> message(String messageId) {
        return Optional.empty();
    }
}
