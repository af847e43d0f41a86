package io.pishkhan.core.internal;

import io.pishkhan.api.analytics.AnalyticsProcessor;
import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.bot.BotReply;
import io.pishkhan.api.bot.BotRequest;
import io.pishkhan.api.bot.ChatbotEngine;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.ChannelException;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import io.pishkhan.api.routing.AgentLoad;
import io.pishkhan.api.routing.RoutingDecision;
import io.pishkhan.api.routing.RoutingRequest;
import io.pishkhan.api.routing.BlacklistEntry;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.RoutingHints;
import io.pishkhan.api.routing.RoutingStrategy;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.routing.TriageResult;
import io.pishkhan.api.routing.TriageService;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.api.store.InboundRecord;
import io.pishkhan.camel.RouteProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation pipeline. {@link #receive} stores an inbound message synchronously (so the channel may
 * acknowledge it) and hands it to a Camel lane; the lane asks the chatbot engine, answers or hands off; handed-off
 * conversations are routed by the selected routing strategy; every reply goes out through the outbound route to the
 * conversation's channel; every step is a stored event that the analytics route fans out to all processors.
 *
 * <p>Routes (ids prefixed {@code core-}): {@code core-inbound-N} (one per partition, ordered per conversation),
 * {@code core-outbound} (with redelivery), {@code core-analytics}, {@code core-dispatch} (re-offers waiting
 * conversations periodically) and {@code core-recovery} (re-runs inbound messages stored but never processed, e.g.
 * after a crash).
 */
@Component(service = {ConversationService.class, RouteProvider.class}, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = CoreConfig.class)
public class ConversationPipeline implements ConversationService, RouteProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationPipeline.class);
    static final String SYSTEM_SENDER = "pishkhan";
    /** Messages stored longer ago than this and not answered are re-run by recovery. */
    static final Duration RECOVERY_AGE = Duration.ofSeconds(5);
    /** Conversation context key: id of the last inbound message the bot lane has processed. */
    static final String PROCESSED = "pipeline.processed";
    /** Messages of the transcript given to the chatbot engine (the most recent ones). */
    static final int BOT_CONTEXT_MESSAGES = 100;
    static final int EVENT_STORE_ATTEMPTS = 3;
    /** Context keys written at handoff. */
    static final String HANDOFF_TEXT = "handoff.text";
    static final String BOT_CONFIDENCE = "bot.confidence";
    static final String PREVIOUS_AGENT = "routing.previousAgent";
    static final String PREVIOUS_AT = "routing.previousAt";
    static final String BLACKLIST_QUEUE = "blacklist.queue";
    static final String BLACKLIST_ENTRY = "blacklist.entry";
    /** Reply data key of the knowledge-base article an answer came from (copied to BOT_ANSWERED as articleId). */
    static final String ARTICLE_ID = "kb.articleId";
    static final int ANNOTATE_ATTEMPTS = 5;
    /** Customer messages scored inline at handoff when the sentiment processor has not scored the conversation. */
    static final int SENTIMENT_MESSAGES = 3;

    private final ConversationStore store;
    private final AgentDirectory directory;
    private final ExtensionTracker extensions;
    private final CamelContext camel;
    private final Clock clock;
    private final int partitions;
    private final int queueSize;
    private final long dispatchPeriod;
    private final ProducerTemplate producer;
    /** Bounds the channel threads inside the store at once (see CoreConfig.pipeline_maxConcurrentReceives). */
    private final java.util.concurrent.Semaphore receiveGate;
    private final Object routingLock = new Object();
    private final Map<String, Instant> lastAssigned = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Serialise the core's read-merge-writes of one conversation row (striped by conversation id). */
    private final Object[] rowLocks = new Object[64];
    /**
     * Surveys waiting for an answer, by channel and address. In memory, rebuilt from the store at start-up
     * ({@link #restorePendingSurveys}).
     */
    private final Map<String, PendingSurvey> pendingSurveys = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean surveysRestored = new java.util.concurrent.atomic.AtomicBoolean();
    /** How far back the start-up looks for conversations whose survey may still be answered. */
    static final Duration SURVEY_RESTORE_WINDOW = Duration.ofDays(2);
    /** DELIVERED events waiting for the next flush. */
    private final java.util.concurrent.LinkedBlockingQueue<ConversationEvent> deliveries =
            new java.util.concurrent.LinkedBlockingQueue<>();
    static final long DELIVERY_FLUSH_MILLIS = 25;
    /** Earlier unprocessed messages a lane processes before the one it was given (see processInbound). */
    static final int MAX_CATCH_UP = 50;
    /** Conversations whose inbound messages wait for a chatbot engine (resumed when one arrives). */
    private final Set<String> waitingForBot = ConcurrentHashMap.newKeySet();
    /** Outbound messages waiting for their absent channel, per channel in arrival order. Guarded by heldLock. */
    private final Map<String, java.util.ArrayDeque<Held>> held = new HashMap<>();
    /** Number of held messages per conversation: a later message of the conversation queues behind them. */
    private final Map<String, Integer> heldPerConversation = new HashMap<>();
    private final Object heldLock = new Object();
    /** One resumption or expiry of held messages at a time (so none is delivered twice). */
    private final Object resumeLock = new Object();
    static final long HELD_CHECK_MILLIS = 5000;
    /** Delivery attempts of a held message once its channel is back (as the outbound route: 1 + 3 redeliveries). */
    static final int RESUME_ATTEMPTS = 4;
    static final String CHANNEL_ABSENT = "channel-absent";
    private final ExtensionTracker.ArrivalListener arrivals = this::arrived;
    /** Outbound messages stored before this instant and never delivered are looked for once (restoreUndelivered). */
    private final Instant startedAt;
    private final java.util.concurrent.atomic.AtomicBoolean undeliveredRestored = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile CoreConfig config;

    /** An outbound message held since a time because its channel was not installed. */
    record Held(OutboundMessage message, Instant since) {
    }

    /** Work item of an inbound lane. */
    record InboundWork(String conversationId, String messageId, String lang) {
        InboundWork(String conversationId, String messageId) {
            this(conversationId, messageId, null);
        }
    }

    @Activate
    public ConversationPipeline(@Reference ConversationStore store, @Reference AgentDirectory directory,
            @Reference ExtensionTracker extensions, @Reference CamelContext camel, CoreConfig config) {
        this(store, directory, extensions, camel, config, Clock.systemUTC());
    }

    ConversationPipeline(ConversationStore store, AgentDirectory directory, ExtensionTracker extensions,
            CamelContext camel, CoreConfig config, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.extensions = extensions;
        this.camel = camel;
        this.clock = clock;
        this.config = config;
        this.partitions = Math.max(1, config.pipeline_partitions());
        this.queueSize = Math.max(10, config.pipeline_queueSize());
        this.dispatchPeriod = Math.max(100, config.dispatch_periodMillis());
        this.producer = camel.createProducerTemplate();
        this.receiveGate = new java.util.concurrent.Semaphore(Math.max(1, config.pipeline_maxConcurrentReceives()), true);
        for (int i = 0; i < rowLocks.length; i++) {
            rowLocks[i] = new Object();
        }
        this.startedAt = clock.instant();
        extensions.addArrivalListener(arrivals);
    }

    @Modified
    public void modified(CoreConfig cfg) {
        this.config = cfg;
    }

    @Deactivate
    public void deactivate() {
        extensions.removeArrivalListener(arrivals);
        synchronized (heldLock) {
            int n = held.values().stream().mapToInt(java.util.ArrayDeque::size).sum();
            if (n > 0) {
                LOG.warn("{} replies were waiting for their channel and are not delivered (they stay in the transcripts)", n);
            }
        }
        flushDeliveries();
        try {
            producer.stop();
        } catch (RuntimeException e) {
            LOG.debug("producer stop", e);
        }
    }

    // ---------------------------------------------------------------- routes

    String inboundUri(int partition) {
        return "seda:pishkhan-inbound-" + partition + "?size=" + queueSize;
    }

    String outboundUri() {
        return "seda:pishkhan-outbound?size=" + queueSize;
    }

    String arrivalsUri() {
        return "seda:pishkhan-arrivals?size=1000";
    }

    String eventsUri() {
        return "seda:pishkhan-events?size=" + queueSize;
    }

    @Override
    public RoutesBuilder createRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < partitions; i++) {
                    from(inboundUri(i)).routeId("core-inbound-" + i)
                            .process(e -> processInbound(e.getMessage().getBody(InboundWork.class)));
                }
                from(outboundUri() + "&concurrentConsumers=2").routeId("core-outbound")
                        .onException(ChannelException.class, IllegalStateException.class)
                            .maximumRedeliveries(3).redeliveryDelay(500).backOffMultiplier(2).useExponentialBackOff()
                            .handled(true)
                            .process(e -> deliveryFailed(e.getMessage().getBody(OutboundMessage.class),
                                    e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end()
                        .process(e -> deliver(e.getMessage().getBody(OutboundMessage.class)));
                from(eventsUri()).routeId("core-analytics")
                        .process(e -> fanOut(e.getMessage().getBody(ConversationEvent.class)));
                from("timer:pishkhan-dispatch?delay=1000&period=" + dispatchPeriod).routeId("core-dispatch")
                        .process(e -> dispatchQueued());
                from("timer:pishkhan-recovery?delay=2000&period=30000").routeId("core-recovery")
                        .process(e -> {
                            if (surveysRestored.compareAndSet(false, true)) {
                                restorePendingSurveys();
                            }
                            recover();
                        });
                from(arrivalsUri()).routeId("core-arrivals")
                        .process(e -> onArrival(e.getMessage().getBody(String.class)));
                from("timer:pishkhan-held?delay=1000&period=" + HELD_CHECK_MILLIS).routeId("core-held")
                        .process(e -> {
                            if (undeliveredRestored.compareAndSet(false, true)) {
                                restoreUndelivered();
                            }
                            checkHeld();
                        });
                from("timer:pishkhan-deliveries?delay=100&period=" + DELIVERY_FLUSH_MILLIS).routeId("core-delivered")
                        .process(e -> flushDeliveries());
            }
        };
    }

    // ---------------------------------------------------------------- ConversationService

    @Override
    public Receipt receive(InboundMessage given) {
        validate(given);
        // a survey answer goes to the resolved conversation that asked (decided here, checked by the store)
        String surveyTarget = surveyTarget(given);
        InboundMessage m = withSurveyTarget(given, surveyTarget);
        InboundRecord r;
        try {
            if (!receiveGate.tryAcquire(config.pipeline_receiveWaitMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new io.pishkhan.api.store.StoreException("the appliance is busy; nothing was stored, retry later", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.pishkhan.api.store.StoreException("interrupted; nothing was stored", e);
        }
        Instant now = clock.instant();
        ConversationEvent[] received = new ConversationEvent[1];
        try {
            // the RECEIVED event is written in the same transaction as the message
            r = store.recordInbound(m, now, rec -> received[0] = new ConversationEvent(UUID.randomUUID().toString(),
                    EventType.RECEIVED, rec.conversation().id(), rec.conversation().channel(), now,
                    Map.of("messageId", rec.message().id())));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        } finally {
            receiveGate.release();
        }
        Conversation c = r.conversation();
        if (surveyTarget != null && !surveyTarget.equals(c.id())) {
            pendingSurveys.remove(surveyKey(m.channel(), m.address())); // he moved on: a new conversation
        }
        if (!r.duplicate()) {
            publish(received[0]);
            notifyMessage(r.message(), c);
            if (c.state() == ConversationState.RESOLVED) {
                surveyAnswer(c, r.message());
                return new Receipt(r.customer().id(), c.id(), r.message().id(), false);
            }
            Optional<BlacklistEntry> blocked = blacklisted(m);
            if (blocked.isPresent() && blocked.get().action() == BlacklistEntry.Action.BLOCK) {
                block(c, blocked.get(), m.text());
            } else {
                if (blocked.isPresent() && blocked.get().queueId() != null
                        && !blocked.get().queueId().equals(c.context().get(BLACKLIST_QUEUE))) {
                    Map<String, String> ctx = new HashMap<>(c.context());
                    ctx.put(BLACKLIST_QUEUE, blocked.get().queueId());
                    ctx.put(BLACKLIST_ENTRY, String.valueOf(blocked.get().id()));
                    write(c, c.withIntent(c.intent(), ctx, c.updatedAt()), c.state());
                }
                enqueue(new InboundWork(c.id(), r.message().id(), Survey.language(m.attributes().get("lang"))));
            }
        }
        return new Receipt(r.customer().id(), c.id(), r.message().id(), r.duplicate());
    }

    private Optional<BlacklistEntry> blacklisted(InboundMessage m) {
        return extensions.blacklist().flatMap(b -> {
            try {
                return b.match(m.channel(), m.address(), m.attributes());
            } catch (RuntimeException | LinkageError e) {
                LOG.error("blacklist check failed for a message on {}; the message is routed normally", m.channel(), e);
                return Optional.empty();
            }
        });
    }

    /** A blacklisted sender: the message is kept, he gets the configured notice, the conversation is closed. */
    private void block(Conversation c, BlacklistEntry entry, String text) {
        Map<String, String> ctx = new HashMap<>(c.context());
        ctx.put(BLACKLIST_ENTRY, String.valueOf(entry.id()));
        Instant now = clock.instant();
        Conversation closed = c.withIntent(c.intent(), ctx, now).withState(ConversationState.RESOLVED, c.queueId(),
                null, now);
        if (write(c, closed, c.state())) {
            emit(EventType.BLOCKED, closed, eventData("entry", entry.id(), "kind", entry.kind()));
            String lang = Language.detect(text);
            String notice = entry.message() != null && !entry.message().isBlank() ? entry.message()
                    : "fa".equals(lang) ? config.notice_blocked_fa() : config.notice_blocked_en();
            sendOutbound(closed, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER, notice, List.of());
        }
    }

    static void validate(InboundMessage m) {
        if (m == null) {
            throw new InvalidMessageException("no message");
        }
        if (m.channel() == null || m.channel().isBlank()) {
            throw new InvalidMessageException("channel is missing");
        }
        if (m.address() == null || m.address().isBlank()) {
            throw new InvalidMessageException("sender address is missing");
        }
        if (m.text().isBlank()) {
            throw new InvalidMessageException("text is empty");
        }
        if (m.text().length() > InboundMessage.MAX_TEXT_LENGTH) {
            throw new InvalidMessageException("text is longer than " + InboundMessage.MAX_TEXT_LENGTH + " characters");
        }
        if (m.attachments().size() > io.pishkhan.api.channel.Attachment.MAX_COUNT) {
            throw new InvalidMessageException("more than " + io.pishkhan.api.channel.Attachment.MAX_COUNT
                    + " attachments");
        }
        if (m.clientMessageId() != null && m.clientMessageId().length() > 200) {
            throw new InvalidMessageException("client message id is longer than 200 characters");
        }
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        return store.conversation(conversationId);
    }

    @Override
    public List<Message> transcript(String conversationId) {
        return store.messages(conversationId);
    }

    @Override
    public List<io.pishkhan.api.model.AttachmentInfo> attachments(String conversationId) {
        return store.attachments(conversationId);
    }

    @Override
    public Optional<byte[]> attachmentContent(String attachmentId) {
        return store.attachmentContent(attachmentId);
    }

    @Override
    public Message replyAsAgent(String conversationId, String agentId, String text) {
        return replyAsAgent(conversationId, agentId, text, null);
    }

    @Override
    public Optional<Customer> customerByIdentity(Identity identity) {
        return identity == null ? Optional.empty() : store.customerByIdentity(identity);
    }

    @Override
    public Message replyAsAgent(String conversationId, String agentId, String text, Identity via) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("text is empty");
        }
        if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
            throw new InvalidMessageException("text is longer than " + InboundMessage.MAX_TEXT_LENGTH + " characters");
        }
        Conversation c = store.conversation(conversationId)
                .orElseThrow(() -> new NoSuchElementException("no conversation " + conversationId));
        if (c.state() != ConversationState.ASSIGNED || !agentId.equals(c.agentId())) {
            throw new IllegalStateException("conversation " + conversationId + " is not assigned to " + agentId);
        }
        String name = directory.agent(agentId).map(Agent::name).orElse(agentId);
        Conversation target = c;
        if (via != null && !via.equals(new Identity(c.channel(), c.address()))) {
            boolean his = store.customer(c.customerId()).map(cu -> cu.identities().contains(via)).orElse(false);
            if (!his) {
                throw new IllegalArgumentException(via.channel() + " " + via.address()
                        + " is not an identity of this customer");
            }
            // stored in this conversation, delivered on the chosen channel
            target = new Conversation(c.id(), c.customerId(), via.channel(), via.address(), c.state(), c.queueId(),
                    c.agentId(), c.intent(), c.context(), c.createdAt(), c.updatedAt());
        }
        Message msg = sendOutbound(target, SenderType.AGENT, agentId, name, text, List.of());
        emit(EventType.AGENT_REPLIED, c, target == c ? Map.of("agentId", agentId, "messageId", msg.id())
                : Map.of("agentId", agentId, "messageId", msg.id(), "via", via.channel()));
        return msg;
    }

    @Override
    public Conversation resolve(String conversationId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Conversation c = store.conversation(conversationId)
                    .orElseThrow(() -> new NoSuchElementException("no conversation " + conversationId));
            if (c.state() == ConversationState.RESOLVED) {
                return c;
            }
            Instant now = clock.instant();
            Conversation resolved = c.withState(ConversationState.RESOLVED, c.queueId(), c.agentId(), now);
            // asked only when an agent had it (not for abandoned, blocked or bot-only conversations)
            boolean survey = config.survey_enabled() && c.agentId() != null && c.state() == ConversationState.ASSIGNED
                    && c.address() != null && c.channel() != null;
            String lang = null;
            if (survey) {
                lang = surveyLanguage(c);
                Map<String, String> ctx = new HashMap<>(c.context());
                ctx.put(Survey.STATE, Survey.SENT);
                ctx.put(Survey.SENT_AT, now.toString());
                ctx.put(Survey.ID, UUID.randomUUID().toString());
                ctx.put(Survey.LANG, lang);
                resolved = resolved.withIntent(resolved.intent(), ctx, now);
            }
            if (write(c, resolved, c.state())) {
                Map<String, String> data = new HashMap<>();
                if (c.agentId() != null) {
                    data.put("agentId", c.agentId());
                }
                emit(EventType.RESOLVED, resolved, data);
                if (survey) {
                    sendSurvey(resolved, lang, now);
                }
                return resolved;
            }
        }
        throw new IllegalStateException("conversation " + conversationId + " changed concurrently; try again");
    }

    @Override
    public Conversation accept(String conversationId, String agentId) {
        Conversation c = existing(conversationId);
        if (c.state() == ConversationState.ASSIGNED && agentId.equals(c.agentId())) {
            return c; // a double click
        }
        if (c.state() != ConversationState.OFFERED || !agentId.equals(c.agentId())) {
            throw new IllegalStateException("conversation " + conversationId + " is not offered to " + agentId);
        }
        Conversation assigned = c.withState(ConversationState.ASSIGNED, c.queueId(), agentId, clock.instant());
        if (!write(c, assigned, ConversationState.OFFERED)) {
            throw new IllegalStateException("the offer of conversation " + conversationId + " is no longer valid");
        }
        announceAssignment(assigned, "accepted");
        return assigned;
    }

    @Override
    public Conversation decline(String conversationId, String agentId) {
        Conversation c = existing(conversationId);
        if (c.state() != ConversationState.OFFERED || !agentId.equals(c.agentId())) {
            throw new IllegalStateException("conversation " + conversationId + " is not offered to " + agentId);
        }
        Conversation queued = takeBackOffer(c, "declined");
        if (queued == null) {
            throw new IllegalStateException("the offer of conversation " + conversationId + " is no longer valid");
        }
        route(queued, false);
        return store.conversation(conversationId).orElse(queued);
    }

    @Override
    public Conversation transfer(String conversationId, String byAgentId, String toQueueId, String toAgentId) {
        if ((toQueueId == null) == (toAgentId == null)) {
            throw new IllegalArgumentException("give either a queue or an agent to transfer to");
        }
        Conversation c = existing(conversationId);
        if (c.state() != ConversationState.ASSIGNED || (byAgentId != null && !byAgentId.equals(c.agentId()))) {
            throw new IllegalStateException("conversation " + conversationId + " is not assigned to " + byAgentId);
        }
        Map<String, String> context = new HashMap<>(c.context());
        if (c.agentId() != null) {
            context.put("transferred.from", c.agentId());
        }
        context.remove("declined.by");
        Instant now = clock.instant();
        context.put(RoutingHints.WAITING_SINCE, now.toString());
        synchronized (routingLock) {
            if (toQueueId != null) {
                directory.queue(toQueueId).orElseThrow(() -> new NoSuchElementException("no queue " + toQueueId));
                Conversation moved = c.withIntent(c.intent(), context, now).withState(ConversationState.QUEUED, toQueueId, null, now);
                if (!write(c, moved, ConversationState.ASSIGNED)) {
                    throw new IllegalStateException("conversation " + conversationId + " changed concurrently; try again");
                }
                emit(EventType.TRANSFERRED, moved, eventData("fromAgentId", c.agentId(), "toQueueId", toQueueId));
                route(moved, false);
                return store.conversation(conversationId).orElse(moved);
            }
            Agent target = directory.agent(toAgentId).orElseThrow(() -> new NoSuchElementException("no agent " + toAgentId));
            int load = store.activeConversationsByAgent().getOrDefault(target.id(), 0);
            if (target.presence() != Presence.AVAILABLE || load >= target.capacity()) {
                throw new IllegalStateException("agent " + toAgentId + " is not available or has no free capacity");
            }
            Conversation moved = c.withIntent(c.intent(), context, now).withState(ConversationState.QUEUED, c.queueId(), null, now);
            if (!write(c, moved, ConversationState.ASSIGNED)) {
                throw new IllegalStateException("conversation " + conversationId + " changed concurrently; try again");
            }
            emit(EventType.TRANSFERRED, moved, eventData("fromAgentId", c.agentId(), "toAgentId", toAgentId));
            offerOrAssign(moved, target, "transfer");
            return store.conversation(conversationId).orElse(moved);
        }
    }

    @Override
    public Message addNote(String conversationId, String agentId, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidMessageException("text is empty");
        }
        if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
            throw new InvalidMessageException("text is longer than " + InboundMessage.MAX_TEXT_LENGTH + " characters");
        }
        Conversation c = existing(conversationId);
        Message note = store.appendNote(c.id(), agentId, text, clock.instant());
        emit(EventType.NOTE_ADDED, c, Map.of("agentId", agentId, "messageId", note.id()));
        notifyMessage(note, c);
        return note;
    }

    @Override
    public Customer identify(String conversationId, Identity identity, String displayName) {
        Conversation c = existing(conversationId);
        Customer customer;
        try {
            customer = store.identify(c.id(), identity, displayName);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        }
        emit(EventType.IDENTIFIED, store.conversation(conversationId).orElse(c),
                Map.of("identityChannel", identity.channel(), "customerId", customer.id()));
        return customer;
    }

    @Override
    public boolean deliveryReport(String messageId, boolean delivered, String detail) {
        if (messageId == null || messageId.isBlank()) {
            return false;
        }
        Optional<Message> m = store.message(messageId);
        if (m.isEmpty() || m.get().direction() != io.pishkhan.api.model.Direction.OUTBOUND) {
            LOG.info("delivery report for unknown message {} ignored", messageId.replaceAll("[\\p{Cntrl}]", "_"));
            return false;
        }
        Optional<Conversation> c = store.conversation(m.get().conversationId());
        if (c.isEmpty()) {
            return false;
        }
        String d = detail == null ? "" : detail.length() > 500 ? detail.substring(0, 500) : detail;
        emit(delivered ? EventType.DELIVERED : EventType.DELIVERY_FAILED, c.get(),
                Map.of("messageId", messageId, "detail", d, "source", "report"));
        return true;
    }

    @Override
    public Customer mergeCustomers(String fromCustomerId, String intoCustomerId, String actor) {
        List<Conversation> moving = store.conversationsOfCustomer(fromCustomerId, 1000);
        Customer merged = store.mergeCustomers(fromCustomerId, intoCustomerId);
        for (Conversation c : moving) {
            emit(EventType.CUSTOMER_MERGED, store.conversation(c.id()).orElse(c), Map.of("from", fromCustomerId,
                    "into", intoCustomerId, "actor", actor == null ? "" : actor));
        }
        LOG.info("customer {} merged into {} by {}", fromCustomerId, intoCustomerId, actor);
        return merged;
    }

    @Override
    public Customer splitIdentity(String customerId, Identity identity, String actor) {
        Customer created = store.splitIdentity(customerId, identity);
        for (Conversation c : store.conversationsOfCustomer(created.id(), 1000)) {
            emit(EventType.CUSTOMER_SPLIT, c, Map.of("from", customerId, "into", created.id(), "identityChannel",
                    identity.channel(), "actor", actor == null ? "" : actor));
        }
        LOG.info("{} split off customer {} as {} by {}", identity.channel(), customerId, created.id(), actor);
        return created;
    }

    @Override
    public void signal(String conversationId, Signal signal) {
        Conversation c = existing(conversationId);
        for (ConversationListener l : extensions.listeners()) {
            try {
                l.onSignal(signal, c);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("conversation listener {} failed on a signal", l.getClass().getName(), e);
            }
        }
        if (signal.from() == SenderType.AGENT) {
            extensions.channel(c.channel()).ifPresent(ch -> {
                try {
                    ch.signal(c.id(), c.address(), signal);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("channel {} failed on a signal", c.channel(), e);
                }
            });
        }
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        return store.customer(customerId);
    }

    @Override
    public List<Conversation> conversationsOfCustomer(String customerId, int limit) {
        return store.conversationsOfCustomer(customerId, limit);
    }

    @Override
    public List<Conversation> conversationsOfAgent(String agentId) {
        return store.conversationsOfAgent(agentId);
    }

    @Override
    public List<Conversation> conversations(ConversationState state, int limit) {
        return store.conversations(state, limit);
    }

    @Override
    public long position(String conversationId, String messageId) {
        return store.messagePosition(conversationId, messageId);
    }

    @Override
    public List<DryRunCase> routingHistory(Instant since, int limit) {
        int max = Math.max(0, Math.min(limit, 5000));
        List<DryRunCase> out = new ArrayList<>();
        Map<String, Optional<Customer>> customers = new HashMap<>();
        for (Conversation c : store.routedConversationsSince(since, max)) {
            Customer customer = customers.computeIfAbsent(c.customerId(), store::customer).orElse(null);
            String text = c.context().get(HANDOFF_TEXT);
            if (text == null) { // handed off before the text was kept: the last inbound message before the agent
                text = store.messages(c.id()).stream().filter(m -> m.direction() == Direction.INBOUND)
                        .map(Message::text).reduce((a, b) -> b).orElse("");
            }
            double confidence = Optional.ofNullable(parseDouble(c.context().get(BOT_CONFIDENCE))).orElse(0.0);
            Map<String, String> ctx = new HashMap<>(c.context());
            // the rules must see the conversation as it was at handoff, not what routing added afterwards
            ctx.keySet().removeIf(k -> k.startsWith("routing.") || k.startsWith("tag."));
            Conversation atHandoff = new Conversation(c.id(), c.customerId(), c.channel(), c.address(),
                    ConversationState.BOT, null, null, c.intent(), ctx, c.createdAt(), c.createdAt());
            out.add(new DryRunCase(new TriageInput(atHandoff, customer, text, c.intent(), confidence,
                    parseDouble(c.context().get("sentiment")), c.createdAt()), c.queueId(),
                    c.context().get(RoutingHints.RULE_VERSION)));
        }
        return out;
    }

    private Conversation existing(String conversationId) {
        return store.conversation(conversationId)
                .orElseThrow(() -> new NoSuchElementException("no conversation " + conversationId));
    }

    // ---------------------------------------------------------------- conversation row writes

    private Object rowLock(String conversationId) {
        return rowLocks[Math.floorMod(conversationId.hashCode(), rowLocks.length)];
    }

    /**
     * Writes {@code updated}, made from {@code base}, when the stored state is still {@code expected}. Context keys
     * and the intent this change did not touch keep their stored values, so what another thread wrote since
     * {@code base} was read (an analytics {@link #annotate}) is not lost. Every core write of a conversation row goes
     * through here or holds the same row lock.
     */
    boolean write(Conversation base, Conversation updated, ConversationState expected) {
        synchronized (rowLock(updated.id())) {
            return store.updateConversation(merge(base, updated, store.conversation(updated.id()).orElse(null)),
                    expected);
        }
    }

    /** {@code updated}'s changes against {@code base} applied to {@code current} (context keys and intent). */
    static Conversation merge(Conversation base, Conversation updated, Conversation current) {
        if (current == null || base == null
                || (current.context().equals(base.context()) && Objects.equals(current.intent(), base.intent()))) {
            return updated;
        }
        Map<String, String> ctx = new HashMap<>(current.context());
        Set<String> keys = new HashSet<>(base.context().keySet());
        keys.addAll(updated.context().keySet());
        for (String k : keys) {
            String before = base.context().get(k);
            String after = updated.context().get(k);
            if (!Objects.equals(before, after)) {
                if (after == null) {
                    ctx.remove(k);
                } else {
                    ctx.put(k, after);
                }
            }
        }
        String intent = Objects.equals(base.intent(), updated.intent()) ? current.intent() : updated.intent();
        return new Conversation(updated.id(), updated.customerId(), updated.channel(), updated.address(),
                updated.state(), updated.queueId(), updated.agentId(), intent, ctx, updated.createdAt(),
                updated.updatedAt());
    }

    // ---------------------------------------------------------------- analytics write-back, abandon, feedback

    @Override
    public Optional<Conversation> annotate(String conversationId, Map<String, String> contextChanges,
            EventType eventType, Map<String, String> eventData) {
        Conversation updated = null;
        for (int attempt = 1; updated == null; attempt++) {
            synchronized (rowLock(conversationId)) {
                Conversation c = store.conversation(conversationId).orElse(null);
                if (c == null) {
                    return Optional.empty();
                }
                Map<String, String> ctx = new HashMap<>(c.context());
                if (contextChanges != null) {
                    contextChanges.forEach((k, v) -> {
                        if (k == null || k.isBlank()) {
                            return;
                        }
                        if (v == null || v.isBlank()) {
                            ctx.remove(k);
                        } else {
                            ctx.put(k, v);
                        }
                    });
                }
                if (ctx.equals(c.context())) {
                    updated = c; // nothing to write
                } else {
                    // updatedAt stays: an annotation is not activity of the conversation
                    Conversation next = c.withIntent(c.intent(), ctx, c.updatedAt());
                    if (store.updateConversation(next, c.state())) {
                        updated = next;
                    }
                }
            }
            if (updated == null) {
                if (attempt >= ANNOTATE_ATTEMPTS) {
                    throw new IllegalStateException("conversation " + conversationId + " changed concurrently "
                            + attempt + " times; annotation not written");
                }
                Thread.onSpinWait();
            }
        }
        if (eventType != null) {
            emit(eventType, updated, eventData == null ? Map.of() : eventData);
        }
        return Optional.of(updated);
    }

    @Override
    public boolean abandon(String conversationId, String reason) {
        String why = reason == null || reason.isBlank() ? "customer-left"
                : reason.length() > 100 ? reason.substring(0, 100) : reason;
        for (int attempt = 0; attempt < 3; attempt++) {
            Conversation c = store.conversation(conversationId).orElse(null);
            if (c == null || (c.state() != ConversationState.QUEUED && c.state() != ConversationState.OFFERED)) {
                return false;
            }
            Instant now = clock.instant();
            Map<String, String> ctx = new HashMap<>(c.context());
            ctx.put("abandoned.reason", why);
            // nobody answered: no agent on the closed conversation (so no survey, no handle time)
            Conversation closed = c.withIntent(c.intent(), ctx, now).withState(ConversationState.RESOLVED, c.queueId(),
                    null, now);
            if (write(c, closed, c.state())) {
                Instant since = RoutingHints.of(c).waitingSince();
                emit(EventType.ABANDONED, closed, eventData("reason", why, "queueId", c.queueId(),
                        "offeredTo", c.state() == ConversationState.OFFERED ? c.agentId() : null,
                        "waitedSeconds", since == null ? null : String.valueOf(Duration.between(since, now).toSeconds())));
                emit(EventType.RESOLVED, closed, eventData("reason", "abandoned"));
                return true;
            }
        }
        return false;
    }

    @Override
    public void feedback(String conversationId, String messageId, boolean helpful) {
        if (conversationId == null || messageId == null) {
            throw new IllegalArgumentException("conversation and message are required");
        }
        Conversation c = store.conversation(conversationId)
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + conversationId));
        Message m = store.messages(conversationId).stream().filter(x -> x.id().equals(messageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("message " + messageId + " is not in conversation "
                        + conversationId));
        if (m.direction() != Direction.OUTBOUND || m.senderType() != SenderType.BOT) {
            throw new IllegalArgumentException("message " + messageId + " is not a bot answer");
        }
        ConversationEvent answered = answerEvent(conversationId, m);
        Map<String, String> data = eventData("messageId", messageId, "helpful", String.valueOf(helpful),
                "intent", answered != null && answered.data().get("intent") != null ? answered.data().get("intent")
                        : c.intent(),
                "articleId", answered == null ? null : answered.data().get("articleId"),
                "engine", m.senderId());
        emit(EventType.BOT_FEEDBACK, c, data);
    }

    /**
     * The BOT_ANSWERED event of a bot message: the answer and its event are written in one transaction with the
     * same instant, so it is the event closest in time (within a second).
     */
    private ConversationEvent answerEvent(String conversationId, Message m) {
        if (m.createdAt() == null) {
            return null;
        }
        ConversationEvent best = null;
        long bestGap = Long.MAX_VALUE;
        for (ConversationEvent e : store.events(conversationId)) {
            if (e.type() != EventType.BOT_ANSWERED || e.at() == null) {
                continue;
            }
            long gap = Math.abs(Duration.between(e.at(), m.createdAt()).toNanos());
            if (gap < bestGap) {
                best = e;
                bestGap = gap;
            }
        }
        return bestGap <= 1_000_000_000L ? best : null;
    }

    /** The knowledge-base article an answer came from: {@code kb.articleId}, else a non-empty {@code kb.article}. */
    static String articleId(BotReply reply) {
        String id = reply.data().get(ARTICLE_ID);
        if (id == null || id.isBlank()) {
            id = reply.outcome() == BotReply.Outcome.ANSWER ? reply.data().get("kb.article") : null;
        }
        return id == null || id.isBlank() ? null : id;
    }

    // ---------------------------------------------------------------- satisfaction survey

    private record PendingSurvey(String conversationId, Instant expiresAt) {
    }

    static String surveyKey(String channel, String address) {
        return channel + '\n' + address;
    }

    /**
     * The resolved conversation this message answers the survey of, or {@code null}: a survey is pending for the
     * sender on this channel, in time, and the text is a score (survey {@code sent}) or anything (survey
     * {@code scored}: the comment).
     */
    private String surveyTarget(InboundMessage m) {
        if (!config.survey_enabled() || pendingSurveys.isEmpty()) {
            return null;
        }
        String key = surveyKey(m.channel(), m.address());
        PendingSurvey p = pendingSurveys.get(key);
        if (p == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!now.isBefore(p.expiresAt())) {
            pendingSurveys.remove(key, p);
            return null;
        }
        Conversation c = store.conversation(p.conversationId()).orElse(null);
        String state = c == null ? null : c.context().get(Survey.STATE);
        if (c == null || c.state() != ConversationState.RESOLVED
                || !(Survey.SENT.equals(state) || Survey.SCORED.equals(state))) {
            pendingSurveys.remove(key, p);
            return null;
        }
        if (Survey.SENT.equals(state) && Survey.score(m.text()) == null) {
            return null; // not a score: a new conversation (the survey stays open for a score in time)
        }
        return c.id();
    }

    /**
     * After a restart: surveys sent shortly before it can still be answered. Looks at the conversations routed in
     * the last {@link #SURVEY_RESTORE_WINDOW} (one query) for resolved ones whose survey is open and in time.
     */
    void restorePendingSurveys() {
        if (!config.survey_enabled()) {
            return;
        }
        try {
            Instant now = clock.instant();
            Duration timeout = Duration.ofMinutes(Math.max(1, config.survey_timeoutMinutes()));
            int restored = 0;
            for (Conversation c : store.routedConversationsSince(now.minus(SURVEY_RESTORE_WINDOW), 5000)) {
                String state = c.context().get(Survey.STATE);
                Instant sentAt = parseInstant(c.context().get(Survey.SENT_AT));
                if (c.state() != ConversationState.RESOLVED || sentAt == null || c.address() == null
                        || !(Survey.SENT.equals(state) || Survey.SCORED.equals(state))) {
                    continue;
                }
                Instant expires = sentAt.plus(timeout);
                if (expires.isAfter(now)) {
                    String key = surveyKey(c.channel(), c.address());
                    PendingSurvey p = new PendingSurvey(c.id(), expires);
                    pendingSurveys.merge(key, p, (a, b) -> a.expiresAt().isAfter(b.expiresAt()) ? a : b);
                    restored++;
                }
            }
            if (restored > 0) {
                LOG.info("{} satisfaction surveys can still be answered", restored);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not restore the open satisfaction surveys; answers to them open new conversations", e);
        }
    }

    /** The message as the store gets it: a channel cannot set the core's survey attribute itself. */
    private static InboundMessage withSurveyTarget(InboundMessage m, String target) {
        if (target == null && !m.attributes().containsKey(Survey.TARGET_ATTRIBUTE)) {
            return m;
        }
        Map<String, String> attrs = new HashMap<>(m.attributes());
        attrs.remove(Survey.TARGET_ATTRIBUTE);
        if (target != null) {
            attrs.put(Survey.TARGET_ATTRIBUTE, target);
        }
        return new InboundMessage(m.channel(), m.address(), m.displayName(), m.text(), m.clientMessageId(), attrs);
    }

    /** The customer's language: the context's {@code lang}/{@code locale}, else the script of his messages. */
    private String surveyLanguage(Conversation c) {
        for (String key : List.of("lang", "locale", "language")) {
            String l = Survey.language(c.context().get(key));
            if (l != null) {
                return l;
            }
        }
        StringBuilder text = new StringBuilder();
        try {
            for (Message m : store.recentMessages(c.id(), BOT_CONTEXT_MESSAGES)) {
                if (m.direction() == Direction.INBOUND && m.senderType() == SenderType.CUSTOMER) {
                    text.append(m.text()).append(' ');
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the transcript of {} for the survey language", c.id(), e);
        }
        if (text.length() == 0) {
            return "fa".equals(c.context().get("handoff.language")) ? "fa" : "en";
        }
        return Language.detect(text.toString());
    }

    private void sendSurvey(Conversation resolved, String lang, Instant now) {
        try {
            String question = "fa".equals(lang) ? config.survey_question_fa() : config.survey_question_en();
            Message msg = sendOutbound(resolved, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER, question,
                    Survey.QUICK_REPLIES);
            pendingSurveys.put(surveyKey(resolved.channel(), resolved.address()), new PendingSurvey(resolved.id(),
                    now.plus(Duration.ofMinutes(Math.max(1, config.survey_timeoutMinutes())))));
            emit(EventType.SURVEY_SENT, resolved, eventData("surveyId", resolved.context().get(Survey.ID),
                    "messageId", msg.id(), "agentId", resolved.agentId(), "queueId", resolved.queueId(), "lang", lang));
        } catch (RuntimeException e) {
            LOG.warn("could not send the survey of conversation {}", resolved.id(), e);
        }
    }

    /** A customer message stored in a resolved conversation awaiting its survey: the score, or the comment. */
    private void surveyAnswer(Conversation stored, Message msg) {
        String key = surveyKey(stored.channel(), stored.address());
        for (int attempt = 0; attempt < 3; attempt++) {
            Conversation c = store.conversation(stored.id()).orElse(stored);
            String state = c.context().get(Survey.STATE);
            Integer score = Survey.score(msg.text());
            Map<String, String> ctx = new HashMap<>(c.context());
            String comment = null;
            if (score != null) {
                ctx.put(Survey.STATE, Survey.SCORED);
                ctx.put(Survey.SCORE, String.valueOf(score));
                ctx.remove(Survey.COMMENT);
            } else if (Survey.SCORED.equals(state) || Survey.SENT.equals(state)) {
                comment = msg.text().strip();
                comment = comment.length() > Survey.MAX_COMMENT ? comment.substring(0, Survey.MAX_COMMENT) : comment;
                score = parseInt(c.context().get(Survey.SCORE));
                ctx.put(Survey.STATE, Survey.DONE);
                ctx.put(Survey.COMMENT, comment);
            } else {
                return; // the survey is over (a race): the message stays in the transcript
            }
            Conversation answered = c.withIntent(c.intent(), ctx, c.updatedAt());
            if (!write(c, answered, ConversationState.RESOLVED)) {
                continue;
            }
            if (comment != null) {
                pendingSurveys.remove(key);
            }
            emit(EventType.SURVEY_ANSWERED, answered, eventData("score", score == null ? null : String.valueOf(score),
                    "comment", comment, "agentId", c.agentId(), "queueId", c.queueId(), "intent", c.intent(),
                    "messageId", msg.id(), "surveyId", c.context().get(Survey.ID)));
            String lang = "fa".equals(c.context().get(Survey.LANG)) ? "fa" : "en";
            String text = comment == null
                    ? ("fa".equals(lang) ? config.survey_thanks_fa() : config.survey_thanks_en())
                    : ("fa".equals(lang) ? config.survey_commentThanks_fa() : config.survey_commentThanks_en());
            sendOutbound(answered, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER, text, List.of());
            return;
        }
        LOG.warn("survey answer {} of conversation {} not recorded: the conversation kept changing", msg.id(),
                stored.id());
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- sentiment at handoff

    /**
     * Triage reads context {@code sentiment}, which the sentiment processor writes after each customer message. On
     * the first message it has not run yet: the sentiment engine scores the customer's recent text inline.
     */
    private void scoreSentimentIfMissing(Map<String, String> context, List<Message> transcript, int upTo) {
        if (parseDouble(context.get("sentiment")) != null) {
            return;
        }
        Optional<io.pishkhan.api.nlu.SentimentService> engine = extensions.sentiment();
        if (engine.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        int taken = 0;
        for (int i = upTo; i >= 0 && taken < SENTIMENT_MESSAGES; i--) {
            Message m = transcript.get(i);
            if (m.direction() == Direction.INBOUND) {
                text.insert(0, m.text() + "\n");
                taken++;
            }
        }
        if (text.length() == 0) {
            return;
        }
        try {
            io.pishkhan.api.nlu.SentimentScore s = engine.get().score(text.toString().strip(), null);
            if (s != null && !Double.isNaN(s.score())) {
                context.put("sentiment", String.format(java.util.Locale.ROOT, "%.3f",
                        Math.max(-1, Math.min(1, s.score()))));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("sentiment engine failed; triage runs without a sentiment score", e);
        }
    }

    // ---------------------------------------------------------------- inbound lane

    private void enqueue(InboundWork work) {
        inFlight.add(work.messageId());
        int lane = Math.floorMod(work.conversationId().hashCode(), partitions);
        try {
            producer.sendBody(inboundUri(lane), work);
        } catch (RuntimeException e) {
            // stored already: recovery picks it up once the lane has room again
            inFlight.remove(work.messageId());
            LOG.warn("inbound lane {} is full; message {} left to recovery: {}", lane, work.messageId(), e.getMessage());
        }
    }

    void processInbound(InboundWork work) {
        try {
            // earlier messages still unprocessed (they waited for the engine, or recovery queued them behind this
            // one) go first, one per step, so the bot answers each in order and none is skipped
            for (int step = 0; step < MAX_CATCH_UP && processNext(work); step++) {
                // next step
            }
        } catch (RuntimeException e) {
            LOG.error("processing message {} of conversation {} failed; recovery will retry", work.messageId(),
                    work.conversationId(), e);
        } finally {
            inFlight.remove(work.messageId());
        }
    }

    /**
     * Processes the earliest unprocessed inbound message of the conversation up to the work's own message.
     *
     * @return true when that was an earlier message and the work's own message is still to be processed
     */
    private boolean processNext(InboundWork work) {
        Conversation c = store.conversation(work.conversationId()).orElse(null);
        if (c == null || c.state() != ConversationState.BOT) {
            return false; // with an agent (he sees the transcript) or closed
        }
        // the recent part of the transcript is enough for the bot; an old backlog (recovery) reads it all
        List<Message> recent = store.recentMessages(c.id(), BOT_CONTEXT_MESSAGES);
        String processedId = c.context().get(PROCESSED);
        List<Message> transcript = indexOf(recent, work.messageId()) >= 0
                && (processedId == null || indexOf(recent, processedId) >= 0 || recent.size() < BOT_CONTEXT_MESSAGES)
                ? recent : store.messages(c.id());
        int own = indexOf(transcript, work.messageId());
        int processed = indexOf(transcript, processedId);
        if (own < 0 || own <= processed) {
            return false; // already processed (recovery raced the lane)
        }
        int idx = own;
        for (int i = processed + 1; i < own; i++) {
            if (transcript.get(i).direction() == Direction.INBOUND) {
                idx = i;
                break;
            }
        }
        boolean more = idx < own;
        Message msg = transcript.get(idx);
        Optional<ChatbotEngine> engine = extensions.bot();
        if (waitsForBot()) {
            // the engine is being stopped, updated or swapped: the message is kept and waits for it
            if (waitingForBot.add(c.id())) {
                LOG.info("conversation {} waits for the chatbot engine (message {})", c.id(), msg.id());
            }
            return false;
        }
        waitingForBot.remove(c.id());
        Customer customer = store.customer(c.customerId()).orElse(null);
        String engineId = engine.map(ChatbotEngine::id).orElse(null);
        BotReply reply = engine.map(b -> ask(b, new BotRequest(c, customer, msg, transcript)))
                .orElseGet(() -> BotReply.handoff(null, null, 0, "no-bot-engine"));
        Map<String, String> context = new HashMap<>(c.context());
        String articleId = articleId(reply);
        // an engine removes a key by answering it empty (a finished flow's state)
        reply.data().forEach((k, v) -> {
            if (ARTICLE_ID.equals(k)) {
                return; // metadata of this answer (into BOT_ANSWERED), not conversation state
            }
            if (v == null || v.isEmpty()) {
                context.remove(k);
            } else {
                context.put(k, v);
            }
        });
        context.put(PROCESSED, msg.id());
        if (work.lang() != null && !context.containsKey("lang")) {
            context.put("lang", work.lang());
        }
        String intent = reply.intent() != null ? reply.intent() : c.intent();
        Instant now = clock.instant();
        if (reply.outcome() == BotReply.Outcome.ANSWER) {
            Conversation updated = c.withIntent(intent, context, now);
            ConversationEvent answered = new ConversationEvent(UUID.randomUUID().toString(), EventType.BOT_ANSWERED,
                    c.id(), c.channel(), now, eventData("intent", intent, "confidence",
                            String.valueOf(reply.confidence()), "engine", engineId, "articleId", articleId,
                            "inboundMessageId", msg.id()));
            // conversation, event and answer in one transaction (one commit per answered message)
            Optional<Message> answer;
            synchronized (rowLock(c.id())) {
                answer = store.recordBotAnswer(merge(c, updated, store.conversation(c.id()).orElse(null)),
                        ConversationState.BOT, answered, engineId, reply.text(), now);
            }
            if (answer.isPresent()) {
                publish(answered);
                dispatchOutbound(updated, answer.get(), engineId, reply.quickReplies());
            }
            return more;
        }
        if (reply.text() != null && !reply.text().isBlank()) {
            sendOutbound(c, SenderType.BOT, engineId, engineId, reply.text(), reply.quickReplies());
        }
        if (engineId != null) {
            context.put("bot.engine", engineId);
        }
        context.put("handoff.language", Language.detect(msg.text()));
        context.put(HANDOFF_TEXT, msg.text().length() > 500 ? msg.text().substring(0, 500) : msg.text());
        context.put(BOT_CONFIDENCE, String.valueOf(reply.confidence()));
        previousAgent(c).ifPresent(prev -> {
            context.put(PREVIOUS_AGENT, prev.agentId());
            context.put(PREVIOUS_AT, prev.updatedAt().toString());
        });
        scoreSentimentIfMissing(context, transcript, idx);
        TriageResult triage = triage(c.withIntent(intent, context, now), customer, msg.text(), intent,
                reply.confidence(), now);
        String queueId = placeInQueue(context, triage, now);
        Conversation queued = c.withIntent(intent, context, now).withState(ConversationState.QUEUED, queueId, null, now);
        if (write(c, queued, ConversationState.BOT)) {
            emit(EventType.HANDED_OFF, queued, eventData("reason", context.get("handoff.reason"), "intent", intent,
                    "ruleVersion", triage.ruleVersion(), "rule", triage.ruleName()));
            if (triage.failed()) {
                LOG.error("ALERT routing rule failed for conversation {}: {}; sent to queue {}", c.id(),
                        triage.error(), queueId);
                emit(EventType.ROUTING_FAILED, queued, eventData("error", triage.error(), "queueId", queueId,
                        "ruleVersion", triage.ruleVersion()));
            }
            emit(EventType.QUEUED, queued, eventData("queueId", queueId, "priority",
                    context.get(RoutingHints.PRIORITY), "skills", context.get(RoutingHints.SKILLS)));
            route(queued, true);
        }
        return false; // with an agent now (or changed concurrently): the lane is done with it
    }

    /** Whether messages wait for an absent chatbot engine (gone less than {@code bot.holdMinutes} ago). */
    private boolean waitsForBot() {
        int hold = config.bot_holdMinutes();
        return hold > 0 && extensions.botAwaited(Duration.ofMinutes(hold));
    }

    /** A chatbot engine is back: the conversations that waited for one are processed now, oldest message first. */
    void resumeWaitingForBot() {
        List<String> ids = new ArrayList<>(waitingForBot);
        for (String id : ids) {
            waitingForBot.remove(id);
            try {
                Conversation c = store.conversation(id).orElse(null);
                if (c == null || c.state() != ConversationState.BOT) {
                    continue;
                }
                List<Message> t = store.messages(id);
                // the lane processes every unprocessed message up to the last one, in order
                for (int i = t.size() - 1; i > indexOf(t, c.context().get(PROCESSED)); i--) {
                    if (t.get(i).direction() == Direction.INBOUND) {
                        if (!inFlight.contains(t.get(i).id())) {
                            LOG.info("chatbot engine is back: resuming conversation {}", id);
                            enqueue(new InboundWork(id, t.get(i).id()));
                        }
                        break;
                    }
                }
            } catch (RuntimeException e) {
                waitingForBot.add(id); // the timer's recovery retries
                LOG.warn("could not resume conversation {}: {}", id, e.getMessage());
            }
        }
    }

    /** Runs the routing rules once for a handoff; without rules, or when they fail, the defaults apply. */
    private TriageResult triage(Conversation c, Customer customer, String text, String intent, double confidence,
            Instant now) {
        Optional<TriageService> service = extensions.triage();
        if (service.isEmpty()) {
            return TriageResult.defaults(null);
        }
        Double sentiment = parseDouble(c.context().get("sentiment"));
        try {
            TriageResult r = service.get().triage(new TriageInput(c, customer, text, intent, confidence, sentiment, now));
            return r != null ? r : new TriageResult(null, 0, Map.of(), null, null, Map.of(), "triage returned nothing");
        } catch (RuntimeException | LinkageError e) {
            return new TriageResult(null, 0, Map.of(), null, null, Map.of(), "triage failed: " + e);
        }
    }

    /**
     * Applies the triage result to the context of a conversation entering a queue and returns the queue: the rules'
     * queue, else the bot's, else the default; a blacklisted sender's low-priority queue wins; a failed rule sends
     * it to the fallback of the queue it would have had.
     */
    private String placeInQueue(Map<String, String> context, TriageResult triage, Instant now) {
        String queueId = triage.queueId() != null ? triage.queueId()
                : context.getOrDefault("queue", config.routing_defaultQueue());
        if (directory.queue(queueId).isEmpty()) {
            queueId = config.routing_defaultQueue();
        }
        if (triage.failed()) {
            String fallback = directory.queue(queueId).map(Queue::fallbackQueue).orElse(null);
            queueId = fallback != null && directory.queue(fallback).isPresent() ? fallback : queueId;
            context.put("routing.error", triage.error().length() > 500 ? triage.error().substring(0, 500) : triage.error());
        }
        int priority = triage.priority();
        String low = context.get(BLACKLIST_QUEUE);
        if (low != null && directory.queue(low).isPresent()) {
            queueId = low;
            priority = 0;
        }
        context.put(RoutingHints.PRIORITY, String.valueOf(priority));
        if (!triage.requiredSkills().isEmpty()) {
            context.put(RoutingHints.SKILLS, RoutingHints.formatSkills(triage.requiredSkills()));
        } else if (context.get("skills") != null && !context.get("skills").isBlank()) {
            // no rule asked for skills: the bot's suggestion (intent -> skills) applies
            context.put(RoutingHints.SKILLS, RoutingHints.formatSkills(RoutingHints.parseSkills(context.get("skills"))));
        } else {
            context.remove(RoutingHints.SKILLS);
        }
        if (triage.ruleVersion() != null) {
            context.put(RoutingHints.RULE_VERSION, triage.ruleVersion());
        }
        if (triage.ruleName() != null) {
            context.put("routing.rule", triage.ruleName());
        }
        triage.tags().forEach((k, v) -> context.putIfAbsent("tag." + k, v));
        context.put(RoutingHints.WAITING_SINCE, now.toString());
        return queueId;
    }

    /** The customer's last conversation an agent handled (for sticky routing), if any. */
    private Optional<Conversation> previousAgent(Conversation c) {
        try {
            return store.conversationsOfCustomer(c.customerId(), 10).stream()
                    .filter(x -> !x.id().equals(c.id()) && x.agentId() != null && x.updatedAt() != null)
                    .max(Comparator.comparing(Conversation::updatedAt));
        } catch (RuntimeException e) {
            LOG.warn("could not read the history of customer {}; no sticky agent", c.customerId(), e);
            return Optional.empty();
        }
    }

    private static Double parseDouble(String s) {
        try {
            return s == null ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private BotReply ask(ChatbotEngine engine, BotRequest request) {
        try {
            BotReply r = engine.reply(request);
            return r != null ? r : BotReply.handoff(null, null, 0, "bot-error");
        } catch (RuntimeException | LinkageError e) {
            LOG.error("chatbot engine {} failed; handing off", engine.getClass().getName(), e);
            return BotReply.handoff(null, null, 0, "bot-error");
        }
    }

    private static int indexOf(List<Message> transcript, String messageId) {
        if (messageId == null) {
            return -1;
        }
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).id().equals(messageId)) {
                return i;
            }
        }
        return -1;
    }


    // ---------------------------------------------------------------- routing

    /** Offers every waiting conversation again: higher queue priority first, then oldest first. */
    void dispatchQueued() {
        try {
            expireOffers();
            Instant now = clock.instant();
            List<Conversation> waiting = new ArrayList<>(store.conversations(ConversationState.QUEUED, 500));
            Map<String, Double> priority = new HashMap<>();
            for (Conversation c : waiting) {
                priority.put(c.id(), priority(c, now));
            }
            waiting.sort(Comparator.comparingDouble((Conversation c) -> -priority.get(c.id()))
                    .thenComparing(c -> waitingSince(c)));
            for (Conversation c : waiting) {
                route(c, false);
            }
        } catch (RuntimeException e) {
            LOG.error("dispatch failed", e);
        }
    }

    /** The serving order of a waiting conversation, as its queue's strategy computes it (aging included). */
    double priority(Conversation c, Instant now) {
        Queue queue = directory.queue(c.queueId()).orElse(new Queue(c.queueId(), c.queueId(), 0));
        Optional<RoutingStrategy> strategy = extensions.strategy(queue.strategy());
        try {
            return strategy.map(s -> s.priority(c, queue, now)).orElse((double) queue.priority());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("routing strategy failed to rate conversation {}; queue priority used", c.id(), e);
            return queue.priority();
        }
    }

    private static Instant waitingSince(Conversation c) {
        Instant since = RoutingHints.of(c).waitingSince();
        return since != null ? since : c.updatedAt() != null ? c.updatedAt() : Instant.EPOCH;
    }

    /** Whether the queue's business hours are open now (no schedule or no hours service: always open). */
    private boolean isOpen(Queue queue, Instant now) {
        if (queue.businessHours() == null) {
            return true;
        }
        return extensions.businessHours().map(h -> {
            try {
                return h.isOpen(queue.businessHours(), now);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("business hours {} could not be evaluated; queue {} treated as open", queue.businessHours(),
                        queue.id(), e);
                return true;
            }
        }).orElse(true);
    }

    RoutingDecision route(Conversation c, boolean firstOffer) {
        synchronized (routingLock) {
            Queue queue = directory.queue(c.queueId()).orElse(new Queue(c.queueId(), c.queueId(), 0));
            Instant now = clock.instant();
            if (!isOpen(queue, now)) {
                if (firstOffer) {
                    String lang = c.context().getOrDefault("handoff.language", "en");
                    String msg = extensions.businessHours().map(h -> h.closedMessage(queue.businessHours(), lang))
                            .filter(x -> !x.isBlank())
                            .orElse("fa".equals(lang) ? config.notice_closed_fa() : config.notice_closed_en());
                    emit(EventType.OUTSIDE_HOURS, c, eventData("queueId", queue.id(), "schedule", queue.businessHours()));
                    sendOutbound(c, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER, msg, List.of());
                }
                return RoutingDecision.waitInQueue("queue " + queue.id() + " is closed (business hours)");
            }
            Optional<RoutingStrategy> strategy = extensions.strategy(queue.strategy());
            Map<String, Map<String, Integer>> byChannel = store.activeConversationsByAgentAndChannel();
            Map<String, Integer> active = new HashMap<>();
            byChannel.forEach((agent, m) -> active.put(agent, m.values().stream().mapToInt(Integer::intValue).sum()));
            List<AgentLoad> all = directory.agents().stream()
                    .filter(a -> a.presence() == Presence.AVAILABLE && a.serves(queue.id()))
                    .map(a -> new AgentLoad(a, active.getOrDefault(a.id(), 0), lastAssigned.get(a.id()),
                            byChannel.getOrDefault(a.id(), Map.of())))
                    // an agent whose limit on this channel is reached cannot take this conversation
                    .filter(l -> !l.hasCapacity() || l.hasCapacity(c.channel()))
                    .toList();
            // agents who declined (or let time out) this conversation are asked last: only when nobody else can
            Set<String> declined = declinedBy(c);
            List<AgentLoad> fresh = all.stream().filter(l -> !declined.contains(l.agent().id())).toList();
            List<AgentLoad> candidates = fresh.stream().anyMatch(AgentLoad::hasCapacity) ? fresh : all;
            RoutingDecision decision;
            if (strategy.isEmpty()) {
                decision = RoutingDecision.waitInQueue("no routing strategy installed");
            } else {
                Instant prevAt = parseInstant(c.context().get(PREVIOUS_AT));
                decision = decide(strategy.get(), new RoutingRequest(c, queue, candidates, now,
                        c.context().get(PREVIOUS_AGENT), prevAt));
            }
            if (decision.agentId() != null) {
                AgentLoad chosen = candidates.stream().filter(l -> l.agent().id().equals(decision.agentId()))
                        .findFirst().orElse(null);
                if (chosen == null || !chosen.hasCapacity(c.channel())) {
                    LOG.warn("routing strategy {} chose {} who is not an eligible agent with capacity; conversation {} waits",
                            strategy.get().id(), decision.agentId(), c.id());
                } else {
                    Conversation inQueue = queue.id().equals(c.queueId()) ? c
                            : c.withState(c.state(), queue.id(), c.agentId(), c.updatedAt());
                    if (offerOrAssign(inQueue, chosen.agent(), strategy.get().id() + ": " + decision.reason())) {
                        return decision;
                    }
                    return RoutingDecision.waitInQueue("conversation changed concurrently");
                }
            }
            if (firstOffer) {
                String lang = c.context().getOrDefault("handoff.language", "en");
                sendOutbound(c, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER,
                        "fa".equals(lang) ? config.notice_queued_fa() : config.notice_queued_en(), List.of());
            }
            return decision;
        }
    }

    /**
     * Offers a QUEUED conversation to the agent (or assigns it when offers are off). Caller holds the routing lock.
     *
     * @return false when the conversation was no longer QUEUED
     */
    private boolean offerOrAssign(Conversation c, Agent agent, String reason) {
        Instant now = clock.instant();
        boolean offer = config.routing_offerTimeoutSeconds() > 0;
        Conversation next = c.withState(offer ? ConversationState.OFFERED : ConversationState.ASSIGNED, c.queueId(),
                agent.id(), now);
        if (!write(c, next, ConversationState.QUEUED)) {
            return false;
        }
        lastAssigned.put(agent.id(), now);
        if (offer) {
            emit(EventType.OFFERED, next, eventData("agentId", agent.id(), "queueId", c.queueId(), "reason", reason));
        } else {
            announceAssignment(next, reason);
        }
        return true;
    }

    /** The conversation is ASSIGNED: record it and tell the customer who joined. */
    private void announceAssignment(Conversation assigned, String reason) {
        emit(EventType.ASSIGNED, assigned, eventData("agentId", assigned.agentId(), "queueId", assigned.queueId(),
                "reason", reason));
        String name = directory.agent(assigned.agentId()).map(Agent::name).orElse(assigned.agentId());
        String lang = assigned.context().getOrDefault("handoff.language", "en");
        String notice = ("fa".equals(lang) ? config.notice_assigned_fa() : config.notice_assigned_en()).replace("{agent}", name);
        sendOutbound(assigned, SenderType.SYSTEM, SYSTEM_SENDER, SYSTEM_SENDER, notice, List.of());
    }

    /** Puts an OFFERED conversation back in its queue, remembering that this agent did not take it. */
    private Conversation takeBackOffer(Conversation c, String reason) {
        Map<String, String> context = new HashMap<>(c.context());
        Set<String> declined = new LinkedHashSet<>(declinedBy(c));
        declined.add(c.agentId());
        context.put("declined.by", String.join(",", declined));
        Instant now = clock.instant();
        Conversation queued = c.withIntent(c.intent(), context, now).withState(ConversationState.QUEUED, c.queueId(), null, now);
        if (!write(c, queued, ConversationState.OFFERED)) {
            return null;
        }
        emit(EventType.DECLINED, queued, eventData("agentId", c.agentId(), "reason", reason));
        return queued;
    }

    static Set<String> declinedBy(Conversation c) {
        String s = c.context().get("declined.by");
        Set<String> out = new LinkedHashSet<>();
        if (s != null) {
            for (String id : s.split(",")) {
                if (!id.isBlank()) {
                    out.add(id.strip());
                }
            }
        }
        return out;
    }

    /** Offers not answered in time, or held by an agent who is no longer available, go back to their queue. */
    void expireOffers() {
        int timeout = config.routing_offerTimeoutSeconds();
        Instant cutoff = clock.instant().minusSeconds(Math.max(timeout, 1));
        for (Conversation c : store.conversations(ConversationState.OFFERED, 500)) {
            boolean available = directory.agent(c.agentId()).map(a -> a.presence() == Presence.AVAILABLE).orElse(false);
            if (!available || c.updatedAt().isBefore(cutoff)) {
                synchronized (routingLock) {
                    takeBackOffer(c, available ? "timeout" : "agent-unavailable");
                }
            }
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private RoutingDecision decide(RoutingStrategy strategy, RoutingRequest request) {
        try {
            RoutingDecision d = strategy.route(request);
            return d != null ? d : RoutingDecision.waitInQueue("strategy returned nothing");
        } catch (RuntimeException | LinkageError e) {
            LOG.error("routing strategy {} failed; conversation {} waits", strategy.getClass().getName(),
                    request.conversation().id(), e);
            return RoutingDecision.waitInQueue("strategy failed");
        }
    }

    // ---------------------------------------------------------------- recovery

    /** Re-runs inbound messages that were stored but never answered (crash, full lane, failed processing). */
    void recover() {
        try {
            Instant cutoff = clock.instant().minus(RECOVERY_AGE);
            for (Conversation c : store.conversations(ConversationState.BOT, 1000)) {
                List<Message> t = store.messages(c.id());
                // every inbound message after the last processed one, oldest first, so the lane keeps the order
                for (int i = indexOf(t, c.context().get(PROCESSED)) + 1; i < t.size(); i++) {
                    Message m = t.get(i);
                    if (m.direction() != Direction.INBOUND || !m.createdAt().isBefore(cutoff) || inFlight.contains(m.id())) {
                        continue;
                    }
                    LOG.info("recovering unprocessed message {} of conversation {}", m.id(), c.id());
                    enqueue(new InboundWork(c.id(), m.id()));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("recovery failed", e);
        }
    }

    // ---------------------------------------------------------------- outbound

    private Message sendOutbound(Conversation c, SenderType type, String senderId, String senderName, String text,
            List<String> quickReplies) {
        Message msg = store.appendOutbound(c.id(), type, senderId, text, clock.instant());
        dispatchOutbound(c, msg, senderName, quickReplies);
        return msg;
    }

    /** A stored outbound message: to the listeners, then to the outbound route (the channel). */
    private void dispatchOutbound(Conversation c, Message msg, String senderName, List<String> quickReplies) {
        notifyMessage(msg, c);
        OutboundMessage out = new OutboundMessage(c.id(), msg.id(), c.channel(), c.address(), msg.senderType(),
                senderName, msg.text(), quickReplies);
        try {
            producer.sendBody(outboundUri(), out);
        } catch (RuntimeException e) {
            LOG.warn("outbound queue full; message {} stays in the transcript only", msg.id());
            deliveryFailed(out, e);
        }
    }

    void deliver(OutboundMessage m) throws ChannelException {
        Optional<ChannelConnector> channel = extensions.channel(m.channel());
        if (hold(m, channel.isEmpty())) {
            return;
        }
        ChannelConnector ch = channel.orElseThrow(
                () -> new IllegalStateException("channel '" + m.channel() + "' is not installed"));
        ch.deliver(m);
        delivered(m);
    }

    /** Written in batches (one transaction per flush) so the outbound thread goes on to the next message. */
    private void delivered(OutboundMessage m) {
        deliveries.add(new ConversationEvent(UUID.randomUUID().toString(), EventType.DELIVERED, m.conversationId(),
                m.channel(), clock.instant(), Map.of("messageId", m.messageId())));
    }

    /**
     * Holds the message when its channel is absent (a plugin stopped or being swapped), or when earlier messages of
     * the conversation are held (so it does not overtake them). Nothing is held with {@code delivery.holdMinutes=0}.
     *
     * @return true when held
     */
    private boolean hold(OutboundMessage m, boolean channelAbsent) {
        boolean behind;
        synchronized (heldLock) {
            behind = heldPerConversation.containsKey(m.conversationId());
            if (!behind && (!channelAbsent || config.delivery_holdMinutes() <= 0)) {
                return false;
            }
            held.computeIfAbsent(m.channel(), k -> new java.util.ArrayDeque<>()).addLast(new Held(m, clock.instant()));
            heldPerConversation.merge(m.conversationId(), 1, Integer::sum);
        }
        if (channelAbsent) {
            LOG.info("channel '{}' is not installed: message {} of conversation {} waits for it", m.channel(),
                    m.messageId(), m.conversationId());
        } else {
            requestResume(m.channel()); // queued behind held messages of its conversation; the channel is here
        }
        return true;
    }

    /** Messages of the channel waiting for it (oldest first); for tests and the log. */
    List<OutboundMessage> heldMessages(String channelId) {
        synchronized (heldLock) {
            return held.getOrDefault(channelId, new java.util.ArrayDeque<>()).stream().map(Held::message).toList();
        }
    }

    /** Called by the tracker on the binding thread: only hands the news to the {@code core-arrivals} route. */
    private void arrived(ExtensionTracker.Kind kind, String id) {
        String body = switch (kind) {
            case CHANNEL -> "channel:" + id;
            case BOT -> "bot:" + id;
            case STRATEGY -> "strategy:" + id;
        };
        try {
            producer.sendBody(arrivalsUri(), body);
        } catch (RuntimeException e) {
            // the timers resume the work anyway (held replies every 5 s, recovery, dispatch)
            LOG.debug("arrival of {} not handed to the route: {}", body, e.getMessage());
        }
    }

    private void requestResume(String channelId) {
        try {
            producer.sendBody(arrivalsUri(), "channel:" + channelId);
        } catch (RuntimeException e) {
            LOG.debug("resume of channel {} left to the timer: {}", channelId, e.getMessage());
        }
    }

    /** What waited for an extension resumes as soon as it arrives. */
    void onArrival(String what) {
        if (what == null) {
            return;
        }
        try {
            if (what.startsWith("channel:")) {
                resumeDeliveries(what.substring("channel:".length()));
            } else if (what.startsWith("bot:")) {
                resumeWaitingForBot();
            } else if (what.startsWith("strategy:")) {
                dispatchQueued(); // waiting conversations get an agent now, not at the next dispatch tick
            }
        } catch (RuntimeException e) {
            LOG.error("resuming after the arrival of {} failed; the timers retry", what, e);
        }
    }

    /**
     * Delivers the messages held for this channel, oldest first, while it is installed. A channel that is present
     * but throws gets the outbound route's treatment (3 more attempts with back-off, then DELIVERY_FAILED).
     */
    void resumeDeliveries(String channelId) {
        synchronized (resumeLock) {
            int n = 0;
            while (true) {
                Held h;
                synchronized (heldLock) {
                    java.util.ArrayDeque<Held> q = held.get(channelId);
                    if (q == null || q.isEmpty()) {
                        held.remove(channelId);
                        break;
                    }
                    h = q.peekFirst();
                }
                Optional<ChannelConnector> channel = extensions.channel(channelId);
                if (channel.isEmpty()) {
                    LOG.info("channel '{}' went away again; {} messages delivered, the rest keeps waiting", channelId, n);
                    return;
                }
                Exception failure = deliverNow(channel.get(), h.message());
                if (failure != null && extensions.channel(channelId).isEmpty()) {
                    return; // it went away while we delivered: keeps waiting
                }
                release(h);
                if (failure == null) {
                    delivered(h.message());
                    n++;
                } else {
                    deliveryFailed(h.message(), failure);
                }
            }
            if (n > 0) {
                LOG.info("channel '{}' is back: {} waiting messages delivered", channelId, n);
            }
        }
    }

    private Exception deliverNow(ChannelConnector channel, OutboundMessage m) {
        long delay = 500;
        Exception last = null;
        for (int attempt = 1; attempt <= RESUME_ATTEMPTS; attempt++) {
            try {
                channel.deliver(m);
                return null;
            } catch (ChannelException | RuntimeException e) {
                last = e;
                if (attempt < RESUME_ATTEMPTS) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return e;
                    }
                    delay *= 2;
                }
            }
        }
        return last;
    }

    /** Removes a held message (resumeLock held by the caller). */
    private void release(Held h) {
        synchronized (heldLock) {
            java.util.ArrayDeque<Held> q = held.get(h.message().channel());
            if (q != null) {
                q.remove(h);
                if (q.isEmpty()) {
                    held.remove(h.message().channel());
                }
            }
            heldPerConversation.computeIfPresent(h.message().conversationId(), (k, v) -> v <= 1 ? null : v - 1);
        }
    }

    /**
     * At start-up: outbound messages of the last {@code delivery.holdMinutes}, stored before this start, with neither
     * a DELIVERED nor a DELIVERY_FAILED event (held when the core stopped, or in the outbound queue at a crash) are
     * held again, oldest first, and go out when their channel is there (the next {@link #checkHeld}). Looks at
     * conversations with an agent or waiting for one, and bot conversations active in that window.
     */
    void restoreUndelivered() {
        int hold = config.delivery_holdMinutes();
        if (hold <= 0) {
            return;
        }
        Instant since = startedAt.minus(Duration.ofMinutes(hold));
        int n = 0;
        try {
            for (ConversationState state : List.of(ConversationState.ASSIGNED, ConversationState.OFFERED,
                    ConversationState.QUEUED, ConversationState.BOT)) {
                for (Conversation c : store.conversations(state, 1000)) {
                    if (c.channel() == null || c.address() == null
                            || state == ConversationState.BOT && c.updatedAt() != null && c.updatedAt().isBefore(since)) {
                        continue;
                    }
                    List<Message> undelivered = store.messages(c.id()).stream()
                            .filter(m -> m.direction() == Direction.OUTBOUND && m.createdAt() != null
                                    && m.createdAt().isAfter(since) && m.createdAt().isBefore(startedAt))
                            .toList();
                    if (undelivered.isEmpty()) {
                        continue;
                    }
                    Set<String> done = new HashSet<>();
                    for (ConversationEvent e : store.events(c.id())) {
                        if (e.type() == EventType.DELIVERED || e.type() == EventType.DELIVERY_FAILED) {
                            done.add(e.data().get("messageId"));
                        }
                    }
                    for (Message m : undelivered) {
                        if (done.contains(m.id())) {
                            continue;
                        }
                        String name = m.senderType() == SenderType.AGENT
                                ? directory.agent(m.senderId()).map(Agent::name).orElse(m.senderId())
                                : m.senderType() == SenderType.SYSTEM ? SYSTEM_SENDER : m.senderId();
                        OutboundMessage out = new OutboundMessage(c.id(), m.id(), c.channel(), c.address(),
                                m.senderType(), name, m.text(), List.of());
                        synchronized (heldLock) {
                            held.computeIfAbsent(c.channel(), k -> new java.util.ArrayDeque<>())
                                    .addLast(new Held(out, m.createdAt()));
                            heldPerConversation.merge(c.id(), 1, Integer::sum);
                        }
                        n++;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("looking for replies not delivered before the start failed", e);
        }
        if (n > 0) {
            LOG.info("{} replies stored before the start were never delivered; they go out when their channel is there", n);
        }
    }

    /**
     * The timer's part: a message held longer than {@code delivery.holdMinutes} is DELIVERY_FAILED (reason
     * {@code channel-absent}); a channel that is back (an arrival missed) gets its messages.
     */
    void checkHeld() {
        try {
            List<String> present = new ArrayList<>();
            synchronized (resumeLock) {
                Instant cutoff = clock.instant().minus(Duration.ofMinutes(Math.max(0, config.delivery_holdMinutes())));
                List<Held> expired = new ArrayList<>();
                synchronized (heldLock) {
                    for (Map.Entry<String, java.util.ArrayDeque<Held>> e : held.entrySet()) {
                        boolean here = extensions.channel(e.getKey()).isPresent();
                        if (here) {
                            present.add(e.getKey());
                        }
                        for (Held h : e.getValue()) {
                            if (!here && h.since().isBefore(cutoff)) {
                                expired.add(h);
                            }
                        }
                    }
                }
                for (Held h : expired) {
                    release(h);
                    LOG.warn("channel '{}' was absent for {} minutes: message {} of conversation {} is not delivered",
                            h.message().channel(), config.delivery_holdMinutes(), h.message().messageId(),
                            h.message().conversationId());
                    emitFor(EventType.DELIVERY_FAILED, h.message().conversationId(), h.message().channel(),
                            eventData("messageId", h.message().messageId(), "reason", CHANNEL_ABSENT, "error",
                                    "channel '" + h.message().channel() + "' was not installed for "
                                            + config.delivery_holdMinutes() + " minutes"));
                }
            }
            present.forEach(this::resumeDeliveries);
        } catch (RuntimeException e) {
            LOG.error("checking held messages failed", e);
        }
    }

    /** Stores the DELIVERED events collected since the last flush in one transaction, then fans them out. */
    void flushDeliveries() {
        while (!deliveries.isEmpty()) {
            List<ConversationEvent> batch = new ArrayList<>();
            deliveries.drainTo(batch, 500);
            boolean stored = false;
            for (int attempt = 1; attempt <= EVENT_STORE_ATTEMPTS && !stored; attempt++) {
                try {
                    store.appendEvents(batch);
                    stored = true;
                } catch (RuntimeException e) {
                    LOG.warn("storing {} delivery events failed (attempt {}): {}", batch.size(), attempt, e.getMessage());
                }
            }
            if (!stored) {
                // one by one, so one bad event cannot lose the others
                batch.forEach(ev -> {
                    if (storeEvent(ev)) {
                        publish(ev);
                    }
                });
                continue;
            }
            batch.forEach(this::publish);
        }
    }

    private void deliveryFailed(OutboundMessage m, Exception cause) {
        if (m == null) {
            return;
        }
        LOG.warn("could not deliver message {} on channel {}: {}", m.messageId(), m.channel(),
                cause == null ? "unknown" : cause.getMessage());
        emitFor(EventType.DELIVERY_FAILED, m.conversationId(), m.channel(), eventData("messageId", m.messageId(),
                "error", cause == null ? null : String.valueOf(cause.getMessage())));
    }

    // ---------------------------------------------------------------- events

    private void emit(EventType type, Conversation c, Map<String, String> data) {
        emitFor(type, c.id(), c.channel(), data);
    }

    private void emitFor(EventType type, String conversationId, String channel, Map<String, String> data) {
        ConversationEvent event = new ConversationEvent(UUID.randomUUID().toString(), type, conversationId, channel,
                clock.instant(), data);
        if (storeEvent(event)) {
            publish(event);
        }
    }

    /** Hands a stored event to the analytics route (processors and listeners). */
    private void publish(ConversationEvent event) {
        if (event == null) {
            return;
        }
        try {
            producer.sendBody(eventsUri(), event);
        } catch (RuntimeException e) {
            LOG.warn("analytics queue full; event {} is stored but not fanned out live", event.id());
        }
    }

    /** Events are the source of every figure: a lock timeout under load gets a few more tries. */
    private boolean storeEvent(ConversationEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.appendEvent(event);
                return true;
            } catch (RuntimeException e) {
                if (attempt >= EVENT_STORE_ATTEMPTS) {
                    LOG.error("could not store event {} of conversation {} after {} attempts", event.type(),
                            event.conversationId(), attempt, e);
                    return false;
                }
                LOG.warn("storing event {} of conversation {} failed ({}); trying again", event.type(),
                        event.conversationId(), e.getMessage());
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    void fanOut(ConversationEvent event) {
        for (AnalyticsProcessor p : extensions.processors()) {
            try {
                p.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("analytics processor {} failed on {}", p.getClass().getName(), event.type(), e);
            }
        }
        List<ConversationListener> listeners = extensions.listeners();
        if (listeners.isEmpty() || event.conversationId() == null) {
            return;
        }
        Conversation c = store.conversation(event.conversationId()).orElse(null);
        for (ConversationListener l : listeners) {
            try {
                l.onEvent(event, c);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("conversation listener {} failed on {}", l.getClass().getName(), event.type(), e);
            }
        }
    }

    private void notifyMessage(Message m, Conversation c) {
        for (ConversationListener l : extensions.listeners()) {
            try {
                l.onMessage(m, c);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("conversation listener {} failed on a message", l.getClass().getName(), e);
            }
        }
    }

    /** A map of the non-null pairs. */
    static Map<String, String> eventData(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
