package io.pishkhan.channel.loopback.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pishkhan loopback channel",
        description = "A test channel: POST /loopback/messages, GET /loopback/replies?to=<address>.")
public @interface LoopbackConfig {
    @AttributeDefinition(name = "Largest body (bytes)", description = "Bigger request bodies are refused with 413.", min = "256", max = "10485760")
    int maxBodyBytes() default 65536;

    @AttributeDefinition(name = "Replies kept per address", min = "1", max = "100000")
    int outboxSize() default 500;

    @AttributeDefinition(name = "Addresses kept", description = "The least recently used address is dropped first.", min = "1")
    int maxAddresses() default 10000;

    @AttributeDefinition(name = "Allow remote clients", description = "Default: only requests from localhost.")
    boolean allowRemote() default false;
}
