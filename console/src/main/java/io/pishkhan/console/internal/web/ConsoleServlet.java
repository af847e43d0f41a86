package io.pishkhan.console.internal.web;

import com.vaadin.flow.server.VaadinServlet;
import io.pishkhan.console.internal.Console;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The VaadinServlet of the console. It always runs with the bundle's class loader as the thread context class loader
 * (Vaadin loads its classes and resources through it), bootstraps Vaadin by hand when the listener has not, and
 * hands the {@link Console} to the views.
 */
public class ConsoleServlet extends VaadinServlet {
    private static final long serialVersionUID = 1L;
    private final transient Console console;

    public ConsoleServlet(Console console) {
        this.console = console;
    }

    /** The console of the servlet serving the current request (null outside a Vaadin request or access). */
    public static Console console() {
        VaadinServlet s = VaadinServlet.getCurrent();
        return s instanceof ConsoleServlet c ? c.console : null;
    }

    public Console getConsole() {
        return console;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ConsoleServlet.class.getClassLoader());
        try {
            if (config.getServletContext().getAttribute(com.vaadin.flow.di.Lookup.class.getName()) == null) {
                VaadinBootstrap.init(config.getServletContext());
            }
            super.init(config);
        } catch (ServletException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    @Override
    protected void servletInitialized() throws ServletException {
        super.servletInitialized();
        getService().addUIInitListener(new ConsoleUiInit(console));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ConsoleServlet.class.getClassLoader());
        try {
            super.service(req, resp);
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }

    @Override
    public void destroy() {
        ClassLoader old = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(ConsoleServlet.class.getClassLoader());
        try {
            super.destroy();
        } finally {
            Thread.currentThread().setContextClassLoader(old);
        }
    }

}
