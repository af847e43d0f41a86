package io.pishkhan.api.routing;

import java.util.Map;
import java.util.Optional;

/** Blocked identities and patterns, checked for every inbound message. Managed by admins, every change audited. */
public interface BlacklistService {
    /**
     * The first entry matching the sender.
     *
     * @param attributes channel metadata: {@code ip}, {@code token}, {@code email}, {@code phone}
     */
    Optional<BlacklistEntry> match(String channel, String address, Map<String, String> attributes);
}
