package io.pishkhan.api.analytics;

import java.util.Map;

/**
 * Extension point: an analytics processor observes conversation events and keeps figures.
 *
 * <p>A plugin registers an implementation as an OSGi service; the core delivers every event to every processor,
 * asynchronously and after the event is stored, so a slow or failing processor never delays a customer. A
 * processor must:
 * <ul>
 * <li>be thread-safe and treat {@link #onEvent} as cheap (hand heavy work to its own executor);</li>
 * <li>not throw; an exception is logged and the event is not retried;</li>
 * <li>report its current figures in {@link #snapshot()} as plain values (numbers, strings, maps, lists), which
 * the REST API and the console show.</li>
 * </ul>
 */
public interface AnalyticsProcessor {
    /** Short unique id, also published as service property {@value #PROP_PROCESSOR_ID}. */
    String id();

    void onEvent(ConversationEvent event);

    Map<String, Object> snapshot();

    String PROP_PROCESSOR_ID = "pishkhan.analytics.id";
}
