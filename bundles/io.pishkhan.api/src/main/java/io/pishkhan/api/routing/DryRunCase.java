package io.pishkhan.api.routing;

/**
 * One conversation replayed in a dry run: what the rules saw, and where it actually went.
 *
 * @param actualQueue   the queue it was routed to
 * @param actualVersion the rule set version that routed it ({@code null}: none)
 */
public record DryRunCase(TriageInput input, String actualQueue, String actualVersion) {
}
