package io.pishkhan.analytics.sentiment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value SentimentProcessor#PID} ({@code etc/io.pishkhan.analytics.sentiment.cfg}). */
@ObjectClassDefinition(id = SentimentProcessor.PID, name = "Pishkhan sentiment analytics",
        description = "Scores every customer message with the sentiment model, keeps a smoothed score per "
                + "conversation (context key 'sentiment') and raises a SENTIMENT_ALERT when a conversation turns "
                + "negative.")
public @interface SentimentConfig {
    @AttributeDefinition(name = "Enabled", description = "Score customer messages; off: events are ignored.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Alert threshold", min = "-1", max = "1",
            description = "A conversation whose smoothed score falls below this (-1..1) raises SENTIMENT_ALERT and "
                    + "gets context sentiment.alert=true.")
    double alert_threshold() default -0.6;

    @AttributeDefinition(name = "Alert reset level", min = "-1", max = "1",
            description = "An alerted conversation recovers (sentiment.alert removed, a later fall alerts again) "
                    + "when its smoothed score climbs to this level or above; raised to the threshold when lower.")
    double alert_reset() default -0.3;

    @AttributeDefinition(name = "Smoothing", min = "0.01", max = "1",
            description = "Weight of the newest message in the conversation's exponential average, 0 < w <= 1: "
                    + "smoothed = w * message + (1 - w) * previous. 1 follows the last message only.")
    double smoothing() default 0.5;

    @AttributeDefinition(name = "Queue size", min = "1",
            description = "Messages waiting to be scored; when full, new messages are dropped (counted, logged).")
    int queue_size() default 1000;

    @AttributeDefinition(name = "Conversations kept",  min = "100",
            description = "Conversations whose smoothed score is kept in memory (least recently scored evicted; "
                    + "an evicted conversation continues from its context value).")
    int conversations_max() default 50000;

    @AttributeDefinition(name = "Time zone", description = "Zone of 'today' in the snapshot's average.")
    String zone() default "Asia/Tehran";
}
