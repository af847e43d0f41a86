package io.pishkhan.routing.skills.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * OSGi configuration {@value SkillsStrategyComponent#PID} (file {@code etc/io.pishkhan.routing.skills.cfg}), read
 * into a {@link SkillsConfig} by {@link SkillsStrategyComponent}.
 */
@ObjectClassDefinition(id = SkillsStrategyComponent.PID, name = "Pishkhan routing: skills",
        description = "Routing strategy 'skills': gives a conversation to an agent who has the skills it requires "
                + "(levels widen while it waits), the most proficient first, preferring the customer's previous "
                + "agent; waiting conversations gain priority with time.")
public @interface SkillsRoutingConfig {
    @AttributeDefinition(name = "Widening",
            description = "Comma separated seconds:levels steps, e.g. 30:1,60:2,120:10 = after 30 s waited every "
                    + "required skill level drops by 1, after 60 s by 2, after 120 s by 10 (any agent of the "
                    + "queue). A level that drops to 0 or below no longer requires the skill. Empty: never widen.")
    String widening() default SkillsConfig.DEFAULT_WIDENING;

    @AttributeDefinition(name = "Tie break",
            description = "Between agents of equal proficiency: least busy first (load active/capacity, then "
                    + "longest idle) or longest idle first (then least busy). Last resort: agent id.",
            options = {@Option(label = "Least busy, then longest idle", value = "least-busy"),
                    @Option(label = "Longest idle, then least busy", value = "longest-idle")})
    String tieBreak() default "least-busy";

    @AttributeDefinition(name = "Aging per minute", min = "0",
            description = "Priority a waiting conversation gains per minute waited, added to queue priority and "
                    + "conversation priority, so that nothing starves. 0: no aging.")
    double agingPerMinute() default SkillsConfig.DEFAULT_AGING_PER_MINUTE;

    @AttributeDefinition(name = "Aging maximum", min = "0",
            description = "The most priority aging may add. 0: no limit.")
    double agingMax() default SkillsConfig.DEFAULT_AGING_MAX;

    @AttributeDefinition(name = "Sticky window (days)", min = "0",
            description = "A customer served within this many days goes to the same agent first. 0: no sticky "
                    + "routing.")
    int stickyWindowDays() default SkillsConfig.DEFAULT_STICKY_WINDOW_DAYS;

    @AttributeDefinition(name = "Sticky timeout (seconds)", min = "0",
            description = "How long a conversation waits for its previous agent when he is busy or not available, "
                    + "before it goes to another agent. 0: never wait.")
    int stickyTimeoutSeconds() default SkillsConfig.DEFAULT_STICKY_TIMEOUT_SECONDS;
}
