/** How bundles contribute Camel routes to the appliance's one CamelContext. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.pishkhan.camel;
