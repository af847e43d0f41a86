package io.pishkhan.store.jdbc.internal;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.store.ConversationStore;
import io.pishkhan.api.store.InboundRecord;
import io.pishkhan.api.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ConversationStore}: plain JDBC on the {@link DataSource} service selected by
 * {@code dataSource.target} (embedded Derby by default, PostgreSQL later). The schema is migrated when the
 * component activates, before the service is registered for use; a failed migration leaves the component
 * unsatisfied with the reason in the log.
 *
 * <p>Every public method runs in exactly one transaction on its own connection, and either writes everything or
 * nothing. SQL failures surface as {@link StoreException}; invalid arguments as {@link IllegalArgumentException}
 * before the database is touched.
 */
@Component(service = ConversationStore.class, immediate = true, configurationPid = JdbcConversationStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JdbcStoreConfig.class)
public final class JdbcConversationStore implements ConversationStore {
    /** Configuration PID. */
    public static final String PID = "io.pishkhan.store.jdbc";

    static final int MAX_CHANNEL_LENGTH = 64;
    static final int MAX_ADDRESS_LENGTH = 320;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_ID_LENGTH = 200;
    private static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationStore.class);

    /** Inbound attribute set by the core: the resolved conversation a survey answer belongs to. */
    static final String SURVEY_TARGET = "pishkhan.survey.conversationId";
    private static final String CUSTOMER_COLUMNS = "id, display_name, attributes, created_at";
    private static final String CONVERSATION_COLUMNS = "id, customer_id, channel, address, state, queue_id, agent_id,"
            + " intent, context, created_at, updated_at";
    private static final String MESSAGE_COLUMNS = "id, conversation_id, direction, sender_type, sender_id, text,"
            + " client_message_id, created_at";
    private static final String EVENT_COLUMNS = "id, conversation_id, type, channel, occurred_at, data";

    private final DataSource dataSource;
    private final Dialect dialect;

    /** Declarative Services constructor. */
    @Activate
    public JdbcConversationStore(
            @Reference(name = "dataSource", target = "(dataSourceName=pishkhan)") DataSource dataSource,
            JdbcStoreConfig config) {
        this(dataSource, config.dialect());
    }

    /** Plain constructor (tests): detects or uses the named dialect and migrates the schema. */
    JdbcConversationStore(DataSource dataSource, String dialectName) {
        this(dataSource, dialect(dataSource, dialectName),
                Migration.load(JdbcConversationStore.class.getClassLoader(), Migration.DEFAULT_LOCATION));
    }

    JdbcConversationStore(DataSource dataSource, Dialect dialect, List<Migration> migrations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        List<Integer> applied = new MigrationRunner(dataSource, dialect, migrations).migrate();
        LOG.info("JDBC conversation store ready ({}, schema version {}{})", dialect,
                migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version(),
                applied.isEmpty() ? "" : ", applied " + applied);
    }

    @Deactivate
    void deactivate() {
        LOG.info("JDBC conversation store stopped");
    }

    private static Dialect dialect(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection()) {
            return Dialect.forName(name, c);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    // ---------------------------------------------------------------- inbound

    @Override
    public InboundRecord recordInbound(InboundMessage message, Instant at) {
        return recordInbound(message, at, null);
    }

    @Override
    public InboundRecord recordInbound(InboundMessage message, Instant at,
            java.util.function.Function<InboundRecord, ConversationEvent> eventOf) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (message.channel() == null || message.address() == null) {
            throw new IllegalArgumentException("channel and address are required");
        }
        Identity identity = message.identity();
        requireLength(identity.channel(), MAX_CHANNEL_LENGTH, "channel");
        requireLength(identity.address(), MAX_ADDRESS_LENGTH, "address");
        String text = validText(message.text());
        String clientId = message.clientMessageId() == null || message.clientMessageId().isBlank() ? null
                : requireLength(message.clientMessageId().strip(), MAX_ID_LENGTH, "clientMessageId");
        String displayName = truncate(message.displayName() == null || message.displayName().isBlank()
                ? identity.address() : message.displayName().strip(), MAX_NAME_LENGTH);
        Instant now = Jdbc.truncate(at);
        String surveyTarget = message.attributes().get(SURVEY_TARGET);
        return callRetrying("record the inbound message of " + identity, c -> {
            InboundRecord r = recordInbound(c, identity, displayName, text, clientId, surveyTarget, now,
                    message.attachments());
            if (eventOf != null && !r.duplicate()) {
                insertEvent(c, eventOf.apply(r));
            }
            return r;
        });
    }

    private InboundRecord recordInbound(Connection c, Identity identity, String displayName, String text,
            String clientId, String surveyTarget, Instant now,
            List<io.pishkhan.api.channel.Attachment> attachments) throws SQLException {
        if (clientId != null) {
            Optional<InboundRecord> duplicate = duplicate(c, identity, clientId);
            if (duplicate.isPresent()) {
                return duplicate.get();
            }
        }
        String customerId = findCustomerId(c, identity);
        if (customerId == null) {
            customerId = createCustomer(c, identity, displayName, now);
        }
        // serialise concurrent messages of this customer: only one may open a conversation. The row is gone
        // when a concurrent identify merged this customer into another one while we waited: start over, the
        // next attempt finds the identity at the merged customer
        if (!dialect.lockCustomer(c, customerId)) {
            throw new ConcurrentChange("customer " + customerId + " was merged into another one concurrently");
        }
        if (clientId != null) {
            Optional<InboundRecord> duplicate = duplicate(c, identity, clientId);
            if (duplicate.isPresent()) {
                return duplicate.get();
            }
        }

        Conversation conversation = findOpenConversation(c, customerId, identity);
        if (conversation == null && surveyTarget != null) {
            Conversation asking = surveyConversation(c, surveyTarget, customerId, identity);
            if (asking != null) { // an answer to its satisfaction survey: it stays RESOLVED, updated_at unchanged
                Message stored = new Message(newId(), asking.id(), Direction.INBOUND, SenderType.CUSTOMER, customerId,
                        text, clientId, now);
                insertMessage(c, stored, identity.channel(), identity.address());
                insertAttachments(c, stored, attachments);
                Customer customer = loadCustomer(c, customerId)
                        .orElseThrow(() -> new SQLException("customer vanished during the transaction"));
                return new InboundRecord(customer, asking, stored, false, false);
            }
        }
        boolean created = conversation == null;
        if (created) {
            conversation = new Conversation(newId(), customerId, identity.channel(), identity.address(),
                    ConversationState.BOT, null, null, null, Map.of(), now, now);
            insertConversation(c, conversation);
        } else {
            Instant updatedAt = later(conversation.updatedAt(), now);
            touchConversation(c, conversation.id(), updatedAt);
            conversation = new Conversation(conversation.id(), conversation.customerId(), conversation.channel(),
                    conversation.address(), conversation.state(), conversation.queueId(), conversation.agentId(),
                    conversation.intent(), conversation.context(), conversation.createdAt(), updatedAt);
        }
        Message stored = new Message(newId(), conversation.id(), Direction.INBOUND, SenderType.CUSTOMER, customerId,
                text, clientId, now);
        insertMessage(c, stored, identity.channel(), identity.address());
        insertAttachments(c, stored, attachments);
        Customer customer = loadCustomer(c, customerId)
                .orElseThrow(() -> new SQLException("customer vanished during the transaction"));
        return new InboundRecord(customer, conversation, stored, created, false);
    }

    private Optional<InboundRecord> duplicate(Connection c, Identity identity, String clientId) throws SQLException {
        Message existing;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS
                + " FROM message WHERE channel = ? AND address = ? AND client_message_id = ?")) {
            ps.setString(1, identity.channel());
            ps.setString(2, identity.address());
            ps.setString(3, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                existing = message(rs);
            }
        }
        Conversation conversation = loadConversation(c, existing.conversationId())
                .orElseThrow(() -> new SQLException("conversation of message " + existing.id() + " is missing"));
        Customer customer = loadCustomer(c, conversation.customerId())
                .orElseThrow(() -> new SQLException("customer of conversation " + conversation.id() + " is missing"));
        return Optional.of(new InboundRecord(customer, conversation, existing, false, true));
    }

    private static String findCustomerId(Connection c, Identity identity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT customer_id FROM customer_identity WHERE channel = ? AND address = ?")) {
            ps.setString(1, identity.channel());
            ps.setString(2, identity.address());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Inserts a customer with this identity. When a concurrent transaction inserted the same identity first, the
     * insert fails with a unique violation (after waiting for that transaction to commit); the caller then rolls
     * back the whole transaction and starts over, finding that customer. (Rolling back to a savepoint instead
     * would keep the failed insert's row locks on Derby until the end of the transaction and deadlock with other
     * transactions of the same customer.)
     */
    private static String createCustomer(Connection c, Identity identity, String displayName, Instant now)
            throws SQLException {
        String id = newId();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer (id, display_name, attributes, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, displayName);
            ps.setString(3, null);
            Jdbc.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
        insertIdentity(c, identity, id, now);
        return id;
    }

    private static void insertIdentity(Connection c, Identity identity, String customerId, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer_identity (channel, address, customer_id, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, identity.channel());
            ps.setString(2, identity.address());
            ps.setString(3, customerId);
            Jdbc.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
    }

    /**
     * The resolved conversation {@code id} when it still waits for a survey answer from this customer on this
     * channel (context {@code survey.state} {@code sent} or {@code scored}), else {@code null}. The core names it in
     * the inbound attribute {@value #SURVEY_TARGET} after reading the text; the check here, under the customer's
     * lock, keeps a stale or forged id from putting a message into another conversation.
     */
    private Conversation surveyConversation(Connection c, String id, String customerId, Identity identity)
            throws SQLException {
        Conversation t = loadConversation(c, id).orElse(null);
        if (t == null || t.isOpen() || !customerId.equals(t.customerId()) || !identity.channel().equals(t.channel())) {
            return null;
        }
        String state = t.context().get("survey.state");
        return "sent".equals(state) || "scored".equals(state) ? t : null;
    }

    /**
     * The open conversation an inbound message joins: the newest non-RESOLVED conversation of the customer on the
     * identity's channel, preferring one with the identity's own address. (A customer has several addresses on
     * one channel only after {@link #identify} merged profiles; a message then stays in the conversation whose
     * replies reach the address that wrote it, when there is one.)
     */
    private static Conversation findOpenConversation(Connection c, String customerId, Identity identity)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversation"
                + " WHERE customer_id = ? AND channel = ? AND state <> ?"
                + " ORDER BY CASE WHEN address = ? THEN 0 ELSE 1 END, created_at DESC, seq DESC"
                + " FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, customerId);
            ps.setString(2, identity.channel());
            ps.setString(3, ConversationState.RESOLVED.name());
            ps.setString(4, identity.address());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? conversation(rs) : null;
            }
        }
    }

    // ---------------------------------------------------------------- outbound

    @Override
    public Message appendOutbound(String conversationId, SenderType senderType, String senderId, String text,
            Instant at) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderType, "senderType");
        Objects.requireNonNull(at, "at");
        if (senderType == SenderType.CUSTOMER) {
            throw new IllegalArgumentException("customer messages are recorded with recordInbound");
        }
        if (senderId != null) {
            requireLength(senderId, MAX_ID_LENGTH, "senderId");
        }
        String valid = validText(text);
        Instant now = Jdbc.truncate(at);
        return call("append an outbound message to conversation " + conversationId, c -> {
            Conversation conversation = loadConversation(c, conversationId)
                    .orElseThrow(() -> new IllegalArgumentException("unknown conversation " + conversationId));
            Message stored = new Message(newId(), conversationId, Direction.OUTBOUND, senderType, senderId, valid,
                    null, now);
            insertMessage(c, stored, conversation.channel(), conversation.address());
            touchConversation(c, conversationId, later(conversation.updatedAt(), now));
            return stored;
        });
    }

    // ---------------------------------------------------------------- notes

    @Override
    public Message appendNote(String conversationId, String agentId, String text, Instant at) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(at, "at");
        if (agentId.isBlank()) {
            throw new IllegalArgumentException("agentId must not be blank");
        }
        requireLength(agentId, MAX_ID_LENGTH, "agentId");
        String valid = validText(text);
        Instant now = Jdbc.truncate(at);
        return callRetrying("append a note to conversation " + conversationId, c -> {
            Conversation conversation = loadConversation(c, conversationId)
                    .orElseThrow(() -> new IllegalArgumentException("unknown conversation " + conversationId));
            Message stored = new Message(newId(), conversationId, Direction.INTERNAL, SenderType.AGENT, agentId,
                    valid, null, now);
            // channel and address are copied like for every message (NOT NULL columns); a note is never sent
            insertMessage(c, stored, conversation.channel(), conversation.address());
            touchConversation(c, conversationId, later(conversation.updatedAt(), now));
            return stored;
        });
    }

    // ---------------------------------------------------------------- identify and merge

    @Override
    public Customer identify(String conversationId, Identity identity, String displayName) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(identity, "identity");
        requireLength(identity.channel(), MAX_CHANNEL_LENGTH, "channel");
        requireLength(identity.address(), MAX_ADDRESS_LENGTH, "address");
        String name = displayName == null || displayName.isBlank() ? null
                : truncate(displayName.strip(), MAX_NAME_LENGTH);
        Instant now = Jdbc.truncate(Instant.now());
        return callRetrying("identify conversation " + conversationId + " as " + identity,
                c -> identify(c, conversationId, identity, name, now));
    }

    /**
     * One attempt of {@link #identify}. Locks the conversation's customer and, when the identity belongs to
     * another customer, that one too, in ascending id order (every transaction that locks two customers does it
     * in this order, and recordInbound locks only one, so they cannot deadlock each other). Then re-reads both
     * under the locks: if a concurrent merge moved either in the meantime, the attempt starts over.
     */
    private Customer identify(Connection c, String conversationId, Identity identity, String name, Instant now)
            throws SQLException {
        String source = customerIdOfConversation(c, conversationId);
        if (source == null) {
            throw new IllegalArgumentException("unknown conversation " + conversationId);
        }
        String owner = findCustomerId(c, identity);
        List<String> locks = owner == null || owner.equals(source) ? List.of(source)
                : source.compareTo(owner) < 0 ? List.of(source, owner) : List.of(owner, source);
        for (String customerId : locks) {
            if (!dialect.lockCustomer(c, customerId)) {
                throw new ConcurrentChange("customer " + customerId + " was merged into another one concurrently");
            }
        }
        if (!source.equals(customerIdOfConversation(c, conversationId))
                || !Objects.equals(owner, findCustomerId(c, identity))) {
            throw new ConcurrentChange("conversation " + conversationId + " or identity " + identity
                    + " changed customer concurrently");
        }

        String result;
        if (owner == null) {
            // a concurrent insert of the same identity makes this fail with a unique violation: retried, and the
            // next attempt finds the identity's customer and merges
            insertIdentity(c, identity, source, now);
            result = source;
        } else if (owner.equals(source)) {
            result = source; // already his: only the name may change
        } else {
            merge(c, source, owner);
            result = owner;
        }
        if (name != null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE customer SET display_name = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, result);
                ps.executeUpdate();
            }
        }
        return loadCustomer(c, result).orElseThrow(() -> new SQLException("customer " + result + " vanished"));
    }

    /**
     * Moves everything of customer {@code from} to customer {@code to} and deletes {@code from}; both rows are
     * locked by the caller. Order matters for Derby's row locks: messages first, then conversations (a concurrent
     * appendOutbound inserts a message before it updates its conversation, so this transaction must not hold a
     * conversation row while it waits for a message row).
     */
    private static void merge(Connection c, String from, String to) throws SQLException {
        List<String> conversationIds = ids(c, "SELECT id FROM conversation WHERE customer_id = ?", from);
        moveConversations(c, conversationIds, from, to);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE customer_identity SET customer_id = ? WHERE customer_id = ?")) {
            ps.setString(1, to);
            ps.setString(2, from);
            ps.executeUpdate();
        }
        // attributes: the surviving profile's values win, the merged one's other keys are kept
        Map<String, String> fromAttributes = attributes(c, from);
        if (!fromAttributes.isEmpty()) {
            Map<String, String> merged = new TreeMap<>(fromAttributes);
            merged.putAll(attributes(c, to));
            try (PreparedStatement ps = c.prepareStatement("UPDATE customer SET attributes = ? WHERE id = ?")) {
                ps.setString(1, TextMap.encode(merged));
                ps.setString(2, to);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM customer WHERE id = ?")) {
            ps.setString(1, from);
            ps.executeUpdate();
        }
        LOG.info("Merged customer {} into {} ({} conversations moved)", from, to, conversationIds.size());
    }

    @Override
    public Customer mergeCustomers(String fromCustomerId, String intoCustomerId) {
        Objects.requireNonNull(fromCustomerId, "fromCustomerId");
        Objects.requireNonNull(intoCustomerId, "intoCustomerId");
        if (fromCustomerId.equals(intoCustomerId)) {
            throw new IllegalArgumentException("a customer cannot be merged into himself");
        }
        return callRetrying("merge customer " + fromCustomerId + " into " + intoCustomerId, c -> {
            List<String> locks = fromCustomerId.compareTo(intoCustomerId) < 0 ? List.of(fromCustomerId, intoCustomerId)
                    : List.of(intoCustomerId, fromCustomerId);
            for (String id : locks) {
                if (!dialect.lockCustomer(c, id)) {
                    throw new java.util.NoSuchElementException("no customer " + id);
                }
            }
            merge(c, fromCustomerId, intoCustomerId);
            return loadCustomer(c, intoCustomerId).orElseThrow(() -> new SQLException("customer vanished"));
        });
    }

    @Override
    public Customer splitIdentity(String customerId, Identity identity) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(identity, "identity");
        Instant now = Jdbc.truncate(Instant.now());
        return callRetrying("split " + identity + " from customer " + customerId, c -> {
            if (!dialect.lockCustomer(c, customerId)) {
                throw new java.util.NoSuchElementException("no customer " + customerId);
            }
            if (!customerId.equals(findCustomerId(c, identity))) {
                throw new IllegalArgumentException(identity + " is not an identity of customer " + customerId);
            }
            int identities;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM customer_identity WHERE customer_id = ?")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    identities = rs.getInt(1);
                }
            }
            if (identities < 2) {
                throw new IllegalArgumentException("the customer's only identity cannot be split off");
            }
            String created = newId();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customer (id, display_name, attributes, created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, created);
                ps.setString(2, identity.address());
                ps.setString(3, null);
                Jdbc.setInstant(ps, 4, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customer_identity SET customer_id = ? WHERE channel = ? AND address = ?")) {
                ps.setString(1, created);
                ps.setString(2, identity.channel());
                ps.setString(3, identity.address());
                ps.executeUpdate();
            }
            // his conversations on that identity go with it (messages first: see merge for the lock order)
            List<String> moved = ids(c, "SELECT id FROM conversation WHERE customer_id = ? AND channel = ?"
                    + " AND address = ?", customerId, identity.channel(), identity.address());
            moveConversations(c, moved, customerId, created);
            LOG.info("Split {} off customer {} as {} ({} conversations moved)", identity, customerId, created,
                    moved.size());
            return loadCustomer(c, created).orElseThrow(() -> new SQLException("customer vanished"));
        });
    }

    /**
     * Gives conversations (and the customer messages in them, which carry the customer id as sender id) to another
     * customer. Messages first, then conversations: see {@link #merge} for the lock order.
     */
    private static void moveConversations(Connection c, List<String> conversationIds, String from, String to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE message SET sender_id = ?"
                + " WHERE conversation_id = ? AND sender_type = ? AND sender_id = ?")) {
            for (String conversationId : conversationIds) {
                ps.setString(1, to);
                ps.setString(2, conversationId);
                ps.setString(3, SenderType.CUSTOMER.name());
                ps.setString(4, from);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversation SET customer_id = ? WHERE id = ?")) {
            for (String conversationId : conversationIds) {
                ps.setString(1, to);
                ps.setString(2, conversationId);
                ps.executeUpdate();
            }
        }
    }

    private static List<String> ids(Connection c, String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, String> attributes(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT attributes FROM customer WHERE id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? TextMap.decode(rs.getString(1)) : Map.of();
            }
        }
    }

    private static String customerIdOfConversation(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT customer_id FROM conversation WHERE id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Customer> customer(String customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return call("read customer " + customerId, c -> loadCustomer(c, customerId));
    }

    @Override
    public Optional<Customer> customerByIdentity(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return call("read the customer of " + identity, c -> {
            String id = findCustomerId(c, identity);
            return id == null ? Optional.empty() : loadCustomer(c, id);
        });
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return call("read conversation " + conversationId, c -> loadConversation(c, conversationId));
    }

    @Override
    public List<Conversation> conversations(ConversationState state, int limit) {
        Objects.requireNonNull(state, "state");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        if (limit == 0) {
            return List.of();
        }
        return call("list " + state + " conversations", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversation"
                    + " WHERE state = ? ORDER BY created_at, seq FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, state.name());
                ps.setInt(2, limit);
                return conversations(ps);
            }
        });
    }

    @Override
    public List<Conversation> routedConversationsSince(Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        if (limit <= 0) {
            return List.of();
        }
        return call("list conversations routed since " + since, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversation"
                    + " WHERE created_at >= ? AND queue_id IS NOT NULL ORDER BY created_at DESC, seq DESC"
                    + " FETCH FIRST ? ROWS ONLY")) {
                Jdbc.setInstant(ps, 1, Jdbc.truncate(since));
                ps.setInt(2, limit);
                return conversations(ps);
            }
        });
    }

    @Override
    public boolean updateConversation(Conversation updated, ConversationState expected) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(expected, "expected");
        requireLengthOrNull(updated.queueId(), MAX_ID_LENGTH, "queueId");
        requireLengthOrNull(updated.agentId(), MAX_ID_LENGTH, "agentId");
        requireLengthOrNull(updated.intent(), MAX_NAME_LENGTH, "intent");
        Instant updatedAt = Jdbc.truncate(updated.updatedAt() == null ? Instant.now() : updated.updatedAt());
        return call("update conversation " + updated.id(), c -> update(c, updated, expected, updatedAt));
    }

    private static boolean update(Connection c, Conversation updated, ConversationState expected, Instant updatedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversation SET state = ?, queue_id = ?,"
                + " agent_id = ?, intent = ?, context = ?, updated_at = ? WHERE id = ? AND state = ?")) {
            ps.setString(1, updated.state().name());
            ps.setString(2, updated.queueId());
            ps.setString(3, updated.agentId());
            ps.setString(4, updated.intent());
            ps.setString(5, TextMap.encode(updated.context()));
            Jdbc.setInstant(ps, 6, updatedAt);
            ps.setString(7, updated.id());
            ps.setString(8, expected.name());
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<Message> recordBotAnswer(Conversation updated, ConversationState expected,
            ConversationEvent event, String senderId, String text, Instant at) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        requireLengthOrNull(updated.intent(), MAX_NAME_LENGTH, "intent");
        requireLengthOrNull(senderId, MAX_ID_LENGTH, "senderId");
        requireLength(event.id(), 64, "event id");
        String valid = validText(text);
        Instant now = Jdbc.truncate(at);
        Instant updatedAt = Jdbc.truncate(updated.updatedAt() == null ? at : updated.updatedAt());
        return call("record the bot answer in conversation " + updated.id(), c -> {
            if (!update(c, updated, expected, later(updatedAt, now))) {
                return Optional.<Message>empty();
            }
            insertEvent(c, event);
            Message stored = new Message(newId(), updated.id(), Direction.OUTBOUND, SenderType.BOT, senderId, valid,
                    null, now);
            insertMessage(c, stored, updated.channel(), updated.address());
            return Optional.of(stored);
        });
    }

    @Override
    public void appendEvents(List<ConversationEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        for (ConversationEvent e : events) {
            requireLength(e.id(), 64, "event id");
        }
        call("append " + events.size() + " events", c -> {
            for (ConversationEvent e : events) {
                insertEvent(c, e);
            }
            return null;
        });
    }

    @Override
    public List<Message> messages(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return readMessages("read the messages of conversation " + conversationId,
                "WHERE conversation_id = ? ORDER BY seq", conversationId, false);
    }

    @Override
    public long messagePosition(String conversationId, String messageId) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        return call("find the position of message " + messageId, c -> {
            long seq;
            String direction;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, direction FROM message WHERE id = ? AND conversation_id = ?")) {
                ps.setString(1, messageId);
                ps.setString(2, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return -1L;
                    }
                    seq = rs.getLong(1);
                    direction = rs.getString(2);
                }
            }
            if (Direction.INTERNAL.name().equals(direction)) {
                return -1L;
            }
            long n = 0;
            // two index-only range counts on ix_message_position (conversation_id, direction, seq)
            for (Direction d : new Direction[] {Direction.INBOUND, Direction.OUTBOUND}) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM message"
                        + " WHERE conversation_id = ? AND direction = ? AND seq <= ?")) {
                    ps.setString(1, conversationId);
                    ps.setString(2, d.name());
                    ps.setLong(3, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
            return n;
        });
    }

    @Override
    public List<Message> recentMessages(String conversationId, int limit) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (limit <= 0) {
            return List.of();
        }
        return readMessages("read the recent messages of conversation " + conversationId,
                "WHERE conversation_id = ? ORDER BY seq DESC FETCH FIRST " + limit + " ROWS ONLY", conversationId, true);
    }

    /** Messages of one conversation, oldest first; {@code newestFirst} says the query returns them reversed. */
    private List<Message> readMessages(String what, String whereAndOrder, String conversationId, boolean newestFirst) {
        return call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM message " + whereAndOrder)) {
                ps.setString(1, conversationId);
                List<Message> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(message(rs));
                    }
                }
                if (newestFirst) {
                    java.util.Collections.reverse(result);
                }
                return List.copyOf(result);
            }
        });
    }

    @Override
    public Map<String, Integer> activeConversationsByAgent() {
        return call("count active conversations per agent", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, COUNT(*) FROM conversation"
                    + " WHERE state IN (?, ?) AND agent_id IS NOT NULL GROUP BY agent_id")) {
                ps.setString(1, ConversationState.OFFERED.name());
                ps.setString(2, ConversationState.ASSIGNED.name());
                Map<String, Integer> result = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return Map.copyOf(result);
            }
        });
    }

    @Override
    public Map<String, Map<String, Integer>> activeConversationsByAgentAndChannel() {
        return call("count active conversations per agent and channel", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT agent_id, channel, COUNT(*) FROM conversation"
                    + " WHERE state IN (?, ?) AND agent_id IS NOT NULL GROUP BY agent_id, channel")) {
                ps.setString(1, ConversationState.OFFERED.name());
                ps.setString(2, ConversationState.ASSIGNED.name());
                Map<String, Map<String, Integer>> result = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                                .put(String.valueOf(rs.getString(2)), rs.getInt(3));
                    }
                }
                return result;
            }
        });
    }

    @Override
    public List<Conversation> conversationsOfAgent(String agentId) {
        Objects.requireNonNull(agentId, "agentId");
        return call("list the conversations of agent " + agentId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversation"
                    + " WHERE agent_id = ? AND state IN (?, ?) ORDER BY created_at, seq")) {
                ps.setString(1, agentId);
                ps.setString(2, ConversationState.OFFERED.name());
                ps.setString(3, ConversationState.ASSIGNED.name());
                return conversations(ps);
            }
        });
    }

    @Override
    public List<Conversation> conversationsOfCustomer(String customerId, int limit) {
        Objects.requireNonNull(customerId, "customerId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        if (limit == 0) {
            return List.of();
        }
        return call("list the conversations of customer " + customerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS + " FROM conversation"
                    + " WHERE customer_id = ? ORDER BY created_at DESC, seq DESC FETCH FIRST ? ROWS ONLY")) {
                ps.setString(1, customerId);
                ps.setInt(2, limit);
                return conversations(ps);
            }
        });
    }

    private static List<Conversation> conversations(PreparedStatement ps) throws SQLException {
        List<Conversation> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(conversation(rs));
            }
        }
        return List.copyOf(result);
    }

    // ---------------------------------------------------------------- events

    @Override
    public void appendEvent(ConversationEvent event) {
        Objects.requireNonNull(event, "event");
        requireLength(event.id(), 64, "event id");
        call("append event " + event.id(), c -> {
            insertEvent(c, event);
            return null;
        });
    }

    private static void insertEvent(Connection c, ConversationEvent event) throws SQLException {
        requireLength(event.id(), 64, "event id");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_event (" + EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, event.id());
            ps.setString(2, event.conversationId());
            ps.setString(3, event.type().name());
            ps.setString(4, event.channel());
            Jdbc.setInstant(ps, 5, Jdbc.truncate(event.at()));
            ps.setString(6, TextMap.encode(event.data()));
            ps.executeUpdate();
        }
    }

    @Override
    public List<ConversationEvent> events(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return call("read the events of conversation " + conversationId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                    + " FROM conversation_event WHERE conversation_id = ? ORDER BY occurred_at, seq")) {
                ps.setString(1, conversationId);
                List<ConversationEvent> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new ConversationEvent(rs.getString("id"), EventType.valueOf(rs.getString("type")),
                                rs.getString("conversation_id"), rs.getString("channel"),
                                Jdbc.getInstant(rs, "occurred_at"), TextMap.decode(rs.getString("data"))));
                    }
                }
                return List.copyOf(result);
            }
        });
    }

    // ---------------------------------------------------------------- rows

    private static Optional<Customer> loadCustomer(Connection c, String customerId) throws SQLException {
        String displayName;
        String attributes;
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CUSTOMER_COLUMNS + " FROM customer WHERE id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                displayName = rs.getString("display_name");
                attributes = rs.getString("attributes");
                createdAt = Jdbc.getInstant(rs, "created_at");
            }
        }
        List<Identity> identities = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT channel, address FROM customer_identity"
                + " WHERE customer_id = ? ORDER BY created_at, channel, address")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    identities.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return Optional.of(new Customer(customerId, displayName, identities, TextMap.decode(attributes), createdAt));
    }

    private static Optional<Conversation> loadConversation(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CONVERSATION_COLUMNS
                + " FROM conversation WHERE id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(conversation(rs)) : Optional.empty();
            }
        }
    }

    private static void insertConversation(Connection c, Conversation conv) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation (" + CONVERSATION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, conv.id());
            ps.setString(2, conv.customerId());
            ps.setString(3, conv.channel());
            ps.setString(4, conv.address());
            ps.setString(5, conv.state().name());
            ps.setString(6, conv.queueId());
            ps.setString(7, conv.agentId());
            ps.setString(8, conv.intent());
            ps.setString(9, TextMap.encode(conv.context()));
            Jdbc.setInstant(ps, 10, conv.createdAt());
            Jdbc.setInstant(ps, 11, conv.updatedAt());
            ps.executeUpdate();
        }
    }

    private static void touchConversation(Connection c, String conversationId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversation SET updated_at = ? WHERE id = ?")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, conversationId);
            ps.executeUpdate();
        }
    }

    private static void insertAttachments(Connection c, Message m, List<io.pishkhan.api.channel.Attachment> files)
            throws SQLException {
        if (files == null || files.isEmpty()) {
            return;
        }
        if (files.size() > io.pishkhan.api.channel.Attachment.MAX_COUNT) {
            throw new IllegalArgumentException("more than " + io.pishkhan.api.channel.Attachment.MAX_COUNT
                    + " attachments on one message");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message_attachment (id, message_id,"
                + " conversation_id, file_name, content_type, size_bytes, content, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (io.pishkhan.api.channel.Attachment a : files) {
                ps.setString(1, newId());
                ps.setString(2, m.id());
                ps.setString(3, m.conversationId());
                ps.setString(4, truncate(a.fileName(), 200));
                ps.setString(5, truncate(a.contentType(), 200));
                ps.setLong(6, a.content().length);
                ps.setBytes(7, a.content());
                Jdbc.setInstant(ps, 8, m.createdAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Optional<Message> message(String messageId) {
        return call("read message " + messageId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(message(rs)) : Optional.<Message>empty();
                }
            }
        });
    }

    @Override
    public List<io.pishkhan.api.model.AttachmentInfo> attachments(String conversationId) {
        return call("read the attachments of " + conversationId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, message_id, file_name, content_type, size_bytes"
                    + " FROM message_attachment WHERE conversation_id = ? ORDER BY seq")) {
                ps.setString(1, conversationId);
                List<io.pishkhan.api.model.AttachmentInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.pishkhan.api.model.AttachmentInfo(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<byte[]> attachmentContent(String attachmentId) {
        return call("read attachment " + attachmentId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT content FROM message_attachment WHERE id = ?")) {
                ps.setString(1, attachmentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    private static void insertMessage(Connection c, Message m, String channel, String address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO message (" + MESSAGE_COLUMNS
                + ", channel, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, m.id());
            ps.setString(2, m.conversationId());
            ps.setString(3, m.direction().name());
            ps.setString(4, m.senderType().name());
            ps.setString(5, m.senderId());
            ps.setString(6, m.text());
            ps.setString(7, m.clientMessageId());
            Jdbc.setInstant(ps, 8, m.createdAt());
            ps.setString(9, channel);
            ps.setString(10, address);
            ps.executeUpdate();
        }
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("customer_id"), rs.getString("channel"),
                rs.getString("address"), ConversationState.valueOf(rs.getString("state")), rs.getString("queue_id"),
                rs.getString("agent_id"), rs.getString("intent"), TextMap.decode(rs.getString("context")),
                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "updated_at"));
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString("id"), rs.getString("conversation_id"),
                Direction.valueOf(rs.getString("direction")), SenderType.valueOf(rs.getString("sender_type")),
                rs.getString("sender_id"), rs.getString("text"), rs.getString("client_message_id"),
                Jdbc.getInstant(rs, "created_at"));
    }

    // ---------------------------------------------------------------- helpers

    private <T> T call(String what, Jdbc.Work<T> work) {
        try {
            return Jdbc.inTransaction(dataSource, work);
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the work in one transaction like {@link #call}, and runs it again (up to {@value #MAX_ATTEMPTS} times
     * in all) when it failed in a way a new attempt can fix: a unique violation caused by a concurrent insert of
     * the same key, a deadlock or serialization failure (SQLSTATE class 40), or a {@link ConcurrentChange} seen
     * under the locks. The next attempt reads what the other transaction committed.
     */
    private <T> T callRetrying(String what, Jdbc.Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return Jdbc.inTransaction(dataSource, work);
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && dialect.isRetryable(e)) {
                    LOG.debug("Retrying to {} after a concurrent change (attempt {} failed)", what, attempt, e);
                    continue;
                }
                throw new StoreException("could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A row this transaction depends on was changed by a concurrent transaction while it waited for a lock (a
     * customer merged away). SQLSTATE 40001 (serialization failure), so {@link Dialect#isRetryable} runs the
     * transaction again.
     */
    static final class ConcurrentChange extends SQLException {
        private static final long serialVersionUID = 1L;

        ConcurrentChange(String message) {
            super(message, "40001");
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static String validText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("message text must not be blank");
        }
        if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("message text has " + text.length() + " characters, at most "
                    + InboundMessage.MAX_TEXT_LENGTH + " are allowed");
        }
        return text;
    }

    private static String requireLength(String value, int max, String name) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return value;
    }

    private static void requireLengthOrNull(String value, int max, String name) {
        if (value != null) {
            requireLength(value, max, name);
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
