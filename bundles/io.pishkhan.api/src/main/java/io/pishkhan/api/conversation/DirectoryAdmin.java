package io.pishkhan.api.conversation;

import io.pishkhan.api.model.Agent;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.store.AuditRecord;
import java.util.List;

/**
 * Admin changes to the routing directory: queues, skills and agents' routing profiles (skills with proficiency,
 * queues served, capacity overall and per channel). Kept in the database and applied at once, without restart;
 * every change is audited with its actor. Entries shipped in configuration files are defaults that the database
 * overrides. Invalid input (unknown skill, level outside 1-10, capacity outside 0-50) is an
 * {@link IllegalArgumentException} with a clear message.
 */
public interface DirectoryAdmin {
    Queue saveQueue(Queue queue, String actor);

    /** Deletes a queue kept in the database; false when none was (queues from configuration files stay). */
    boolean deleteQueue(String queueId, String actor);

    Skill saveSkill(Skill skill, String actor);

    boolean deleteSkill(String skillId, String actor);

    /** Creates or updates an agent's profile (name, skills, queues, capacity, channel capacity); presence is kept. */
    Agent saveAgent(Agent agent, String actor);

    /** Newest first: changes to queues, skills and agents. */
    List<AuditRecord> auditLog(int limit);
}
