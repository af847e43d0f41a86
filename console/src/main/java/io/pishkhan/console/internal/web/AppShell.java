package io.pishkhan.console.internal.web;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Server push for the whole console, passed by hand to VaadinAppShellInitializer (no annotation scanning in OSGi).
 * WEBSOCKET_XHR: the server pushes over WebSocket, the browser sends over XHR, so every user action is an HTTP
 * request that keeps the HTTP session alive (a pure WebSocket session would expire while the agent works).
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
public class AppShell implements AppShellConfigurator {
    private static final long serialVersionUID = 1L;

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Pishkhan");
        settings.addInlineWithContents(Inline.Position.APPEND, ConsoleStyles.CSS, Inline.Wrapping.STYLESHEET);
    }
}
