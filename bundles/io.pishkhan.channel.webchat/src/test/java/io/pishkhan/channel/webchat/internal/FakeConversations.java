package io.pishkhan.channel.webchat.internal;

import io.pishkhan.api.channel.InboundMessage;
import io.pishkhan.api.conversation.ConversationService;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Customer;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory ConversationService: one open conversation per (channel, address), idempotent on clientMessageId. */
class FakeConversations implements ConversationService {
    final Map<String, Conversation> convs = new HashMap<>();
    final Map<String, List<Message>> messages = new HashMap<>();
    final Map<String, Receipt> byClientId = new HashMap<>();
    final List<String> identified = new CopyOnWriteArrayList<>();
    final List<Signal> signals = new CopyOnWriteArrayList<>();
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    private int ids;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Receipt receive(InboundMessage m) {
        String key = m.channel() + "|" + m.address() + "|" + m.clientMessageId();
        Receipt old = byClientId.get(key);
        if (old != null) {
            return new Receipt(old.customerId(), old.conversationId(), old.messageId(), true);
        }
        received.add(m);
        Conversation c = convs.values().stream()
                .filter(x -> x.isOpen() && x.channel().equals(m.channel()) && x.address().equals(m.address())).findFirst()
                .orElseGet(() -> open(m.channel(), m.address()));
        Message msg = add(c.id(), Direction.INBOUND, SenderType.CUSTOMER, m.text(), m.clientMessageId());
        Receipt r = new Receipt(c.customerId(), c.id(), msg.id(), false);
        byClientId.put(key, r);
        return r;
    }

    synchronized Conversation open(String channel, String address) {
        clock = clock.plusSeconds(1);
        Conversation c = new Conversation("conv-" + (++ids), "cust-" + address, channel, address, ConversationState.BOT,
                null, null, null, null, clock, clock);
        convs.put(c.id(), c);
        messages.put(c.id(), new ArrayList<>());
        return c;
    }

    synchronized void resolve(Conversation c) {
        convs.put(c.id(), c.withState(ConversationState.RESOLVED, null, null, clock));
    }

    synchronized Message add(String conv, Direction d, SenderType s, String text, String clientId) {
        return add(conv, d, s, "x", text, clientId);
    }

    synchronized Message add(String conv, Direction d, SenderType s, String senderId, String text, String clientId) {
        Message m = new Message("msg-" + (++ids), conv, d, s, senderId, text, clientId, Instant.now());
        messages.get(conv).add(m);
        return m;
    }

    @Override
    public synchronized Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(convs.get(id));
    }

    @Override
    public synchronized List<Message> transcript(String id) {
        return List.copyOf(messages.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized List<Conversation> conversationsOfCustomer(String customerId, int limit) {
        return convs.values().stream().filter(c -> c.customerId().equals(customerId))
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).limit(limit).toList();
    }

    @Override
    public Customer identify(String conversationId, Identity identity, String displayName) {
        identified.add(conversationId + "|" + identity.channel() + "|" + identity.address() + "|" + displayName);
        return null;
    }

    @Override
    public void signal(String conversationId, Signal signal) {
        signals.add(signal);
    }

    @Override
    public Message replyAsAgent(String c, String a, String t) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Conversation resolve(String c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Conversation accept(String c, String a) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Conversation decline(String c, String a) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Conversation transfer(String c, String b, String q, String a) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Message addNote(String c, String a, String t) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Customer> customer(String id) {
        return Optional.empty();
    }

    @Override
    public List<Conversation> conversationsOfAgent(String a) {
        return List.of();
    }

    @Override
    public List<Conversation> conversations(ConversationState s, int limit) {
        return List.of();
    }

    final List<String> abandoned = new CopyOnWriteArrayList<>();
    final List<String> feedbacks = new CopyOnWriteArrayList<>();

    synchronized void setState(String id, ConversationState state) {
        Conversation c = convs.get(id);
        convs.put(id, c.withState(state, "general", state == ConversationState.ASSIGNED ? "sara" : null, clock));
    }

    @Override
    public synchronized boolean abandon(String conversationId, String reason) {
        Conversation c = convs.get(conversationId);
        if (c == null || (c.state() != ConversationState.QUEUED && c.state() != ConversationState.OFFERED)) {
            return false;
        }
        convs.put(c.id(), c.withState(ConversationState.RESOLVED, c.queueId(), null, clock));
        abandoned.add(conversationId + "|" + reason);
        return true;
    }

    @Override
    public synchronized void feedback(String conversationId, String messageId, boolean helpful) {
        Message m = messages.getOrDefault(conversationId, List.of()).stream().filter(x -> x.id().equals(messageId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no message " + messageId));
        if (m.direction() != Direction.OUTBOUND || m.senderType() != SenderType.BOT) {
            throw new IllegalArgumentException("not a bot answer");
        }
        feedbacks.add(conversationId + "|" + messageId + "|" + helpful);
    }
}
