package io.pishkhan.analytics.kpi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the KPI analytics store, PID {@value KpiAnalyticsService#PID}. */
@ObjectClassDefinition(id = KpiAnalyticsService.PID, name = "Pishkhan KPI analytics",
        description = "Projects the stored conversation events into one fact row per conversation and answers KPI,"
                + " friction and wallboard queries from it.")
public @interface AnalyticsConfig {
    @AttributeDefinition(name = "Time zone", description = "Zone in which hour/day/week/month buckets are cut"
            + " when projecting (changing it rebuilds the projection). Queries in other zones still work, slower.")
    String zone() default "Asia/Tehran";

    @AttributeDefinition(name = "FCR window (days)", description = "A resolved conversation is not resolved first"
            + " time when the same customer comes back with the same intent within this many days of resolution.",
            min = "0", max = "365")
    int fcrWindowDays() default 7;

    @AttributeDefinition(name = "Service-level target (s)", description = "Default answer-time target; a queue's"
            + " own slaSeconds overrides it.", min = "0")
    int serviceLevelSeconds() default 20;

    @AttributeDefinition(name = "Batch size", description = "Events read per projection transaction.",
            min = "10", max = "100000")
    int batchSize() default 5000;

    @AttributeDefinition(name = "Poll interval (s)", description = "The projector also polls the event table this"
            + " often, in case a live event notification was missed.", min = "1", max = "3600")
    int pollSeconds() default 3;
}
