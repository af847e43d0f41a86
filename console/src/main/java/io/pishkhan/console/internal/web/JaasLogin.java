package io.pishkhan.console.internal.web;

import io.pishkhan.api.security.Authenticator;
import io.pishkhan.console.internal.logic.ConsoleUser;
import java.util.Optional;

/**
 * The console's login: the appliance's {@link Authenticator} (the core's JAAS login against Karaf's {@code karaf}
 * realm, the shell's users), its roles turned into a {@link ConsoleUser}.
 */
public class JaasLogin {
    private final Authenticator authenticator;

    public JaasLogin(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The user with his Karaf role names, or empty when the name or password is wrong. */
    public Optional<ConsoleUser> login(String user, char[] password) {
        return authenticator.login(user, password).map(l -> new ConsoleUser(l.user(), l.roles()));
    }
}
