package io.pishkhan.console.internal.web;

import io.pishkhan.console.internal.logic.ConsoleUser;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a user name and password against the appliance's JAAS realm (Karaf's "karaf": the shell's users). */
public class JaasLogin {
    private static final Logger LOG = LoggerFactory.getLogger(JaasLogin.class);
    private final String realm;

    public JaasLogin(String realm) {
        this.realm = realm;
    }

    /** The user with his Karaf role names, or empty when the name or password is wrong. */
    public Optional<ConsoleUser> login(String user, char[] password) {
        if (user == null || user.isBlank() || password == null || password.length == 0) {
            return Optional.empty();
        }
        Subject subject = new Subject();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(JaasLogin.class.getClassLoader());
        try {
            LoginContext lc = new LoginContext(realm, subject, callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user.strip());
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            lc.login();
            // Karaf's RolePrincipal, matched by simple name so that no Karaf JAAS package is imported
            Set<String> roles = subject.getPrincipals().stream()
                    .filter(p -> p.getClass().getSimpleName().equals("RolePrincipal"))
                    .map(Principal::getName).collect(Collectors.toUnmodifiableSet());
            try {
                lc.logout();
            } catch (LoginException ignored) {
                // the subject is not kept
            }
            return Optional.of(new ConsoleUser(user.strip(), roles));
        } catch (LoginException e) {
            LOG.info("Console login failed for user '{}'", user.strip().replaceAll("[\\r\\n]", "_"));
            return Optional.empty();
        } finally {
            t.setContextClassLoader(previous);
        }
    }
}
