package io.pishkhan.core.internal;

import static io.pishkhan.core.internal.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.analytics.EventType;
import io.pishkhan.api.conversation.ConversationListener;
import io.pishkhan.api.conversation.Receipt;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.ConversationState;
import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Presence;
import io.pishkhan.api.model.SenderType;
import io.pishkhan.api.model.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Offers, accept/decline/timeout, transfer, notes, identify and listeners. */
class OfferTest extends PipelineTestBase {
    @Override
    int offerTimeout() {
        return 30;
    }

    private Conversation state(Receipt r) {
        return pipeline.conversation(r.conversationId()).orElseThrow();
    }

    private Receipt offered(String from) {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        Receipt r = send(from, "I need a person");
        await("offered", () -> state(r).state() == ConversationState.OFFERED);
        return r;
    }

    @Test
    void acceptedOfferIsAssignedAndTheCustomerIsTold() {
        Receipt r = offered("u");
        assertEquals("alice", state(r).agentId());
        assertTrue(delivered.stream().noneMatch(m -> m.text().contains("joined")), "no notice before accepting");
        assertThrows(IllegalStateException.class, () -> pipeline.accept(r.conversationId(), "bob"));
        Conversation c = pipeline.accept(r.conversationId(), "alice");
        assertEquals(ConversationState.ASSIGNED, c.state());
        await("notice", () -> delivered.stream().anyMatch(m -> m.text().equals("alice has joined the conversation.")));
        assertTrue(eventTypes(r.conversationId()).containsAll(List.of(EventType.OFFERED, EventType.ASSIGNED)));
    }

    @Test
    void declinedOfferGoesToAnotherAgent() {
        Receipt r = offered("u");
        Conversation c = pipeline.decline(r.conversationId(), "alice");
        assertEquals(ConversationState.OFFERED, c.state());
        assertEquals("bob", c.agentId(), "the next agent gets it");
        assertEquals("alice", c.context().get("declined.by"));
        assertTrue(eventTypes(r.conversationId()).contains(EventType.DECLINED));
    }

    @Test
    void unansweredOfferTimesOutToTheNextAgent() {
        Receipt r = offered("u");
        clock.advance(java.time.Duration.ofSeconds(31));
        await("re-offered to bob after the timeout", () -> "bob".equals(state(r).agentId()));
        assertEquals(ConversationState.OFFERED, state(r).state());
    }

    @Test
    void agentGoingAwayGivesHisOffersBack() {
        Receipt r = offered("u");
        directory.setPresence("alice", Presence.AWAY);
        await("offer moved to bob", () -> "bob".equals(state(r).agentId()));
    }

    @Test
    void offersCountAgainstCapacity() {
        extensions.bindStrategy(firstWithCapacity("first"), Map.of());
        List<Receipt> all = List.of(send("a", "one"), send("b", "two"), send("c", "three"));
        // the lanes run in parallel: any two get the offers (one per agent, capacity 1), the third waits
        java.util.function.Supplier<List<Conversation>> states = () -> all.stream().map(this::state).toList();
        TestSupport.await(() -> "two offered, one waiting: " + states.get().stream().map(x -> x.state() + "/" + x.agentId()).toList(),
                () -> states.get().stream().filter(x -> x.state() == ConversationState.OFFERED).count() == 2
                        && states.get().stream().filter(x -> x.state() == ConversationState.QUEUED).count() == 1);
        try {
            Thread.sleep(500); // several dispatch rounds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Conversation> now = states.get();
        assertEquals(1, now.stream().filter(x -> x.state() == ConversationState.QUEUED).count(), "still waiting");
        assertEquals(java.util.Set.of("alice", "bob"), now.stream().filter(x -> x.state() == ConversationState.OFFERED)
                .map(Conversation::agentId).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void transferToAnotherAgentOffersItToHimWithTheContext() {
        Receipt r = offered("u");
        pipeline.accept(r.conversationId(), "alice");
        assertThrows(IllegalArgumentException.class, () -> pipeline.transfer(r.conversationId(), "alice", "general", "bob"));
        Conversation moved = pipeline.transfer(r.conversationId(), "alice", null, "bob");
        assertEquals(ConversationState.OFFERED, moved.state());
        assertEquals("bob", moved.agentId());
        assertEquals("alice", moved.context().get("transferred.from"));
        assertTrue(eventTypes(r.conversationId()).contains(EventType.TRANSFERRED));
    }

    @Test
    void notesAreStoredButNeverSent() {
        Receipt r = offered("u");
        pipeline.accept(r.conversationId(), "alice");
        Message note = pipeline.addNote(r.conversationId(), "alice", "customer seems upset");
        assertEquals(Direction.INTERNAL, note.direction());
        assertTrue(pipeline.transcript(r.conversationId()).contains(note));
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(delivered.stream().noneMatch(m -> m.text().equals("customer seems upset")), "a note never reaches the customer");
    }

    @Test
    void identifyJoinsAnExistingCustomersHistory() {
        Receipt email = pipeline.receive(new io.pishkhan.api.channel.InboundMessage("email", "sara@example.ir", "Sara", "hi", null, Map.of()));
        Receipt web = send("visitor-token-1", "hello from the web");
        var customer = pipeline.identify(web.conversationId(), new Identity("email", "sara@example.ir"), "Sara");
        assertEquals(email.customerId(), customer.id());
        assertEquals(email.customerId(), state(web).customerId());
        assertEquals(2, pipeline.conversationsOfCustomer(email.customerId(), 10).size());
    }

    @Test
    void listenersSeeMessagesEventsAndSignals() {
        List<String> seen = new CopyOnWriteArrayList<>();
        extensions.bindListener(new ConversationListener() {
            @Override
            public void onEvent(io.pishkhan.api.analytics.ConversationEvent event, Conversation conversation) {
                seen.add("event:" + event.type());
            }

            @Override
            public void onMessage(Message message, Conversation conversation) {
                seen.add("message:" + message.senderType());
            }

            @Override
            public void onSignal(Signal signal, Conversation conversation) {
                seen.add("signal:" + signal.type());
            }
        });
        Receipt r = offered("u");
        pipeline.signal(r.conversationId(), new Signal(Signal.Type.TYPING, SenderType.CUSTOMER, "u", null, Instant.now()));
        await("listener saw everything", () -> seen.containsAll(List.of("message:CUSTOMER", "event:RECEIVED",
                "event:OFFERED", "signal:TYPING")));
    }
}
