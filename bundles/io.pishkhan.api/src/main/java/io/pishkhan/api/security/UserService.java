package io.pishkhan.api.security;

import java.util.List;
import java.util.Optional;

/**
 * The appliance's own users (the security bundle's store): who may log in to the console and the REST API, with
 * which roles and queues. Users of the Karaf JAAS realm (etc/users.properties, LDAP) are not listed here; the
 * {@link Authenticator} still accepts them.
 *
 * <p>Every change is audited (kind {@value #AUDIT_KIND}); passwords are never logged, audited or returned. Errors:
 * {@link IllegalArgumentException} for invalid input (a bad name, an unknown role, a password against the policy),
 * {@link java.util.NoSuchElementException} for an unknown user, {@link IllegalStateException} for a conflict (the
 * name exists, the last enabled admin would go).
 */
public interface UserService {
    /** The audit kind of user changes. */
    String AUDIT_KIND = "user";

    /** All users, by name. */
    List<User> list();

    Optional<User> get(String name);

    /**
     * Creates a user. Only name, displayName, roles, queues, language, disabled and mustChangePassword of
     * {@code user} are used.
     */
    User create(User user, char[] password, String actor);

    /** Changes display name, roles, queues, language and disabled flag of an existing user. */
    User update(User user, String actor);

    /**
     * Sets a password (checked against the policy), resets the lockout and ends cached logins.
     *
     * @param mustChange whether the user must change it at his next login (an admin resetting it: true)
     */
    void setPassword(String name, char[] password, boolean mustChange, String actor);

    /** Ends a lockout (also of a user of the JAAS realm, by name). */
    void unlock(String name, String actor);

    /** Deletes a user; false when there was none. Refused for the last enabled admin. */
    boolean delete(String name, String actor);

    /** The minimum password length of the policy. */
    int minPasswordLength();
}
