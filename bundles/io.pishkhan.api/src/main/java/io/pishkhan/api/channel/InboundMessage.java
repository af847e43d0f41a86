package io.pishkhan.api.channel;

import io.pishkhan.api.model.Identity;
import java.util.Map;
import java.util.Objects;

/**
 * A message a channel received from a customer, before it is stored.
 *
 * @param channel         the channel id (e.g. {@code loopback}, {@code webchat}, {@code email})
 * @param address         the customer's address on that channel
 * @param displayName     the name the channel knows, or {@code null}
 * @param text            the message text (not blank, at most {@link #MAX_TEXT_LENGTH} characters)
 * @param clientMessageId the channel's id for this message; a retry with the same id is stored only once. May be
 *                        {@code null} when the channel has none.
 * @param attributes      channel specific metadata (language, IP, subject...); see the {@code ATTR_} keys
 * @param attachments     files sent with the message (at most {@link Attachment#MAX_COUNT}), stored with it
 */
public record InboundMessage(String channel, String address, String displayName, String text, String clientMessageId,
        Map<String, String> attributes, java.util.List<Attachment> attachments) {
    /** Longest text accepted; channels reject longer input with a clear error before calling the core. */
    public static final int MAX_TEXT_LENGTH = 16_000;

    public InboundMessage {
        Objects.requireNonNull(text, "text");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
    }

    /** A message without attachments. */
    public InboundMessage(String channel, String address, String displayName, String text, String clientMessageId,
            Map<String, String> attributes) {
        this(channel, address, displayName, text, clientMessageId, attributes, java.util.List.of());
    }

    /**
     * Attribute: the id of the conversation the channel believes this message continues (e.g. an email reply whose
     * In-Reply-To names a message the appliance sent). The core uses it when it is an open conversation of the same
     * customer; otherwise the message goes where it would without it.
     */
    public static final String ATTR_THREAD = "pishkhan.thread";
    /** Attribute: the subject (email), shown to agents. */
    public static final String ATTR_SUBJECT = "subject";
    /** Attribute: the language the channel knows ({@code fa}, {@code en}). */
    public static final String ATTR_LANG = "lang";

    public Identity identity() {
        return new Identity(channel, address);
    }
}
