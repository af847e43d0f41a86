package io.pishkhan.api.store;

import java.time.Instant;

/**
 * One audited admin change.
 *
 * @param action {@code create}, {@code update}, {@code delete}, {@code deploy}, {@code rollback}...
 * @param detail the new JSON or a short description
 */
public record AuditRecord(long seq, Instant at, String actor, String kind, String entityId, String action,
        String detail) {
}
