package io.pishkhan.console.internal.ui;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
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
    private final boolean installed;

    FakeConsole(boolean installed) {
        this.installed = installed;
    }

    @Override
    public ConversationService conversations() {
        return conversations.proxy();
    }

    @Override
    public AgentDirectory agents() {
        return directory;
    }

    @Override
    public LiveHub hub() {
        return null;
    }

    @Override
    public ConsoleSettings settings() {
        return new ConsoleSettings(30, ZoneId.of("Asia/Tehran"), "fa", 3000, Templates.fromConfiguration(Map.of()));
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
    public List<String> strategyIds() {
        return List.of("leastbusy", "skills");
    }
}
