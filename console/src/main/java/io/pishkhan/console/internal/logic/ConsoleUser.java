package io.pishkhan.console.internal.logic;

import java.io.Serializable;
import java.util.Set;

/**
 * The logged-in user of a console session: his JAAS user name (which is his agent id) and his Karaf role names.
 * Roles the console uses: {@value #AGENT}, {@value #SUPERVISOR}, {@value #ADMIN}; an admin may do everything.
 *
 * @param queues the queues a per-queue supervisor supervises (from the user store); empty: every queue
 */
public record ConsoleUser(String name, Set<String> roles, Set<String> queues) implements Serializable {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    public ConsoleUser {
        roles = Set.copyOf(roles);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
    }

    public ConsoleUser(String name, Set<String> roles) {
        this(name, roles, Set.of());
    }

    /** The same user, supervising these queues only (empty: all). */
    public ConsoleUser withQueues(Set<String> supervised) {
        return new ConsoleUser(name, roles, supervised);
    }

    /**
     * True when the supervisor views show this queue to him: an admin and a supervisor without a queue list see
     * every queue; a per-queue supervisor sees his queues only (and nothing outside a queue).
     */
    public boolean supervises(String queueId) {
        return isAdmin() || queues.isEmpty() || (queueId != null && queues.contains(queueId));
    }

    /** True when he supervises one of these queues; an agent serving every queue (none listed) counts for all. */
    public boolean supervisesAny(java.util.Collection<String> queueIds) {
        if (isAdmin() || queues.isEmpty() || queueIds == null || queueIds.isEmpty()) {
            return true;
        }
        return queueIds.stream().anyMatch(queues::contains);
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
