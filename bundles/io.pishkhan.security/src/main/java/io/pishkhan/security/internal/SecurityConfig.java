package io.pishkhan.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value UserServiceImpl#PID}, shared by the user store, the token store and the authenticator. */
@ObjectClassDefinition(name = "Pishkhan security",
        description = "Users of the appliance, password policy, login lockout and the login cache")
public @interface SecurityConfig {
    @AttributeDefinition(name = "Failed logins before lockout", description = "Wrong passwords in a row after which"
            + " a user name is locked out (own users and users of the Karaf realm alike)", min = "1", max = "100")
    int lockout_maxFailures() default 5;

    @AttributeDefinition(name = "Lockout minutes", description = "How long a locked-out user name is refused",
            min = "1", max = "1440")
    int lockout_minutes() default 15;

    @AttributeDefinition(name = "Minimum password length", min = "8", max = "128")
    int password_minLength() default 10;

    @AttributeDefinition(name = "PBKDF2 iterations", description = "Iterations of PBKDF2WithHmacSHA256 for new"
            + " passwords (stored with each hash, so changing it keeps old passwords valid)", min = "10000",
            max = "10000000")
    int password_iterations() default 600_000;

    @AttributeDefinition(name = "Login cache seconds", description = "How long a successful login of an own user is"
            + " remembered (a password change, disable or lockout ends it at once); 0 = no cache", min = "0",
            max = "3600")
    int cache_seconds() default 60;

    @AttributeDefinition(name = "First admin", description = "Name of the admin created when the user store has no"
            + " enabled admin (password from the environment variable PISHKHAN_ADMIN_PASSWORD, else generated and"
            + " logged once)")
    String firstAdmin_name() default "admin";
}
