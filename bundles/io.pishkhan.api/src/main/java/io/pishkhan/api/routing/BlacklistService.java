package io.pishkhan.api.routing;

import io.pishkhan.api.store.AuditRecord;
import java.util.List;
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

    // ---- administration ----

    /** All entries in match order: {@code BLOCK} before {@code LOW_PRIORITY}, then oldest first. */
    List<BlacklistEntry> entries();

    /** Problems of an entry (unknown kind, empty pattern, bad CIDR, a glob of only {@code *}...); empty if valid. */
    List<String> validate(BlacklistEntry entry);

    /**
     * Validates and stores an entry, audited with the actor and comment. The service sets {@code createdBy} and
     * {@code createdAt}, and the id when it is {@code null} (an existing id replaces that entry).
     *
     * @throws PolicyValidationException when {@link #validate(BlacklistEntry)} finds problems
     */
    BlacklistEntry add(BlacklistEntry entry, String actor, String comment);

    /** Removes an entry, audited; false when there was none with that id. */
    boolean remove(String id, String actor, String comment);

    /** Changes to the blacklist, newest first. */
    List<AuditRecord> audit(int limit);
}
