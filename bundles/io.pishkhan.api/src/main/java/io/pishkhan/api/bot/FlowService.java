package io.pishkhan.api.bot;

import java.util.List;
import java.util.Optional;

/**
 * Bot flows as data, one per intent (JSON): the slots to ask for, an action (a Camel endpoint URI such as an HTTP
 * call to a CRM), and the answer template. Edited by admins in the console; a saved flow is used from the next
 * message on. Every change is audited with its actor.
 */
public interface FlowService {
    /** The flows' JSON sources by intent, ordered by intent. */
    List<String> flows();

    Optional<String> flow(String intent);

    /** Problems of a draft (malformed JSON with its line, unknown slot type, missing prompt...); empty when valid. */
    List<String> validate(String json);

    /** Validates and saves (replacing the flow of the same intent); invalid drafts are an IllegalArgumentException. */
    String save(String json, String actor);

    boolean delete(String intent, String actor);
}
