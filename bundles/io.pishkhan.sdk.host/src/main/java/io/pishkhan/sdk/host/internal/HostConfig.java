package io.pishkhan.sdk.host.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value VendorPluginHostImpl#PID}. */
@ObjectClassDefinition(name = "Pishkhan vendor plugin host",
        description = "Runs vendor channel plugins (PF4J zips and jars) with time limits on every call")
public @interface HostConfig {
    @AttributeDefinition(name = "Plugin folder", description = "Where vendor plugins are kept; empty: data/vendor-plugins"
            + " of the appliance", required = false)
    String pluginsDir() default "";

    @AttributeDefinition(name = "Call time limit (ms)", description = "Longest a plugin may take to start, deliver a"
            + " message or answer a webhook", min = "100", max = "120000")
    long callMillis() default 10_000;

    @AttributeDefinition(name = "Stop time limit (ms)", min = "100", max = "60000")
    long stopMillis() default 5_000;
}
