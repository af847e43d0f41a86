package io.pishkhan.api.routing;

import java.time.Instant;

/**
 * Which rule set versions are live.
 *
 * @param activeVersion the version every conversation gets (0: none deployed, triage defaults)
 * @param canaryVersion a version tried on a share of new conversations, {@code 0} when no canary runs
 * @param canaryPercent that share, 0-100
 */
public record RuleDeployment(int activeVersion, int canaryVersion, int canaryPercent, String author, Instant at) {
    public static final RuleDeployment NONE = new RuleDeployment(0, 0, 0, null, null);
}
