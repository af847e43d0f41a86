package io.pishkhan.console.internal.web;

import com.vaadin.flow.server.VaadinSession;
import io.pishkhan.console.internal.logic.ConsoleUser;
import java.util.Locale;

/** The console's data in the Vaadin session: the logged-in user and the chosen language. */
public final class ConsoleSession {
    private ConsoleSession() {
    }

    public static ConsoleUser user() {
        VaadinSession s = VaadinSession.getCurrent();
        return s == null ? null : s.getAttribute(ConsoleUser.class);
    }

    public static void logIn(ConsoleUser user, int timeoutMinutes) {
        VaadinSession s = VaadinSession.getCurrent();
        s.setAttribute(ConsoleUser.class, user);
        // the session ends after this long without a user action (closeIdleSessions ignores heartbeats)
        s.getSession().setMaxInactiveInterval(timeoutMinutes * 60);
    }

    public static Locale locale(String defaultLanguage) {
        VaadinSession s = VaadinSession.getCurrent();
        Object chosen = s == null ? null : s.getAttribute("pishkhan.language");
        return ConsoleI18N.of(chosen == null ? defaultLanguage : chosen.toString());
    }

    public static void setLanguage(String language) {
        VaadinSession s = VaadinSession.getCurrent();
        s.setAttribute("pishkhan.language", language);
        s.setLocale(ConsoleI18N.of(language));
    }
}
