package io.pishkhan.routing.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pishkhan routing rule sets",
        description = "Routing rules as data: the deployed rule set decides queue, priority, skills and tags when the"
                + " bot hands a conversation off.")
public @interface RulesConfig {
    @AttributeDefinition(name = "Time zone",
            description = "Zone of the rule variables 'hour' (0-23) and 'dayOfWeek' (1 = Monday ... 7 = Sunday),"
                    + " e.g. Asia/Tehran or UTC.")
    String timeZone() default "Asia/Tehran";

    @AttributeDefinition(name = "Largest dry run", description = "Most conversations one dry run may replay.",
            min = "1", max = "1000000")
    int maxDryRunCases() default 50000;
}
