package io.pishkhan.console.internal.ui;

import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.ConsoleSettings;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.logic.Templates;
import io.pishkhan.console.internal.web.JaasLogin;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A console whose routing services are the in-memory fakes of {@link Fakes} (or absent). */
class FakeConsole implements Console {
    final Fakes.Directory directory = new Fakes.Directory();
    final Fakes.Rules rules = new Fakes.Rules();
    final Fakes.Blacklist blacklist = new Fakes.Blacklist();
    final Fakes.Hours hours = new Fakes.Hours();
    final Fakes.Conversations conversations = new Fakes.Conversations();
    final ChatbotFakes.Kb kb = new ChatbotFakes.Kb();
    final ChatbotFakes.Intents intents = new ChatbotFakes.Intents();
    final ChatbotFakes.Flows flows = new ChatbotFakes.Flows();
    /** The analytics service views get (null: not installed). */
    io.pishkhan.api.analytics.AnalyticsService analytics;
    /** The conversation service views get; the routing-history fake unless a test sets another. */
    ConversationService conversationService;
    Templates templates = Templates.fromConfiguration(Map.of());
    /** Administration services (null: not installed); see {@link AdminFakes}. */
    io.pishkhan.api.admin.PluginService pluginService;
    io.pishkhan.api.admin.ConfigurationService configurationService;
    io.pishkhan.api.admin.BackupService backupService;
    io.pishkhan.api.store.ConfigStore configStore;
    io.pishkhan.api.security.UserService userService;
    io.pishkhan.api.security.TokenService tokenService;
    private LiveHub hub;
    private final boolean installed;

    FakeConsole(boolean installed) {
        this.installed = installed;
    }

    @Override
    public ConversationService conversations() {
        return conversationService != null ? conversationService : conversations.proxy();
    }

    @Override
    public AgentDirectory agents() {
        return directory;
    }

    @Override
    public synchronized LiveHub hub() {
        if (hub == null) {
            hub = new LiveHub();
        }
        return hub;
    }

    @Override
    public ConsoleSettings settings() {
        return new ConsoleSettings(30, ZoneId.of("Asia/Tehran"), "fa", 3000, templates);
    }

    @Override
    public JaasLogin login() {
        return null;
    }

    @Override
    public Optional<DirectoryAdmin> directoryAdmin() {
        return installed ? Optional.of(directory) : Optional.empty();
    }

    @Override
    public Optional<RuleSetService> ruleSets() {
        return installed ? Optional.of(rules) : Optional.empty();
    }

    @Override
    public Optional<BlacklistService> blacklist() {
        return installed ? Optional.of(blacklist) : Optional.empty();
    }

    @Override
    public Optional<BusinessHoursService> businessHours() {
        return installed ? Optional.of(hours) : Optional.empty();
    }

    @Override
    public Optional<KnowledgeBase> knowledgeBase() {
        return installed ? Optional.of(kb) : Optional.empty();
    }

    @Override
    public Optional<IntentService> intents() {
        return installed ? Optional.of(intents) : Optional.empty();
    }

    @Override
    public Optional<FlowService> flows() {
        return installed ? Optional.of(flows) : Optional.empty();
    }

    @Override
    public Optional<io.pishkhan.api.admin.PluginService> plugins() {
        return Optional.ofNullable(pluginService);
    }

    @Override
    public Optional<io.pishkhan.api.admin.ConfigurationService> configuration() {
        return Optional.ofNullable(configurationService);
    }

    @Override
    public Optional<io.pishkhan.api.admin.BackupService> backups() {
        return Optional.ofNullable(backupService);
    }

    @Override
    public Optional<io.pishkhan.api.store.ConfigStore> configStore() {
        return Optional.ofNullable(configStore);
    }

    @Override
    public Optional<io.pishkhan.api.security.UserService> users() {
        return Optional.ofNullable(userService);
    }

    @Override
    public Optional<io.pishkhan.api.security.TokenService> tokens() {
        return Optional.ofNullable(tokenService);
    }

    @Override
    public List<String> strategyIds() {
        return List.of("leastbusy", "skills");
    }

    @Override
    public Optional<io.pishkhan.api.analytics.AnalyticsService> analytics() {
        return Optional.ofNullable(analytics);
    }
}
