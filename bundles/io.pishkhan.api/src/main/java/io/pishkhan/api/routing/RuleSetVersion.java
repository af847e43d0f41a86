package io.pishkhan.api.routing;

import java.time.Instant;

/** One saved version of the routing rule set (every deploy keeps one; rollback re-deploys an old one). */
public record RuleSetVersion(int version, String source, String author, Instant createdAt, String comment) {
}
