package io.pishkhan.console.internal;

import io.pishkhan.api.admin.BackupService;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.api.analytics.AnalyticsService;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.DirectoryAdmin;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Signal;
import io.pishkhan.api.routing.BlacklistService;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.security.Authenticator;
import io.pishkhan.api.security.TokenService;
import io.pishkhan.api.security.UserService;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.console.internal.live.LiveHub;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.ConsoleWsProbe;
import io.pishkhan.console.internal.web.JaasLogin;
import jakarta.servlet.Servlet;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: registers the Vaadin application on the HTTP whiteboard at {@code /console} (a context helper, a
 * WebSocket probe so that push uses WebSocket, and the VaadinServlet, which bootstraps Vaadin), and
 * listens to the core's conversation events to push them to the open UIs through the {@link LiveHub}.
 */
@Component(name = "io.pishkhan.console", configurationPid = "io.pishkhan.console",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, service = {}, immediate = true)
@Designate(ocd = ConsoleConfig.class)
public class ConsoleComponent implements ConversationListener, Console {
    static final String CONTEXT_NAME = "io.pishkhan.console";
    static final String CONTEXT_PATH = "/console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleComponent.class);

    private final ConversationService conversations;
    private final AgentDirectory agents;
    private final LiveHub hub = new LiveHub();
    private final JaasLogin login;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile ConsoleSettings settings;

    // routing administration, each from an optional plugin: bound and unbound while the console runs
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DirectoryAdmin directoryAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuleSetService ruleSetService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BlacklistService blacklistService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BusinessHoursService businessHoursService;
    // chatbot engines' services (knowledge base, intent models, bot flows): optional plugins as well
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile KnowledgeBase knowledgeBase;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IntentService intentService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FlowService flowService;
    /** KPIs, friction report and wallboard (bundle analytics.kpi): optional as well. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AnalyticsService analyticsService;
    /** Administration: plugins, configuration forms, backups, the audit log; optional as well. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginService pluginService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationService configurationService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BackupService backupService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.pishkhan.api.admin.ConfigTransferService configTransferService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigStore configStore;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UserService userService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TokenService tokenService;
    /** The installed routing strategies (only their ids are used: the queue form offers them). */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<RoutingStrategy> strategies;

    /** The highest-ranked authenticator, rebound in place (the console is not re-created when it changes). */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    @Activate
    public ConsoleComponent(@Reference ConversationService conversations, @Reference AgentDirectory agents,
            BundleContext bc, ConsoleConfig config, Map<String, Object> properties) {
        this.conversations = conversations;
        this.agents = agents;
        this.login = new JaasLogin(Authenticator.forwarding(() -> authenticator));
        this.settings = ConsoleSettings.of(config, properties);
        register(bc);
        LOG.info("Console at {} ({} templates, session timeout {} min)", CONTEXT_PATH,
                settings.templates().names().size(), settings.sessionTimeoutMinutes());
    }

    @Modified
    void modified(ConsoleConfig config, Map<String, Object> properties) {
        settings = ConsoleSettings.of(config, properties);
        LOG.info("Console configuration changed ({} templates, session timeout {} min)",
                settings.templates().names().size(), settings.sessionTimeoutMinutes());
    }

    @Deactivate
    void deactivate() {
        for (int i = registrations.size() - 1; i >= 0; i--) {
            try {
                registrations.get(i).unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        hub.close();
    }

    private void register(BundleContext bc) {
        // the listener is registered by hand once the console is active: as a DS-provided service it closed a cycle
        // (console -> ConversationService -> ExtensionTracker -> every ConversationListener -> console) that SCR
        // broke at random at boot ("Circular reference detected", "Service factory returned null"), leaving the
        // console without live events or without its servlet
        registrations.add(bc.registerService(ConversationListener.class, this, null));

        String select = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";
        Dictionary<String, Object> c = new Hashtable<>();
        c.put("osgi.http.whiteboard.context.name", CONTEXT_NAME);
        c.put("osgi.http.whiteboard.context.path", CONTEXT_PATH);
        registrations.add(bc.registerService(ServletContextHelper.class, new ServletContextHelper(bc.getBundle()) {
        }, c));

        // a JSR 356 endpoint in the console's context before the servlet: Pax Web then creates the ServerContainer
        // there and Atmosphere (Vaadin push) uses WebSocket instead of long polling
        Dictionary<String, Object> w = new Hashtable<>();
        w.put("org.ops4j.pax.web.http.whiteboard.websocket", "true");
        w.put("osgi.http.whiteboard.context.select", select);
        registrations.add(bc.registerService(Object.class, new ConsoleWsProbe(), w));

        // Vaadin's initializers run in ConsoleServlet.init (VaadinBootstrap). Not as a whiteboard
        // ServletContextListener: Pax Web restarts a started context for a new listener, and that restart raced with
        // the servlet registration ("IllegalStateException: STARTED", /console stayed 404).

        Dictionary<String, Object> s = new Hashtable<>();
        s.put("osgi.http.whiteboard.servlet.pattern", "/*");
        s.put("osgi.http.whiteboard.servlet.name", "pishkhan-console");
        s.put("osgi.http.whiteboard.servlet.asyncSupported", "true");
        s.put("osgi.http.whiteboard.context.select", select);
        s.put("servlet.init.productionMode", "true");
        s.put("servlet.init.i18n.provider", ConsoleI18N.class.getName());
        // heartbeats do not keep an idle session open: the session ends sessionTimeoutMinutes after the last action
        s.put("servlet.init.closeIdleSessions", "true");
        registrations.add(bc.registerService(Servlet.class, new ConsoleServlet(this), s));
    }

    @Override
    public ConversationService conversations() {
        return conversations;
    }

    @Override
    public AgentDirectory agents() {
        return agents;
    }

    @Override
    public LiveHub hub() {
        return hub;
    }

    @Override
    public ConsoleSettings settings() {
        return settings;
    }

    @Override
    public JaasLogin login() {
        return login;
    }

    @Override
    public Optional<DirectoryAdmin> directoryAdmin() {
        return Optional.ofNullable(directoryAdmin);
    }

    @Override
    public Optional<RuleSetService> ruleSets() {
        return Optional.ofNullable(ruleSetService);
    }

    @Override
    public Optional<BlacklistService> blacklist() {
        return Optional.ofNullable(blacklistService);
    }

    @Override
    public Optional<BusinessHoursService> businessHours() {
        return Optional.ofNullable(businessHoursService);
    }

    @Override
    public Optional<KnowledgeBase> knowledgeBase() {
        return Optional.ofNullable(knowledgeBase);
    }

    @Override
    public Optional<IntentService> intents() {
        return Optional.ofNullable(intentService);
    }

    @Override
    public Optional<FlowService> flows() {
        return Optional.ofNullable(flowService);
    }

    @Override
    public Optional<AnalyticsService> analytics() {
        return Optional.ofNullable(analyticsService);
    }

    @Override
    public Optional<PluginService> plugins() {
        return Optional.ofNullable(pluginService);
    }

    @Override
    public Optional<ConfigurationService> configuration() {
        return Optional.ofNullable(configurationService);
    }

    @Override
    public Optional<BackupService> backups() {
        return Optional.ofNullable(backupService);
    }

    @Override
    public Optional<io.pishkhan.api.admin.ConfigTransferService> configTransfer() {
        return Optional.ofNullable(configTransferService);
    }

    @Override
    public Optional<ConfigStore> configStore() {
        return Optional.ofNullable(configStore);
    }

    @Override
    public Optional<UserService> users() {
        return Optional.ofNullable(userService);
    }

    @Override
    public Optional<TokenService> tokens() {
        return Optional.ofNullable(tokenService);
    }

    @Override
    public List<String> strategyIds() {
        List<RoutingStrategy> s = strategies;
        if (s == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (RoutingStrategy r : s) {
            try {
                String id = r.id();
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            } catch (RuntimeException e) {
                LOG.debug("Routing strategy without id", e);
            }
        }
        ids.sort(null);
        return ids;
    }

    // ConversationListener: called on pipeline threads; the hub queues the work and returns at once

    @Override
    public void onEvent(ConversationEvent event, Conversation conversation) {
        hub.publish(l -> l.onEvent(event, conversation), conversation);
    }

    @Override
    public void onMessage(Message message, Conversation conversation) {
        hub.publish(l -> l.onMessage(message, conversation), conversation);
    }

    @Override
    public void onSignal(Signal signal, Conversation conversation) {
        hub.publish(l -> l.onSignal(signal, conversation), conversation);
    }
}
