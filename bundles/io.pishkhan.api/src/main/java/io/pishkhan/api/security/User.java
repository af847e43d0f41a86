package io.pishkhan.api.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the appliance's own user store, without any password material.
 *
 * @param name               the login name (lower case letters, digits, {@code . _ - @}, 1-64 characters); the id
 * @param displayName        shown in the console; the name when blank
 * @param roles              role names ({@link #ROLES}: admin, supervisor, agent)
 * @param queues             the queues a supervisor supervises (per-queue supervisors; empty: none)
 * @param language           the console language, {@code fa} or {@code en}
 * @param disabled           a disabled user cannot log in
 * @param mustChangePassword the password was set by someone else (or generated) and should be changed at next login
 * @param failedLogins       failed logins since the last success
 * @param lockedUntil        null when not locked out
 * @param createdAt          null for a user not stored yet
 * @param updatedAt          null for a user not stored yet
 */
public record User(String name, String displayName, Set<String> roles, Set<String> queues, String language,
        boolean disabled, boolean mustChangePassword, int failedLogins, Instant lockedUntil, Instant createdAt,
        Instant updatedAt) {
    /** The roles the appliance knows. */
    public static final Set<String> ROLES = Set.of("admin", "supervisor", "agent");
    /** The console languages. */
    public static final Set<String> LANGUAGES = Set.of("fa", "en");

    public User {
        Objects.requireNonNull(name, "name");
        name = name.strip().toLowerCase(Locale.ROOT);
        displayName = displayName == null || displayName.isBlank() ? name : displayName.strip();
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        language = language == null || language.isBlank() ? "fa" : language.strip().toLowerCase(Locale.ROOT);
    }

    /** A new user to {@link UserService#create create}. */
    public static User of(String name, String displayName, Set<String> roles, Set<String> queues, String language) {
        return new User(name, displayName, roles, queues, language, false, false, 0, null, null, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the user is locked out at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
