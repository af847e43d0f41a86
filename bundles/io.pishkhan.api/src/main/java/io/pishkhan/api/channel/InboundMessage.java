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
 * @param attributes      channel specific metadata (language, IP, subject...)
 */
public record InboundMessage(String channel, String address, String displayName, String text, String clientMessageId,
        Map<String, String> attributes) {
    /** Longest text accepted; channels reject longer input with a clear error before calling the core. */
    public static final int MAX_TEXT_LENGTH = 16_000;

    public InboundMessage {
        Objects.requireNonNull(text, "text");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public Identity identity() {
        return new Identity(channel, address);
    }
}
