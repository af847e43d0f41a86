package io.pishkhan.sdk;

import java.util.Map;

/**
 * A customer's message as the gateway gave it.
 *
 * @param address         the customer's address on this channel (a phone number, a chat id)
 * @param displayName     the name the gateway knows, or null
 * @param text            the text
 * @param clientMessageId the gateway's id of the message: a repeated delivery with the same id is stored once
 * @param attributes      anything else worth keeping (language, ...), may be null
 */
public record IncomingMessage(String address, String displayName, String text, String clientMessageId,
        Map<String, String> attributes) {
    public IncomingMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
