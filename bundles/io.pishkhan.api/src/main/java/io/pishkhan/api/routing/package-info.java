/** Extension point for routing strategies. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.pishkhan.api.routing;
