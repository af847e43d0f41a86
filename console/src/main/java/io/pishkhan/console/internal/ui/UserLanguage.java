package io.pishkhan.console.internal.ui;

import io.pishkhan.api.security.User;
import io.pishkhan.api.security.UserService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.ConsoleSession;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's console language kept in the appliance's user store ({@link UserService}), so that it follows him to any
 * browser: read at login, written when he switches. Users of the Karaf realm only (not in the store) keep the
 * browser's cookie ({@link ConsoleSession#LANGUAGE_COOKIE}).
 */
final class UserLanguage {
    private static final Logger LOG = LoggerFactory.getLogger(UserLanguage.class);

    private UserLanguage() {
    }

    /** The language stored for the user, if the user store is installed and has him. */
    static Optional<String> stored(Console console, String name) {
        try {
            return console.users().flatMap(s -> s.get(name)).map(User::language)
                    .filter(User.LANGUAGES::contains);
        } catch (RuntimeException e) {
            LOG.debug("cannot read the language of {}", name, e);
            return Optional.empty();
        }
    }

    /** The queues a per-queue supervisor supervises (user store); empty when he has none there or is not stored. */
    static java.util.Set<String> supervisedQueues(Console console, String name) {
        try {
            return console.users().flatMap(s -> s.get(name)).map(User::queues).orElse(java.util.Set.of());
        } catch (RuntimeException e) {
            LOG.debug("cannot read the queues of {}", name, e);
            return java.util.Set.of();
        }
    }

    /** Stores the logged-in user's choice (when he is in the user store); the actor is the user himself. */
    static void remember(String language) {
        ConsoleUser u = ConsoleSession.user();
        Console console = ConsoleServlet.console();
        if (u == null || console == null) {
            return;
        }
        remember(console, u.name(), language);
    }

    static boolean remember(Console console, String name, String language) {
        Optional<UserService> s = console.users();
        if (s.isEmpty()) {
            return false;
        }
        try {
            Optional<User> user = s.get().get(name);
            if (user.isEmpty() || language.equals(user.get().language())) {
                return false;
            }
            User u = user.get();
            s.get().update(new User(u.name(), u.displayName(), u.roles(), u.queues(), language, u.disabled(),
                    u.mustChangePassword(), u.failedLogins(), u.lockedUntil(), u.createdAt(), u.updatedAt()), name);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Cannot store the language of {}: {}", name, e.toString());
            return false;
        }
    }
}
