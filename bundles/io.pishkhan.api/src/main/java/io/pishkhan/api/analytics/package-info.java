/** Extension point for analytics processors. */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.pishkhan.api.analytics;
