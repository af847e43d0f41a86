package io.pishkhan.api.bot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chatbot engine's answer to one message.
 *
 * @param outcome      answer the customer, or hand the conversation to a human
 * @param text         text for the customer (an answer, or a short handoff notice); may be {@code null} on handoff
 * @param intent       the detected intent, or {@code null}
 * @param confidence   0..1
 * @param data         data collected so far (slots), handed to the agent with the transcript
 * @param quickReplies suggested answers a channel may render as buttons
 */
public record BotReply(Outcome outcome, String text, String intent, double confidence, Map<String, String> data,
        List<String> quickReplies) {
    public enum Outcome {
        ANSWER,
        HANDOFF
    }

    public BotReply {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.ANSWER && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("an ANSWER needs text");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be within 0..1");
        }
        data = data == null ? Map.of() : Map.copyOf(data);
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    public static BotReply answer(String text, String intent, double confidence) {
        return new BotReply(Outcome.ANSWER, text, intent, confidence, Map.of(), List.of());
    }

    /** Hand off to a human; {@code reason} is kept with the conversation's context for the agent. */
    public static BotReply handoff(String text, String intent, double confidence, String reason) {
        return new BotReply(Outcome.HANDOFF, text, intent, confidence,
                reason == null ? Map.of() : Map.of("handoff.reason", reason), List.of());
    }
}
