package io.pishkhan.api.routing;

import java.util.List;

/**
 * Routing rules as data: admins edit an ordered rule set (JSON) whose conditions are sandboxed expressions,
 * validate it, dry-run it against past conversations, deploy it atomically (or as a canary on a share of new
 * conversations) and roll back. Every deployed version is kept with author, time and comment.
 */
public interface RuleSetService {
    /** Syntax and reference errors of a draft (unknown queue or skill), each with its line; empty when valid. */
    List<RuleProblem> validate(String source);

    /** What the draft would have decided for each case, next to what happened. Never changes live routing. */
    DryRunResult dryRun(String source, List<DryRunCase> cases);

    /** Validates, saves as a new version and makes it the active rule set for every new handoff. */
    RuleSetVersion deploy(String source, String author, String comment) throws RuleSetException;

    /** Saves the draft as a new version and tries it on {@code percent} % of new conversations. */
    RuleSetVersion startCanary(String source, int percent, String author, String comment) throws RuleSetException;

    /** Ends the canary; {@code promote} makes the canary version the active one. */
    RuleDeployment endCanary(boolean promote, String author);

    /** Makes an earlier version active again (kept as a deployment, not a new version). */
    RuleDeployment rollback(int version, String author);

    List<RuleSetVersion> versions();

    RuleDeployment deployment();
}
