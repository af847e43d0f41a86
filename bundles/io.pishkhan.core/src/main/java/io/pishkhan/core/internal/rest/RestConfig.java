package io.pishkhan.core.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value ApiServlet#PID} of the REST API: rate limits (token buckets). */
@ObjectClassDefinition(name = "Pishkhan REST API", description = "Rate limits of /api/v1 (429 with Retry-After when"
        + " exceeded)")
public @interface RestConfig {
    @AttributeDefinition(name = "Requests a minute per user or token", description = "Sustained rate of one"
            + " authenticated user or API token; 0 = no limit", min = "0")
    int rateLimit_perUserPerMinute() default ApiServlet.DEFAULT_USER_PER_MINUTE;

    @AttributeDefinition(name = "Burst per user or token", description = "Requests one user or token may send at"
            + " once", min = "1")
    int rateLimit_perUserBurst() default ApiServlet.DEFAULT_USER_BURST;

    @AttributeDefinition(name = "Requests a minute per client address", description = "Sustained rate of one client"
            + " IP address, authenticated or not (also limits password guessing); 0 = no limit", min = "0")
    int rateLimit_perAddressPerMinute() default ApiServlet.DEFAULT_ADDRESS_PER_MINUTE;

    @AttributeDefinition(name = "Burst per client address", min = "1")
    int rateLimit_perAddressBurst() default ApiServlet.DEFAULT_ADDRESS_BURST;
}
