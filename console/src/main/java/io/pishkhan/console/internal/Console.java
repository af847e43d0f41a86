package io.pishkhan.console.internal;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.web.JaasLogin;

/**
 * What the views use: the product's API services, the live hub and the current settings. Handed to the Vaadin
 * servlet by {@link ConsoleComponent}; views reach it through {@code ConsoleServlet.console()}.
 */
public interface Console {
    ConversationService conversations();

    AgentDirectory agents();

    LiveHub hub();

    ConsoleSettings settings();

    JaasLogin login();
}
