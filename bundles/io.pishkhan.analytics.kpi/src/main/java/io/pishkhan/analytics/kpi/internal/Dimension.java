package io.pishkhan.analytics.kpi.internal;

/** What a KPI row is grouped by; {@link #ALL} is the single overall group (key {@code "all"}). */
public enum Dimension {
    ALL, QUEUE, AGENT, CHANNEL, INTENT
}
