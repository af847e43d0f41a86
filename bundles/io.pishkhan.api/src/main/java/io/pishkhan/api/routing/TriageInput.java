package io.pishkhan.api.routing;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Customer;
import java.time.Instant;
import java.util.Objects;

/**
 * What triage and routing rules see of a conversation handed off by the bot.
 *
 * @param customer   the customer's profile ({@code attributes} such as {@code tier=vip}); may be {@code null}
 * @param text       the customer's last message
 * @param intent     the intent the bot detected, or {@code null}
 * @param confidence the bot's confidence 0-1 in that intent
 * @param sentiment  -1 (angry) .. +1 (happy), {@code null} when no analyser rated it
 * @param now        the routing clock
 */
public record TriageInput(Conversation conversation, Customer customer, String text, String intent, double confidence,
        Double sentiment, Instant now) {
    public TriageInput {
        Objects.requireNonNull(conversation, "conversation");
        text = text == null ? "" : text;
        now = now != null ? now : conversation.updatedAt();
    }
}
