package io.pishkhan.console.internal.web;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import io.pishkhan.console.internal.ui.DesktopView;
import io.pishkhan.console.internal.ui.LoginView;
import io.pishkhan.console.internal.ui.SupervisorView;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs Vaadin's ServletContainerInitializers by hand: no container scans a bundle for @HandlesTypes, so the classes
 * are passed explicitly. The set given to the Lookup initializer MUST contain LookupInitializer, else it does nothing.
 */
public class VaadinBootstrap implements ServletContextListener {
    /** Every @Route class of the console. */
    static final Set<Class<?>> ROUTES = Set.of(LoginView.class, DesktopView.class, SupervisorView.class);

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

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        try {
            init(sce.getServletContext());
        } catch (Exception e) {
            throw new IllegalStateException("Vaadin bootstrap failed", e);
        }
    }
}
