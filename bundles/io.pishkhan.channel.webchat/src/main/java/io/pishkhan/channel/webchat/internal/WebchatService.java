package io.pishkhan.channel.webchat.internal;

import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.InvalidMessageException;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import io.pishkhan.api.store.StoreException;
import io.pishkhan.channel.webchat.internal.Frames.ClientFrame;
import io.pishkhan.channel.webchat.internal.Frames.FrameException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * The webchat protocol engine, independent of the transport: turns client frames into {@link ConversationService}
 * calls and pushes outbound messages and agent signals to the visitor's sessions ({@link Conn}). The WebSocket
 * endpoint and the long-poll servlet both drive it; {@link WebchatConnector} hands it what the core delivers.
 */
@Component(service = WebchatService.class, configurationPid = WebchatService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebchatConfig.class)
public class WebchatService implements WebchatConnector.Listener {
    static final String PID = "io.pishkhan.channel.webchat";
    private static final Logger LOG = LoggerFactory.getLogger(WebchatService.class);
    private static final long TYPING_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int REPLAY_CONVERSATIONS = 20;
    static final List<String> SURVEY_REPLIES = List.of("1", "2", "3", "4", "5");

    private final ConversationService conversations;
    private final AgentDirectory agents;
    private final WebchatConnector connector;
    private final LongSupplier nanoClock;
    private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();
    private volatile Settings settings;
    /** Runs {@link #abandonDisconnected} (null in unit tests, which call it themselves). */
    private java.util.concurrent.ScheduledExecutorService timer;

    @Activate
    public WebchatService(@Reference ConversationService conversations, @Reference AgentDirectory agents,
            @Reference WebchatConnector connector, WebchatConfig config) {
        this(conversations, agents, connector, Settings.from(config), System::nanoTime);
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webchat-disconnect-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::abandonDisconnected, 30, 30, TimeUnit.SECONDS);
    }

    WebchatService(ConversationService conversations, AgentDirectory agents, WebchatConnector connector,
            Settings settings, LongSupplier nanoClock) {
        this.conversations = conversations;
        this.agents = agents;
        this.connector = connector;
        this.settings = settings;
        this.nanoClock = nanoClock;
        connector.setListener(this);
    }

    @Modified
    void modified(WebchatConfig config) {
        this.settings = Settings.from(config);
        synchronized (visitors) {
            visitors.values().forEach(v -> {
                synchronized (v) {
                    v.bucket = null; // new rate applies from the next message
                }
            });
        }
        LOG.info("webchat reconfigured: allowedOrigins={} maxMessageBytes={} rate={}/{}s", settings.origins().allowed(),
                settings.maxMessageBytes(), settings.rateLimitMessages(), settings.rateLimitSeconds());
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
        connector.clearListener(this);
        for (Visitor v : visitors.values()) {
            for (Conn c : v.conns) {
                c.close(1001, "server stopping");
            }
        }
        visitors.clear();
    }

    Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ client frames

    /**
     * Handles one client frame; returns the direct answers (ack, error, pong, prechat-ack) for the caller to send.
     * The welcome and replayed messages of a hello are pushed through the session itself, in order. Never throws.
     */
    List<Map<String, Object>> onFrame(Conn conn, String text) {
        try {
            ClientFrame f = Frames.parse(text, settings.maxMessageBytes());
            if (f instanceof Frames.Hello h) {
                return hello(conn, h);
            }
            Visitor v = conn.visitor;
            if (v == null) {
                return List.of(Frames.error("not-ready", "send hello first"));
            }
            v.lastSeenNanos = nanoClock.getAsLong();
            if (f instanceof Frames.Msg m) {
                return List.of(message(conn, v, m));
            } else if (f instanceof Frames.Prechat p) {
                return List.of(prechat(v, p));
            } else if (f instanceof Frames.Typing t) {
                typing(v, t.start());
                return List.of();
            } else if (f instanceof Frames.Read r) {
                read(v, r);
                return List.of();
            } else if (f instanceof Frames.End e) {
                return List.of(end(v, e));
            } else if (f instanceof Frames.Feedback fb) {
                return List.of(feedback(v, fb));
            } else if (f instanceof Frames.Ping p) {
                Map<String, Object> pong = Frames.frame("pong");
                pong.put("t", p.t());
                return List.of(pong);
            }
            return List.of(Frames.error("unknown-type", "unknown frame"));
        } catch (FrameException e) {
            return List.of(e.toFrame());
        } catch (RuntimeException e) {
            LOG.warn("webchat frame failed", e);
            return List.of(Frames.error("internal", "internal error; retry later"));
        }
    }

    private List<Map<String, Object>> hello(Conn conn, Frames.Hello h) throws FrameException {
        if (conn.visitor != null) {
            throw new FrameException("bad-frame", "hello was already sent on this session", null);
        }
        Settings s = settings;
        Visitor v = visitor(h.token());
        synchronized (v) {
            if (v.conns.size() >= s.maxSessionsPerToken()) {
                conn.push(Frames.json(Frames.error("too-many-sessions",
                        "at most " + s.maxSessionsPerToken() + " sessions per visitor")));
                conn.close(1008, "too many sessions");
                return List.of();
            }
        }
        conn.lang = "fa".equals(h.lang()) || h.lang() == null ? "fa" : "en";
        // resume: only a conversation of this very visitor
        Conversation last = null;
        if (h.conversationId() != null) {
            last = conversations.conversation(h.conversationId()).filter(c -> owns(c, v.token)).orElse(null);
        }
        List<Conversation> replay = new ArrayList<>();
        if (last != null) {
            v.customerId = last.customerId();
            replay.add(last);
            Conversation from = last;
            conversations.conversationsOfCustomer(last.customerId(), REPLAY_CONVERSATIONS).stream()
                    .filter(c -> owns(c, v.token) && !c.id().equals(from.id()) && c.createdAt() != null
                            && from.createdAt() != null && c.createdAt().isAfter(from.createdAt()))
                    .sorted(Comparator.comparing(Conversation::createdAt)).forEach(replay::add);
            Conversation newest = replay.get(replay.size() - 1);
            if (newest.isOpen()) {
                v.conversationId = newest.id();
            }
        }
        synchronized (conn.lock) {
            conn.visitor = v;
            v.conns.add(conn);
            v.goneSinceNanos = 0;
            Map<String, Object> welcome = Frames.frame("welcome");
            welcome.put("protocol", Frames.PROTOCOL);
            welcome.put("sessionId", conn.id);
            welcome.put("conversationId", v.conversationId);
            welcome.put("resumed", last != null);
            welcome.put("config", s.widgetConfig(conn.lang));
            conn.push(Frames.json(welcome));
            Map<String, String> names = new HashMap<>(); // agent id -> display name, looked up once per hello
            for (Conversation c : replay) {
                long after = c == last ? h.lastSeq() : 0;
                long seq = 0;
                for (Message m : conversations.transcript(c.id())) {
                    if (m.direction() == Direction.INTERNAL) {
                        continue;
                    }
                    seq++;
                    if (seq > after && m.direction() == Direction.OUTBOUND) {
                        conn.push(Frames.json(messageFrame(m.id(), c.id(), seq, m.senderType(),
                                senderName(m, names), m.text(), List.of(), m.createdAt())));
                    }
                }
                conn.lastSent.merge(c.id(), Math.max(seq, after), Math::max);
            }
        }
        return List.of();
    }

    /**
     * The display name a replayed message carries: the one the core gave the live delivery
     * ({@link OutboundMessage#senderName()}). For an agent, his name in the {@link AgentDirectory} (his id when he
     * is no longer listed or the directory fails); for the bot and the system, the sender id the core stored, which
     * is the label it sends live (the chatbot engine id, {@code pishkhan} for system notices).
     */
    String senderName(Message m, Map<String, String> agentNames) {
        if (m.senderType() != SenderType.AGENT) {
            return m.senderId();
        }
        if (m.senderId() == null) {
            return null;
        }
        return agentNames.computeIfAbsent(m.senderId(), id -> {
            try {
                return agents.agent(id).map(Agent::name).orElse(id);
            } catch (RuntimeException e) {
                LOG.warn("agent directory failed for {}; the id is shown as the name", id, e);
                return id;
            }
        });
    }

    private static boolean owns(Conversation c, String token) {
        return WebchatConnector.CHANNEL.equals(c.channel()) && token.equals(c.address());
    }

    private Map<String, Object> message(Conn conn, Visitor v, Frames.Msg m) {
        Settings s = settings;
        long wait;
        Frames.Prechat pre;
        synchronized (v) {
            if (v.bucket == null) {
                v.bucket = new TokenBucket(s.rateLimitMessages(), TimeUnit.SECONDS.toNanos(s.rateLimitSeconds()),
                        nanoClock.getAsLong());
            }
            wait = v.bucket.tryTake(nanoClock.getAsLong());
            pre = v.prechat;
        }
        if (wait > 0) {
            Map<String, Object> e = Frames.error("rate-limited", "too many messages; retry later");
            e.put("ref", m.clientId());
            e.put("retryAfter", Math.max(1, (long) Math.ceil(wait / 1e9)));
            return e;
        }
        Map<String, String> attrs = new HashMap<>();
        attrs.put("lang", conn.lang);
        attrs.put("webchat.clientSeq", Long.toString(m.clientSeq()));
        Receipt r;
        try {
            r = conversations.receive(new InboundMessage(WebchatConnector.CHANNEL, v.token, pre == null ? null : pre.name(),
                    m.text(), v.token + ":" + m.clientId(), attrs));
        } catch (InvalidMessageException e) {
            Map<String, Object> f = Frames.error("invalid-message", e.getMessage());
            f.put("ref", m.clientId());
            return f;
        } catch (StoreException e) {
            LOG.error("could not store webchat message", e);
            Map<String, Object> f = Frames.error("unavailable", "storage unavailable; nothing was stored, retry later");
            f.put("ref", m.clientId());
            f.put("retryAfter", 5);
            return f;
        }
        v.conversationId = r.conversationId();
        v.customerId = r.customerId();
        if (pre != null) {
            applyPrechat(v, r.conversationId());
        }
        Map<String, Object> ack = Frames.frame("ack");
        ack.put("clientId", m.clientId());
        ack.put("clientSeq", m.clientSeq());
        ack.put("conversationId", r.conversationId());
        ack.put("messageId", r.messageId());
        ack.put("duplicate", r.duplicate());
        return ack;
    }

    private Map<String, Object> prechat(Visitor v, Frames.Prechat p) throws FrameException {
        Settings s = settings;
        List<String> fields = s.prechatFields();
        String name = fields.contains("name") ? p.name() : null;
        String email = fields.contains("email") && p.email() != null ? Frames.normaliseEmail(p.email()) : null;
        String phone = fields.contains("phone") && p.phone() != null ? Frames.normalisePhone(p.phone()) : null;
        Map<String, String> given = new HashMap<>();
        given.put("name", name);
        given.put("email", email);
        given.put("phone", phone);
        for (String req : s.prechatRequired()) {
            if (fields.contains(req) && given.get(req) == null) {
                throw Frames.invalid(req, "is required");
            }
        }
        synchronized (v) {
            v.prechat = new Frames.Prechat(name, email, phone);
            v.prechatAppliedTo = null;
        }
        String conv = v.conversationId;
        List<String> identified = conv == null ? List.of() : applyPrechat(v, conv);
        Map<String, Object> ack = Frames.frame("prechat-ack");
        ack.put("conversationId", conv);
        ack.put("identified", identified);
        return ack;
    }

    /** Gives the pre-chat email/phone to the conversation once; returns what was identified. */
    private List<String> applyPrechat(Visitor v, String conversationId) {
        Frames.Prechat p;
        synchronized (v) {
            if (v.prechat == null || conversationId.equals(v.prechatAppliedTo)) {
                return List.of();
            }
            p = v.prechat;
            v.prechatAppliedTo = conversationId;
        }
        List<String> done = new ArrayList<>();
        try {
            if (p.email() != null) {
                conversations.identify(conversationId, new Identity("email", p.email()), p.name());
                done.add("email");
            }
            if (p.phone() != null) {
                conversations.identify(conversationId, new Identity("phone", p.phone()), p.name());
                done.add("phone");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not identify webchat visitor of conversation {}", conversationId, e);
            synchronized (v) {
                v.prechatAppliedTo = null; // try again with the next message
            }
        }
        return done;
    }

    private void typing(Visitor v, boolean start) {
        String conv = v.conversationId;
        if (conv == null) {
            return;
        }
        long now = nanoClock.getAsLong();
        synchronized (v) {
            if (v.lastTyping == start && now - v.lastTypingNanos < TYPING_GAP_NANOS) {
                return;
            }
            v.lastTyping = start;
            v.lastTypingNanos = now;
        }
        conversations.signal(conv, new Signal(start ? Signal.Type.TYPING : Signal.Type.STOPPED_TYPING,
                SenderType.CUSTOMER, v.customerId, null, Instant.now()));
    }

    private void read(Visitor v, Frames.Read r) {
        if (!r.conversationId().equals(v.conversationId)) {
            Optional<Conversation> c = conversations.conversation(r.conversationId());
            if (c.isEmpty() || !owns(c.get(), v.token)) {
                return; // not his: ignore silently
            }
        }
        conversations.signal(r.conversationId(),
                new Signal(Signal.Type.READ, SenderType.CUSTOMER, v.customerId, r.upToMessageId(), Instant.now()));
    }

    /** A session ended. */
    void onClose(Conn conn) {
        Visitor v = conn.visitor;
        if (v != null) {
            v.conns.remove(conn);
            if (v.conns.isEmpty()) {
                v.goneSinceNanos = Math.max(1, nanoClock.getAsLong()); // 0 means "connected"
            }
        }
    }

    /**
     * The visitor ends the chat: while he waits for an agent the conversation is abandoned; with the bot or an agent
     * nothing changes ({@code abandoned:false}).
     */
    private Map<String, Object> end(Visitor v, Frames.End e) {
        String conv = e.conversationId() != null ? e.conversationId() : v.conversationId;
        Map<String, Object> ended = Frames.frame("ended");
        ended.put("conversationId", conv);
        boolean abandoned = false;
        if (conv != null) {
            Optional<Conversation> c = conversations.conversation(conv);
            if (c.isEmpty() || !owns(c.get(), v.token)) {
                Map<String, Object> err = Frames.error("unknown-conversation", "not a conversation of this visitor");
                err.put("ref", conv);
                return err;
            }
            abandoned = conversations.abandon(conv, "visitor-ended");
            if (abandoned) {
                v.disconnectHandled = conv;
            }
        }
        ended.put("abandoned", abandoned);
        return ended;
    }

    /** Thumbs up/down on a bot answer of one of the visitor's conversations. */
    private Map<String, Object> feedback(Visitor v, Frames.Feedback f) {
        String conv = f.conversationId() != null ? f.conversationId() : v.conversationId;
        Optional<Conversation> c = conv == null ? Optional.empty() : conversations.conversation(conv);
        if (c.isEmpty() || !owns(c.get(), v.token)) {
            Map<String, Object> err = Frames.error("unknown-message", "no bot answer " + f.messageId() + " in this chat");
            err.put("ref", f.messageId());
            return err;
        }
        try {
            conversations.feedback(conv, f.messageId(), f.helpful());
        } catch (IllegalArgumentException | java.util.NoSuchElementException ex) {
            Map<String, Object> err = Frames.error("unknown-message", "not a bot answer of this chat: " + ex.getMessage());
            err.put("ref", f.messageId());
            return err;
        }
        Map<String, Object> ack = Frames.frame("feedback-ack");
        ack.put("conversationId", conv);
        ack.put("messageId", f.messageId());
        ack.put("helpful", f.helpful());
        return ack;
    }

    /**
     * Visitors whose sessions (WebSocket and long poll) are all gone for {@code abandonAfterMinutes} while their
     * conversation waits for an agent have left: it is abandoned with reason {@code disconnected}. Runs every 30 s.
     */
    void abandonDisconnected() {
        int minutes = settings.abandonAfterMinutes();
        if (minutes <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        long limit = TimeUnit.MINUTES.toNanos(minutes);
        for (Visitor v : visitors.values()) {
            try {
                String conv = v.conversationId;
                long gone = v.goneSinceNanos;
                if (conv == null || gone == 0 || !v.conns.isEmpty() || now - gone < limit
                        || conv.equals(v.disconnectHandled)) {
                    continue;
                }
                v.disconnectHandled = conv;
                Optional<Conversation> c = conversations.conversation(conv);
                if (c.isPresent() && (c.get().state() == io.pishkhan.api.model.ConversationState.QUEUED
                        || c.get().state() == io.pishkhan.api.model.ConversationState.OFFERED)
                        && conversations.abandon(conv, "disconnected")) {
                    LOG.info("webchat visitor gone for {} min while waiting: conversation {} abandoned", minutes, conv);
                }
            } catch (RuntimeException e) {
                LOG.warn("disconnect check of a webchat visitor failed", e);
            }
        }
    }

    private Visitor visitor(String token) {
        Visitor v = visitors.computeIfAbsent(token, Visitor::new);
        v.lastSeenNanos = nanoClock.getAsLong();
        if (visitors.size() > settings.maxVisitors()) {
            evict();
        }
        return v;
    }

    /** Drops the least recently seen visitors without a session until 90% of the limit remain. */
    private void evict() {
        synchronized (visitors) {
            int target = settings.maxVisitors() * 9 / 10;
            List<Visitor> idle = visitors.values().stream().filter(x -> x.conns.isEmpty())
                    .sorted(Comparator.comparingLong(x -> x.lastSeenNanos)).toList();
            for (int i = 0; i < idle.size() && visitors.size() > target; i++) {
                visitors.remove(idle.get(i).token, idle.get(i));
            }
        }
    }

    int visitorCount() {
        return visitors.size();
    }

    // ------------------------------------------------------------------ from the core

    @Override
    public void deliver(OutboundMessage m) {
        Visitor v = visitors.get(m.address());
        if (v == null || v.conns.isEmpty()) {
            return; // offline: the hello replay brings it later
        }
        // the frame's seq is the message's position in what the visitor sees (an index count in the store)
        long seq = conversations.position(m.conversationId(), m.messageId());
        if (seq < 1) {
            LOG.warn("delivered message {} is not in the transcript of {}; not pushed", m.messageId(), m.conversationId());
            return;
        }
        v.conversationId = m.conversationId();
        String json = Frames.json(messageFrame(m.messageId(), m.conversationId(), seq, m.senderType(), m.senderName(),
                m.text(), m.quickReplies(), Instant.now()));
        for (Conn c : v.conns) {
            synchronized (c.lock) {
                Long last = c.lastSent.get(m.conversationId());
                if (last != null && seq <= last) {
                    continue; // already replayed on this session
                }
                c.lastSent.put(m.conversationId(), seq);
                c.push(json);
            }
        }
    }

    @Override
    public void signal(String conversationId, String address, Signal s) {
        if (s.from() == SenderType.CUSTOMER) {
            return;
        }
        Visitor v = visitors.get(address);
        if (v == null || v.conns.isEmpty()) {
            return;
        }
        Map<String, Object> f;
        if (s.type() == Signal.Type.READ) {
            if (s.upToMessageId() == null) {
                return;
            }
            f = Frames.frame("read");
            f.put("conversationId", conversationId);
            f.put("upToMessageId", s.upToMessageId());
        } else {
            f = Frames.frame("typing");
            f.put("conversationId", conversationId);
            f.put("state", s.type() == Signal.Type.TYPING ? "start" : "stop");
        }
        f.put("from", "agent");
        String json = Frames.json(f);
        for (Conn c : v.conns) {
            c.push(json);
        }
    }

    static Map<String, Object> messageFrame(String id, String conversationId, long seq, SenderType sender,
            String senderName, String text, List<String> quickReplies, Instant at) {
        Map<String, Object> f = Frames.frame("message");
        f.put("id", id);
        f.put("conversationId", conversationId);
        f.put("seq", seq);
        f.put("from", sender == SenderType.CUSTOMER ? "visitor" : sender.name().toLowerCase(Locale.ROOT));
        f.put("senderName", senderName);
        f.put("text", text);
        f.put("quickReplies", quickReplies == null ? List.of() : quickReplies);
        if (sender == SenderType.SYSTEM && SURVEY_REPLIES.equals(quickReplies)) {
            f.put("kind", "survey"); // the satisfaction survey: a widget shows a 1-5 rating row
        }
        f.put("at", (at == null ? Instant.now() : at).toString());
        return f;
    }
}
