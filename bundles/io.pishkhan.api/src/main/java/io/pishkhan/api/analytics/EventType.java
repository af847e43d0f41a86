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
    RESOLVED,
    /** A routing rule failed for the conversation: it went to the fallback queue (an alert for admins). */
    ROUTING_FAILED,
    /** The sender is blacklisted: the message was kept, the customer got the configured notice, nothing routed. */
    BLOCKED,
    /** Handed off outside the queue's business hours: it waits as an offline request until the queue opens. */
    OUTSIDE_HOURS,
    /** The customer left while waiting for an agent (closed the chat, hung up) before anyone answered. */
    ABANDONED,
    /** The customer answered the satisfaction survey (data: {@code score} 1-5, optional {@code comment}). */
    SURVEY_ANSWERED,
    /** A message was scored by the sentiment engine (data: {@code score} -1..1, {@code messageId}). */
    SENTIMENT_SCORED,
    /** The conversation turned negative (data: {@code score} -1..1 over the last messages, {@code messageId}). */
    SENTIMENT_ALERT,
    /** The customer rated a bot answer (data: {@code messageId}, {@code helpful} true/false, {@code articleId}). */
    BOT_FEEDBACK,
    /** An agent merged two profiles of the same person (data: from, into, actor); on each moved conversation. */
    CUSTOMER_MERGED,
    /** An agent split a mistaken identity off a customer (data: from, into, identityChannel, actor). */
    CUSTOMER_SPLIT,
    /** The customer was asked the satisfaction survey (data: {@code surveyId}). */
    SURVEY_SENT
}
