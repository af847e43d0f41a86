package io.pishkhan.api.analytics;

/** Steps of a conversation that analytics observe. */
public enum EventType {
    RECEIVED,
    BOT_ANSWERED,
    HANDED_OFF,
    QUEUED,
    ASSIGNED,
    AGENT_REPLIED,
    DELIVERED,
    DELIVERY_FAILED,
    RESOLVED
}
