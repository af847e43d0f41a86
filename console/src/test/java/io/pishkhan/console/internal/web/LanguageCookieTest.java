package io.pishkhan.console.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.server.VaadinRequest;
import jakarta.servlet.http.Cookie;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The language choice is kept in a cookie on the console's path, read back for a new session. */
class LanguageCookieTest {
    static VaadinRequest request(Cookie... cookies) {
        return (VaadinRequest) Proxy.newProxyInstance(LanguageCookieTest.class.getClassLoader(),
                new Class<?>[] {VaadinRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getCookies" -> cookies;
                    case "getContextPath" -> "/console";
                    default -> null;
                });
    }

    @Test
    void theCookieIsReadBackAndOnlyFaOrEn() {
        assertEquals("en", ConsoleSession.cookieLanguage(request(new Cookie("x", "fa"),
                new Cookie(ConsoleSession.LANGUAGE_COOKIE, "en"))));
        assertEquals("fa", ConsoleSession.cookieLanguage(request(new Cookie(ConsoleSession.LANGUAGE_COOKIE, "fa"))));
        assertNull(ConsoleSession.cookieLanguage(request(new Cookie(ConsoleSession.LANGUAGE_COOKIE, "<script>"))));
        assertNull(ConsoleSession.cookieLanguage(request()));
        assertNull(ConsoleSession.cookieLanguage(null));
    }

    @Test
    void theCookieLastsAYearOnTheConsolePath() {
        Cookie c = ConsoleSession.languageCookie("en", request());
        assertEquals(ConsoleSession.LANGUAGE_COOKIE, c.getName());
        assertEquals("en", c.getValue());
        assertEquals("/console", c.getPath());
        assertEquals(365 * 24 * 3600, c.getMaxAge());
        assertTrue(c.isHttpOnly());
        assertEquals("Lax", c.getAttribute("SameSite"));
        assertEquals("fa", ConsoleSession.languageCookie("anything", null).getValue());
        assertEquals("/", ConsoleSession.languageCookie("fa", null).getPath());
    }
}
