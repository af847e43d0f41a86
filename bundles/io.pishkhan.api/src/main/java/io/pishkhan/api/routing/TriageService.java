package io.pishkhan.api.routing;

/**
 * The routing policy: decides, once per conversation when the bot hands it off, its queue, priority and required
 * skills (rule sets, triage). The core calls it exactly once per handoff; it must be thread-safe and never throw
 * (a failing rule gives a result with {@link TriageResult#error()}).
 */
public interface TriageService {
    TriageResult triage(TriageInput input);
}
