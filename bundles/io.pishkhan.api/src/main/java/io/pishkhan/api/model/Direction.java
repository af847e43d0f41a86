package io.pishkhan.api.model;

/** Whether a message came from the customer or goes to him. */
public enum Direction {
    INBOUND,
    OUTBOUND,
    /** An internal note between agents and supervisors; never sent to the customer. */
    INTERNAL
}
