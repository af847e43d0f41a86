package io.pishkhan.api.model;

/** Agent presence. Only {@link #AVAILABLE} agents receive new conversations. */
public enum Presence {
    AVAILABLE,
    AWAY,
    OFFLINE
}
