package io.pishkhan.api.routing;

import java.util.Map;

/**
 * Where triage sends a conversation.
 *
 * @param queueId        target queue, {@code null}: the channel's / appliance's default queue
 * @param priority       base priority (added to the queue's)
 * @param requiredSkills skill id to minimum level 1-10
 * @param ruleVersion    the rule set version that decided ({@code null}: no rules deployed)
 * @param ruleName       the rule that matched ({@code null}: none matched, defaults applied)
 * @param tags           extra context entries the rule set adds to the conversation (shown to the agent)
 * @param error          non-null when a rule failed at run time for this conversation: the conversation then goes
 *                       to the queue's fallback and an alert is raised; nothing is dropped
 */
public record TriageResult(String queueId, int priority, Map<String, Integer> requiredSkills, String ruleVersion,
        String ruleName, Map<String, String> tags, String error) {
    public TriageResult {
        requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static TriageResult defaults(String ruleVersion) {
        return new TriageResult(null, 0, Map.of(), ruleVersion, null, Map.of(), null);
    }

    public boolean failed() {
        return error != null;
    }
}
