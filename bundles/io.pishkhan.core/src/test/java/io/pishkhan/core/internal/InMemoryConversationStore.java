package io.pishkhan.core.internal;

import io.pishkhan.api.analytics.ConversationEvent;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A synchronized in-memory ConversationStore for unit tests of the core. */
class InMemoryConversationStore implements ConversationStore {
    final Map<String, Customer> customers = new LinkedHashMap<>();
    final Map<Identity, String> identities = new HashMap<>();
    final Map<String, Conversation> conversations = new LinkedHashMap<>();
    final List<Message> messages = new ArrayList<>();
    final List<ConversationEvent> events = new ArrayList<>();
    final Map<String, Message> byClientId = new HashMap<>();

    @Override
    public synchronized InboundRecord recordInbound(InboundMessage m, Instant at) {
        if (m.text().isBlank() || m.text().length() > InboundMessage.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("bad text");
        }
        Identity id = m.identity();
        String key = m.clientMessageId() == null ? null : id + "/" + m.clientMessageId();
        String customerId = identities.computeIfAbsent(id, i -> {
            String cid = UUID.randomUUID().toString();
            customers.put(cid, new Customer(cid, m.displayName() == null ? m.address() : m.displayName(), List.of(i), Map.of(), at));
            return cid;
        });
        Customer cu = customers.get(customerId);
        if (key != null && byClientId.containsKey(key)) {
            Message old = byClientId.get(key);
            return new InboundRecord(cu, conversations.get(old.conversationId()), old, false, true);
        }
        Conversation c = conversations.values().stream()
                .filter(x -> x.customerId().equals(customerId) && x.channel().equals(id.channel()) && x.isOpen())
                .reduce((a, b) -> b).orElse(null);
        String target = m.attributes().get("pishkhan.survey.conversationId");
        if (c == null && target != null) { // a survey answer: the resolved conversation that asked, if still asking
            Conversation t = conversations.get(target);
            String st = t == null ? null : t.context().get("survey.state");
            if (t != null && t.customerId().equals(customerId) && t.channel().equals(id.channel()) && !t.isOpen()
                    && ("sent".equals(st) || "scored".equals(st))) {
                Message msg = new Message(UUID.randomUUID().toString(), t.id(), Direction.INBOUND, SenderType.CUSTOMER,
                        customerId, m.text(), m.clientMessageId(), at);
                messages.add(msg);
                if (key != null) {
                    byClientId.put(key, msg);
                }
                return new InboundRecord(cu, t, msg, false, false);
            }
        }
        boolean created = c == null;
        if (created) {
            c = new Conversation(UUID.randomUUID().toString(), customerId, id.channel(), id.address(),
                    ConversationState.BOT, null, null, null, Map.of(), at, at);
            conversations.put(c.id(), c);
        }
        Message msg = new Message(UUID.randomUUID().toString(), c.id(), Direction.INBOUND, SenderType.CUSTOMER,
                customerId, m.text(), m.clientMessageId(), at);
        messages.add(msg);
        if (key != null) {
            byClientId.put(key, msg);
        }
        return new InboundRecord(cu, c, msg, created, false);
    }

    @Override
    public synchronized Message appendOutbound(String conversationId, SenderType senderType, String senderId, String text, Instant at) {
        Message msg = new Message(UUID.randomUUID().toString(), conversationId, Direction.OUTBOUND, senderType, senderId, text, null, at);
        messages.add(msg);
        return msg;
    }

    @Override
    public synchronized Optional<Customer> customer(String customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public synchronized Optional<Customer> customerByIdentity(Identity identity) {
        return Optional.ofNullable(identities.get(identity)).map(customers::get);
    }

    @Override
    public synchronized Optional<Conversation> conversation(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public synchronized List<Conversation> conversations(ConversationState state, int limit) {
        return conversations.values().stream().filter(c -> c.state() == state)
                .sorted(Comparator.comparing(Conversation::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean updateConversation(Conversation updated, ConversationState expected) {
        Conversation old = conversations.get(updated.id());
        if (old == null || old.state() != expected) {
            return false;
        }
        conversations.put(updated.id(), updated);
        return true;
    }

    @Override
    public synchronized java.util.Optional<Message> message(String messageId) {
        return messages.stream().filter(m -> m.id().equals(messageId)).findFirst();
    }

    @Override
    public synchronized List<Message> messages(String conversationId) {
        return messages.stream().filter(m -> m.conversationId().equals(conversationId)).toList();
    }

    @Override
    public synchronized Map<String, Integer> activeConversationsByAgent() {
        Map<String, Integer> out = new HashMap<>();
        conversations.values().stream().filter(c -> c.state() == ConversationState.ASSIGNED || c.state() == ConversationState.OFFERED)
                .forEach(c -> out.merge(c.agentId(), 1, Integer::sum));
        return out;
    }

    @Override
    public synchronized List<Conversation> conversationsOfAgent(String agentId) {
        return conversations.values().stream().filter(c -> agentId.equals(c.agentId())
                && (c.state() == ConversationState.ASSIGNED || c.state() == ConversationState.OFFERED))
                .sorted(Comparator.comparing(Conversation::createdAt)).toList();
    }

    @Override
    public synchronized List<Conversation> conversationsOfCustomer(String customerId, int limit) {
        return conversations.values().stream().filter(c -> c.customerId().equals(customerId))
                .sorted(Comparator.comparing(Conversation::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized Message appendNote(String conversationId, String agentId, String text, Instant at) {
        Message msg = new Message(UUID.randomUUID().toString(), conversationId, Direction.INTERNAL, SenderType.AGENT, agentId, text, null, at);
        messages.add(msg);
        return msg;
    }

    @Override
    public synchronized Customer identify(String conversationId, Identity identity, String displayName) {
        Conversation c = conversations.get(conversationId);
        Customer current = customers.get(c.customerId());
        String owner = identities.get(identity);
        if (owner != null && !owner.equals(current.id())) {
            identities.replaceAll((i, cid) -> cid.equals(current.id()) ? owner : cid);
            conversations.replaceAll((id, x) -> x.customerId().equals(current.id()) ? new Conversation(x.id(), owner,
                    x.channel(), x.address(), x.state(), x.queueId(), x.agentId(), x.intent(), x.context(), x.createdAt(), x.updatedAt()) : x);
            customers.remove(current.id());
            return customers.get(owner);
        }
        identities.put(identity, current.id());
        List<Identity> ids = new java.util.ArrayList<>(current.identities());
        if (!ids.contains(identity)) {
            ids.add(identity);
        }
        Customer updated = new Customer(current.id(), displayName == null ? current.displayName() : displayName, ids,
                current.attributes(), current.createdAt());
        customers.put(current.id(), updated);
        return updated;
    }

    @Override
    public synchronized void appendEvent(ConversationEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<ConversationEvent> events(String conversationId) {
        return events.stream().filter(e -> e.conversationId().equals(conversationId)).toList();
    }
}
