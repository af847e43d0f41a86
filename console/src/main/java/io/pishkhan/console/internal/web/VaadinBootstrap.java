package io.pishkhan.console.internal.web;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import io.pishkhan.console.internal.ui.AnalyticsView;
import io.pishkhan.console.internal.ui.AuditView;
import io.pishkhan.console.internal.ui.BackupsView;
import io.pishkhan.console.internal.ui.TransferView;
import io.pishkhan.console.internal.ui.PluginsView;
import io.pishkhan.console.internal.ui.SettingsView;
import io.pishkhan.console.internal.ui.TokensView;
import io.pishkhan.console.internal.ui.UsersView;
import io.pishkhan.console.internal.ui.BlacklistView;
import io.pishkhan.console.internal.ui.BusinessHoursView;
import io.pishkhan.console.internal.ui.DesktopView;
import io.pishkhan.console.internal.ui.FlowsView;
import io.pishkhan.console.internal.ui.FrictionView;
import io.pishkhan.console.internal.ui.IntentsView;
import io.pishkhan.console.internal.ui.KnowledgeBaseView;
import io.pishkhan.console.internal.ui.LoginView;
import io.pishkhan.console.internal.ui.RoutingDirectoryView;
import io.pishkhan.console.internal.ui.RulesView;
import io.pishkhan.console.internal.ui.ScorecardsView;
import io.pishkhan.console.internal.ui.SupervisorView;
import io.pishkhan.console.internal.ui.WallboardView;
import jakarta.servlet.ServletContext;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs Vaadin's ServletContainerInitializers by hand: no container scans a bundle for @HandlesTypes, so the classes
 * are passed explicitly. The set given to the Lookup initializer MUST contain LookupInitializer, else it does nothing.
 * Called from {@link ConsoleServlet#init}: registering this as a whiteboard ServletContextListener made Pax Web
 * restart the started context, racing with the servlet registration.
 */
public final class VaadinBootstrap {
    /** Every @Route class of the console. */
    static final Set<Class<?>> ROUTES = Set.of(LoginView.class, DesktopView.class, SupervisorView.class,
            RoutingDirectoryView.class, RulesView.class, BlacklistView.class, BusinessHoursView.class,
            KnowledgeBaseView.class, IntentsView.class, FlowsView.class, AnalyticsView.class, WallboardView.class,
            ScorecardsView.class, FrictionView.class, PluginsView.class, SettingsView.class, AuditView.class,
            BackupsView.class, TransferView.class, UsersView.class, TokensView.class);

    public static synchronized void init(ServletContext ctx) throws Exception {
        if (ctx.getAttribute(com.vaadin.flow.di.Lookup.class.getName()) != null) {
            return;
        }
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(VaadinBootstrap.class.getClassLoader());
        try {
            new LookupServletContainerInitializer().onStartup(new HashSet<>(Set.of(LookupInitializer.class)), ctx);
            new RouteRegistryInitializer().onStartup(new HashSet<>(ROUTES), ctx);
            new ErrorNavigationTargetInitializer().onStartup(new HashSet<>(Set.of(RouteNotFoundError.class)), ctx);
            new VaadinAppShellInitializer().onStartup(new HashSet<>(Set.of(AppShell.class)), ctx);
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    private VaadinBootstrap() {
    }
}
