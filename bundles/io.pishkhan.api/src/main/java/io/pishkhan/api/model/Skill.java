package io.pishkhan.api.model;

/** A skill agents can have and conversations can require (e.g. {@code cards}, {@code loans}, {@code lang-fa}). */
public record Skill(String id, String name) {
    public Skill {
        id = Identity.requireText(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }
}
