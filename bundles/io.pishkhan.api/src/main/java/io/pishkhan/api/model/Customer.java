package io.pishkhan.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A person the contact centre talks to. One customer keeps one profile and one history across channels: each
 * channel address he used is one {@link Identity}.
 *
 * @param id         stable id assigned by the store
 * @param displayName the name the customer gave, or the channel address when unknown
 * @param identities every (channel, address) known for this customer
 * @param attributes free attributes (e.g. {@code tier=vip}, {@code language=fa}) used by triage and the desktop
 */
public record Customer(String id, String displayName, List<Identity> identities, Map<String, String> attributes,
        Instant createdAt) {
    public Customer {
        Objects.requireNonNull(id, "id");
        identities = List.copyOf(identities);
        attributes = Map.copyOf(attributes);
    }
}
