package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.ConsoleSession;
import io.pishkhan.console.internal.web.ConsoleUiInit;
import java.util.Optional;

/** Login against the appliance's JAAS realm "karaf". Fields: vaadinLoginUsername, vaadinLoginPassword. */
@Route(LoginView.ROUTE)
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    public static final String ROUTE = "login";
    static final String PATH = "/console/" + ROUTE;
    private final transient Console console = ConsoleServlet.console();
    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setId("login-form");
        form.setI18n(i18n());
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(this::onLogin);
        Span hint = new Span(getTranslation("login.hint"));
        hint.addClassName("pk-label");
        add(MainLayout.languageSwitch(), form, hint);
    }

    private LoginI18n i18n() {
        LoginI18n i = LoginI18n.createDefault();
        LoginI18n.Form f = i.getForm();
        f.setTitle(getTranslation("login.title"));
        f.setUsername(getTranslation("login.username"));
        f.setPassword(getTranslation("login.password"));
        f.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage err = i.getErrorMessage();
        err.setTitle(getTranslation("login.error.title"));
        err.setMessage(getTranslation("login.error.message"));
        return i;
    }

    private void onLogin(AbstractLogin.LoginEvent e) {
        Optional<ConsoleUser> user = console.login().login(e.getUsername(), e.getPassword().toCharArray())
                .map(u -> u.withQueues(UserLanguage.supervisedQueues(console, u.name())));
        if (user.isEmpty() || !user.get().mayLogIn()) {
            LoginI18n i = i18n();
            if (user.isPresent()) {
                i.getErrorMessage().setMessage(getTranslation("login.error.norole"));
            }
            form.setI18n(i);
            form.setError(true);
            form.setEnabled(true);
            return;
        }
        // against session fixation: the HTTP session gets a new id once the user is known (Servlet changeSessionId;
        // Vaadin's reinitializeSession kept the id here: Jetty reuses a requested id that is still in use)
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request) {
            request.changeSessionId();
        }
        ConsoleSession.logIn(user.get(), console.settings().sessionTimeoutMinutes());
        // the language stored for the user (user store), if he has one there
        UserLanguage.stored(console, user.get().name()).ifPresent(lang -> {
            ConsoleSession.setLanguage(lang);
            ConsoleUiInit.applyLanguage(UI.getCurrent(), ConsoleI18N.of(lang));
        });
        UI.getCurrent().navigate(ConsoleUiInit.home(user.get()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ConsoleUser user = ConsoleSession.user();
        if (user != null && ConsoleUiInit.home(user) != null) {
            event.forwardTo(ConsoleUiInit.home(user));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title");
    }
}
