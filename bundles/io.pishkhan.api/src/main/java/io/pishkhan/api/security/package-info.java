/**
 * Who may use the appliance: one login shared by the REST API and the console ({@link
 * io.pishkhan.api.security.Authenticator}), the appliance's own users ({@link io.pishkhan.api.security.UserService})
 * and API tokens ({@link io.pishkhan.api.security.TokenService}).
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.pishkhan.api.security;
