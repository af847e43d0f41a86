package io.pishkhan.api.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One address of a customer on one channel (a web chat visitor token, an email address, a phone number, a
 * messenger user id). The pair (channel, address) is unique: it identifies exactly one customer.
 */
public record Identity(String channel, String address) {
    public Identity {
        channel = requireText(channel, "channel").toLowerCase(Locale.ROOT);
        address = requireText(address, "address");
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return trimmed;
    }
}
