package io.pishkhan.api.model;

/** Who wrote a message. */
public enum SenderType {
    CUSTOMER,
    BOT,
    AGENT,
    /** The appliance itself (queue position, handoff notice). */
    SYSTEM
}
