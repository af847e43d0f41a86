package io.pishkhan.analytics.sentiment.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked form of {@link SentimentConfig}: values out of range are corrected and reported in
 * {@link #problems()} (logged by the processor).
 */
record Settings(boolean enabled, double threshold, double reset, double smoothing, int queueSize,
        int maxConversations, ZoneId zone, List<String> problems) {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tehran");

    Settings {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    static Settings defaults() {
        return of(true, -0.35, -0.1, 0.5, 1000, 50_000, DEFAULT_ZONE.getId());
    }

    static Settings from(SentimentConfig c) {
        return of(c.enabled(), c.alert_threshold(), c.alert_reset(), c.smoothing(), c.queue_size(),
                c.conversations_max(), c.zone());
    }

    static Settings of(boolean enabled, double threshold, double reset, double smoothing, int queueSize,
            int maxConversations, String zone) {
        List<String> problems = new ArrayList<>();
        if (Double.isNaN(threshold) || threshold < -1 || threshold > 1) {
            problems.add("alert.threshold " + threshold + " is not in -1..1; using -0.35");
            threshold = -0.35;
        }
        if (Double.isNaN(reset) || reset < threshold) {
            problems.add("alert.reset " + reset + " is below alert.threshold " + threshold + "; using the threshold");
            reset = threshold;
        }
        if (reset > 1) {
            problems.add("alert.reset " + reset + " is above 1; using 1");
            reset = 1;
        }
        if (Double.isNaN(smoothing) || smoothing <= 0 || smoothing > 1) {
            problems.add("smoothing " + smoothing + " is not in (0, 1]; using 0.5");
            smoothing = 0.5;
        }
        if (queueSize < 1) {
            problems.add("queue.size " + queueSize + " is below 1; using 1");
            queueSize = 1;
        }
        if (maxConversations < 1) {
            problems.add("conversations.max " + maxConversations + " is below 1; using 50000");
            maxConversations = 50_000;
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone == null || zone.isBlank() ? DEFAULT_ZONE.getId() : zone.strip());
        } catch (DateTimeException e) {
            problems.add("zone '" + zone + "' is unknown; using " + DEFAULT_ZONE);
            z = DEFAULT_ZONE;
        }
        return new Settings(enabled, threshold, reset, smoothing, queueSize, maxConversations, z, problems);
    }
}
