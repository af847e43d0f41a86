/** Who may use the appliance: one login against the appliance's user realm, shared by the REST API and the console. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.pishkhan.api.security;
