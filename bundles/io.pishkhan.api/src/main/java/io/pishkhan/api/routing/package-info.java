/** Extension point for routing strategies, and the routing policy services (triage, rules, hours, blacklist). */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.pishkhan.api.routing;
