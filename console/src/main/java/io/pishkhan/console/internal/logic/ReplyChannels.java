package io.pishkhan.console.internal.logic;

import io.pishkhan.api.model.Conversation;
import io.pishkhan.api.model.Identity;
import io.pishkhan.api.model.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which of a customer's addresses an agent's reply goes to, and the cross-channel timeline of his messages. */
public final class ReplyChannels {
    private ReplyChannels() {
    }

    /** The addresses to pick from: the conversation's own first, then his other identities. */
    public static List<Identity> choices(List<Identity> identities, Identity conversation) {
        List<Identity> out = new ArrayList<>();
        out.add(conversation);
        identities.stream().filter(i -> !i.equals(conversation)).forEach(out::add);
        return out;
    }

    /**
     * Where the customer wrote last: the channel and address of his most recently updated conversation, when that is
     * one of his identities; else the conversation's own address.
     */
    public static Identity lastUsed(List<Conversation> conversations, List<Identity> identities, Identity fallback) {
        return conversations.stream().filter(c -> c.updatedAt() != null)
                .max(Comparator.comparing(Conversation::updatedAt))
                .map(c -> new Identity(c.channel(), c.address()))
                .filter(identities::contains)
                .orElse(fallback);
    }

    /** "channel:address" (e.g. {@code email:sara@example.com}) as an identity; empty when malformed. */
    public static Optional<Identity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String channel = text.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        String address = text.substring(colon + 1).strip();
        return channel.isEmpty() || address.isEmpty() ? Optional.empty() : Optional.of(new Identity(channel, address));
    }

    /** One line of the timeline: a message and the channel of its conversation. */
    public record Entry(Message message, String channel, String conversationId) {
    }

    /** Every message of these conversations in time order (oldest first), each with its conversation's channel. */
    public static List<Entry> timeline(List<Conversation> conversations, Map<String, List<Message>> transcripts) {
        List<Entry> out = new ArrayList<>();
        for (Conversation c : conversations) {
            for (Message m : transcripts.getOrDefault(c.id(), List.of())) {
                out.add(new Entry(m, c.channel(), c.id()));
            }
        }
        out.sort(Comparator.comparing((Entry e) -> e.message().createdAt(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }
}
