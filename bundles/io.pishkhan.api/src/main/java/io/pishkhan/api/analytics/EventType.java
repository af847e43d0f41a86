package io.pishkhan.api.analytics;

/** Steps of a conversation that analytics observe. */
public enum EventType {
    RECEIVED,
    BOT_ANSWERED,
    HANDED_OFF,
    QUEUED,
    /** Offered to an agent (data: agentId). */
    OFFERED,
    /** The agent declined the offer, or did not answer it in time (data: agentId, reason). */
    DECLINED,
    ASSIGNED,
    /** Moved to another queue or agent by an agent (data: fromAgentId, toQueueId or toAgentId). */
    TRANSFERRED,
    /** The customer gave an identity (email, phone) and the conversation joined that profile. */
    IDENTIFIED,
    NOTE_ADDED,
    AGENT_REPLIED,
    DELIVERED,
    DELIVERY_FAILED,
    RESOLVED
}
