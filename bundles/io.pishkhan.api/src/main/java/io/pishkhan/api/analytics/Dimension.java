package io.pishkhan.api.analytics;

/** What KPI rows are grouped by. {@link #ALL} gives one row per bucket with the key {@code "all"}. */
public enum Dimension {
    ALL,
    QUEUE,
    AGENT,
    CHANNEL,
    INTENT
}
