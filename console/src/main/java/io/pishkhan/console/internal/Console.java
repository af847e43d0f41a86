package io.pishkhan.console.internal;

import io.pishkhan.api.admin.BackupService;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.UserService;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.web.JaasLogin;
import java.util.List;
import java.util.Optional;

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

    // routing administration: each service comes from an optional plugin and may come and go at any time, so a
    // view asks again for every action and says "not installed" when it is empty

    Optional<DirectoryAdmin> directoryAdmin();

    Optional<RuleSetService> ruleSets();

    Optional<BlacklistService> blacklist();

    Optional<BusinessHoursService> businessHours();

    /** Ids of the routing strategies installed now, sorted. */
    List<String> strategyIds();

    // chatbot engines, each from an optional plugin as well (same rules: ask again for every action)

    Optional<KnowledgeBase> knowledgeBase();

    Optional<IntentService> intents();

    Optional<FlowService> flows();

    // analytics (KPIs, friction report, wallboard): an optional plugin too

    Optional<AnalyticsService> analytics();

    // administration (role admin): plugins, configuration forms, backups (bundles io.pishkhan.admin and
    // io.pishkhan.backup) and the audit log of the configuration store; each may be absent

    Optional<PluginService> plugins();

    Optional<ConfigurationService> configuration();

    Optional<BackupService> backups();

    /** Configuration export/import between appliances (bundle io.pishkhan.admin); may be absent. */
    default Optional<io.pishkhan.api.admin.ConfigTransferService> configTransfer() {
        return Optional.empty();
    }

    Optional<ConfigStore> configStore();

    /** The appliance's own users and the API tokens (security bundle); optional as well. */
    Optional<UserService> users();

    Optional<TokenService> tokens();
}
