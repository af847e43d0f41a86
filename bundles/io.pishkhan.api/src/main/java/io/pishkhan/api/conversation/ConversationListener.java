package io.pishkhan.api.conversation;

import io.pishkhan.api.analytics.ConversationEvent;
import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.Signal;

/**
 * Whiteboard service for live views (the agent desktop, the supervisor wallboard): the core calls every listener
 * after a change is stored. Calls come from pipeline threads: a listener must return at once (hand work to its own
 * executor or UI access queue) and must not throw.
 */
public interface ConversationListener {
    /** A step of a conversation was stored (received, queued, offered, assigned, resolved...). */
    default void onEvent(ConversationEvent event, Conversation conversation) {
    }

    /** A message was stored: inbound, outbound (bot, agent, system) or an internal note. */
    default void onMessage(Message message, Conversation conversation) {
    }

    /** An ephemeral signal (typing, read) about a conversation. */
    default void onSignal(Signal signal, Conversation conversation) {
    }
}
