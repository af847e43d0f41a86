package io.pishkhan.console.internal.web;

import com.vaadin.flow.component.Direction;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.UIInitEvent;
import com.vaadin.flow.server.UIInitListener;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.ui.DesktopView;
import io.pishkhan.console.internal.ui.LoginView;
import io.pishkhan.console.internal.ui.SupervisorView;
import java.util.Locale;

/**
 * For every new UI: language and direction (Persian right-to-left), and the access check before each navigation:
 * a view with {@link RequiresRole} needs a logged-in user with one of its roles, else the user goes to the login
 * view (not logged in) or to the view his roles allow.
 */
public class ConsoleUiInit implements UIInitListener {
    private static final long serialVersionUID = 1L;
    private final transient Console console;

    public ConsoleUiInit(Console console) {
        this.console = console;
    }

    @Override
    public void uiInit(UIInitEvent event) {
        UI ui = event.getUI();
        applyLanguage(ui, ConsoleSession.locale(console.settings().defaultLanguage()));
        ui.addBeforeEnterListener(this::checkAccess);
    }

    public static void applyLanguage(UI ui, Locale locale) {
        boolean fa = ConsoleI18N.isPersian(locale);
        ui.setLocale(locale);
        ui.setDirection(fa ? Direction.RIGHT_TO_LEFT : Direction.LEFT_TO_RIGHT);
        ui.getPage().executeJs("document.documentElement.lang=$0", fa ? "fa" : "en");
    }

    private void checkAccess(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        RequiresRole required = target.getAnnotation(RequiresRole.class);
        if (required == null) {
            return;
        }
        ConsoleUser user = ConsoleSession.user();
        if (user == null) {
            event.forwardTo(LoginView.class);
        } else if (!user.hasAnyRole(required.value())) {
            Class<? extends com.vaadin.flow.component.Component> home = home(user);
            if (home == null || home == target) {
                event.forwardTo(LoginView.class);
            } else {
                event.forwardTo(home);
            }
        }
    }

    /** The first view a user sees after login: the desktop for agents, the supervisor view otherwise. */
    public static Class<? extends com.vaadin.flow.component.Component> home(ConsoleUser user) {
        if (user.canUseDesktop()) {
            return DesktopView.class;
        }
        return user.canSupervise() ? SupervisorView.class : null;
    }
}
