package io.pishkhan.console.internal.web;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.Cookie;
import io.pishkhan.console.internal.logic.ConsoleUser;
import java.util.Locale;

/**
 * The console's data in the Vaadin session: the logged-in user and the chosen language (also kept in a cookie, so a
 * user's choice survives logout, a new session and a browser restart).
 */
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

    /** The cookie that keeps a browser's language choice across sessions and logins (one year). */
    public static final String LANGUAGE_COOKIE = "pishkhan-lang";
    static final int LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

    /**
     * The UI language: the one chosen in this session, else the one this browser chose before (cookie), else the
     * appliance's default.
     */
    public static Locale locale(String defaultLanguage) {
        VaadinSession s = VaadinSession.getCurrent();
        Object chosen = s == null ? null : s.getAttribute("pishkhan.language");
        if (chosen == null) {
            chosen = cookieLanguage(VaadinRequest.getCurrent());
            if (chosen != null && s != null) {
                s.setAttribute("pishkhan.language", chosen);
            }
        }
        return ConsoleI18N.of(chosen == null ? defaultLanguage : chosen.toString());
    }

    /** "fa" or "en" from the request's language cookie; null when absent or something else. */
    static String cookieLanguage(VaadinRequest request) {
        Cookie[] cookies = request == null ? null : request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (LANGUAGE_COOKIE.equals(c.getName()) && ("fa".equals(c.getValue()) || "en".equals(c.getValue()))) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Chooses the language for this session and remembers it in the browser (cookie on /console). */
    public static void setLanguage(String language) {
        VaadinSession s = VaadinSession.getCurrent();
        s.setAttribute("pishkhan.language", language);
        s.setLocale(ConsoleI18N.of(language));
        VaadinResponse response = VaadinResponse.getCurrent();
        if (response != null) {
            response.addCookie(languageCookie(language, VaadinRequest.getCurrent()));
        }
    }

    static Cookie languageCookie(String language, VaadinRequest request) {
        Cookie c = new Cookie(LANGUAGE_COOKIE, "en".equals(language) ? "en" : "fa");
        String ctx = request == null ? null : request.getContextPath();
        c.setPath(ctx == null || ctx.isEmpty() ? "/" : ctx);
        c.setMaxAge(LANGUAGE_COOKIE_SECONDS);
        c.setHttpOnly(true);
        c.setAttribute("SameSite", "Lax");
        return c;
    }
}
