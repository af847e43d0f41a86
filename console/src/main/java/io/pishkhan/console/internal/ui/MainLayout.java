package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinSession;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleSession;

/** The frame of every logged-in view: brand, navigation by role, user, language switch, logout. */
public class MainLayout extends VerticalLayout implements RouterLayout {
    private static final long serialVersionUID = 1L;
    private final Div content = new Div();

    public MainLayout() {
        setSizeFull();
        setPadding(false);
        setSpacing(false);
        ConsoleUser user = ConsoleSession.user();

        HorizontalLayout header = new HorizontalLayout();
        header.addClassName("pk-header");
        header.setWidthFull();
        header.setPadding(true);
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        // many admin links: wrap on narrow screens instead of overflowing
        header.getStyle().set("flex-wrap", "wrap");
        Span brand = new Span(getTranslation("app.name"));
        brand.addClassName("pk-brand");
        header.add(brand);
        if (user != null && user.canUseDesktop()) {
            RouterLink desk = new RouterLink(getTranslation("nav.desktop"), DesktopView.class);
            desk.setId("nav-desktop");
            header.add(desk);
        }
        if (user != null && user.canSupervise()) {
            RouterLink sup = new RouterLink(getTranslation("nav.supervisor"), SupervisorView.class);
            sup.setId("nav-supervisor");
            header.add(sup);
            // analytics: wallboard, KPIs, scorecards, friction report
            header.add(link("nav-wallboard", "nav.wallboard", WallboardView.class),
                    link("nav-analytics", "nav.analytics", AnalyticsView.class),
                    link("nav-scorecards", "nav.scorecards", ScorecardsView.class),
                    link("nav-friction", "nav.friction", FrictionView.class));
            // routing administration: admins edit, supervisors read
            header.add(link("nav-routing", "nav.routing", RoutingDirectoryView.class),
                    link("nav-rules", "nav.rules", RulesView.class),
                    link("nav-blacklist", "nav.blacklist", BlacklistView.class),
                    link("nav-hours", "nav.hours", BusinessHoursView.class));
            // chatbot engines: admins edit, supervisors read
            header.add(link("nav-kb", "nav.kb", KnowledgeBaseView.class),
                    link("nav-intents", "nav.intents", IntentsView.class),
                    link("nav-flows", "nav.flows", FlowsView.class));
        }
        if (user != null && user.isAdmin()) {
            // administration: plugins, configuration, audit log, backups (admins only)
            header.add(link("nav-plugins", "nav.plugins", PluginsView.class),
                    link("nav-settings", "nav.settings", SettingsView.class),
                    link("nav-audit", "nav.audit", AuditView.class),
                    link("nav-backups", "nav.backups", BackupsView.class),
                    link("nav-transfer", "nav.transfer", TransferView.class),
                    link("nav-users", "nav.users", UsersView.class),
                    link("nav-tokens", "nav.tokens", TokensView.class));
        }
        Span spacer = new Span();
        header.add(spacer);
        header.setFlexGrow(1, spacer);
        Span who = new Span(user == null ? "" : user.name());
        who.setId("current-user");
        who.getElement().setAttribute("dir", "auto");
        header.add(who, languageSwitch());
        Button logout = new Button(getTranslation("logout"), e -> logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        header.add(logout);

        content.setSizeFull();
        content.getStyle().set("overflow", "auto");
        add(header, content);
        setFlexGrow(1, content);
    }

    private RouterLink link(String id, String key, Class<? extends Component> view) {
        RouterLink l = new RouterLink(getTranslation(key), view);
        l.setId(id);
        return l;
    }

    /** "lang-switch": toggles Persian / English for the session and reloads the page. */
    static Button languageSwitch() {
        boolean fa = ConsoleI18N.isPersian(UI.getCurrent() == null ? null : UI.getCurrent().getLocale());
        Button b = new Button(fa ? "English" : "فارسی", e -> {
            ConsoleSession.setLanguage(fa ? "en" : "fa");
            UserLanguage.remember(fa ? "en" : "fa");
            UI.getCurrent().getPage().reload();
        });
        b.setId("lang-switch");
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private static void logout() {
        UI ui = UI.getCurrent();
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(ConsoleUser.class, null);
        ui.getPage().setLocation(LoginView.PATH);
        // closes the Vaadin session (user, UIs) at the end of this request. Invalidating the HTTP session here made
        // the page's push connection fail to reconnect with an ERROR in the log (Jetty reuses the id in flight);
        // the next login gives the HTTP session a new id anyway.
        session.close();
    }

    @Override
    public void showRouterLayoutContent(HasElement view) {
        content.removeAll();
        if (view != null) {
            content.getElement().appendChild(view.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        content.removeAll();
    }

    static Component spacer() {
        Span s = new Span();
        s.getStyle().set("flex-grow", "1");
        return s;
    }
}
