package io.pishkhan.admin.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the admin back end (PID {@code io.pishkhan.admin}), shared by both admin components. */
@ObjectClassDefinition(name = "Pishkhan admin",
        description = "Configuration forms and plugin management of the admin console")
public @interface AdminConfig {
    @AttributeDefinition(name = "Bundle prefixes", description = "Symbolic-name prefixes of the bundles whose"
            + " configuration forms are shown and which are listed as plugins")
    String[] bundlePrefixes() default {"io.pishkhan."};

    @AttributeDefinition(name = "Require a signature", description = "Refuse plugin uploads that are not signed by"
            + " a certificate of the plugin trust store")
    boolean requireSignature() default true;

    @AttributeDefinition(name = "Trust store", description = "PKCS#12 file with the certificates of trusted plugin"
            + " vendors; relative paths are under the appliance's home folder")
    String trustStore() default "etc/pishkhan-plugins.p12";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, required = false)
    String trustStorePassword() default "changeit";

    @AttributeDefinition(name = "Maximum upload (MB)", description = "Uploaded plugin files above this size are"
            + " refused", min = "1", max = "2048")
    int maxUploadMb() default 50;

    @AttributeDefinition(name = "Protected bundles", description = "Product bundles that cannot be stopped,"
            + " updated or uninstalled from the console")
    String[] protectedBundles() default {"io.pishkhan.api", "io.pishkhan.core", "io.pishkhan.store.jdbc",
        "io.pishkhan.camel", "io.pishkhan.console", "io.pishkhan.admin"};

    @AttributeDefinition(name = "Activation wait (ms)", description = "How long an installed plugin's components"
            + " are watched for a failed activation before the install is confirmed", min = "0", max = "60000")
    int activationWaitMs() default 1500;
}
