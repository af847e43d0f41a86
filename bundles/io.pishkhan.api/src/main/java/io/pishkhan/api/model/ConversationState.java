package io.pishkhan.api.model;

/** Life cycle of a conversation. */
public enum ConversationState {
    /** The chatbot engine is answering. */
    BOT,
    /** Handed off; waiting in a queue for an agent. */
    QUEUED,
    /** Offered to one agent ({@link Conversation#agentId()}), waiting for him to accept or decline. */
    OFFERED,
    /** An agent has it. */
    ASSIGNED,
    /** Closed. A new inbound message opens a new conversation. */
    RESOLVED
}
