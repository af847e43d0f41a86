package io.pishkhan.api.model;

/**
 * A queue conversations wait in for an agent.
 *
 * @param priority higher is served first
 */
public record Queue(String id, String name, int priority) {
    public Queue {
        id = Identity.requireText(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }
}
