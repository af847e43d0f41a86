package io.pishkhan.api.security;

import java.util.Objects;
import java.util.Set;

/**
 * A user whose password was checked, with his role names as the realm gives them (e.g. {@code admin},
 * {@code agent}, {@code supervisor}).
 */
public record Login(String user, Set<String> roles) {
    public Login {
        Objects.requireNonNull(user, "user");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
