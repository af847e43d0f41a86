package io.pishkhan.console.internal.logic;

import java.io.Serializable;
import java.util.Set;

/**
 * The logged-in user of a console session: his JAAS user name (which is his agent id) and his Karaf role names.
 * Roles the console uses: {@value #AGENT}, {@value #SUPERVISOR}, {@value #ADMIN}; an admin may do everything.
 */
public record ConsoleUser(String name, Set<String> roles) implements Serializable {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    public ConsoleUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** True when the user has one of the roles, or is an admin. */
    public boolean hasAnyRole(String... required) {
        if (isAdmin() || required.length == 0) {
            return true;
        }
        for (String r : required) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean canUseDesktop() {
        return hasAnyRole(AGENT);
    }

    public boolean canSupervise() {
        return hasAnyRole(SUPERVISOR);
    }

    /** A user with none of the console roles (e.g. a shell-only account) may not log in to the console. */
    public boolean mayLogIn() {
        return canUseDesktop() || canSupervise();
    }
}
