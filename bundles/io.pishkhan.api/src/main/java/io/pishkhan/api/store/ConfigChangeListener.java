package io.pishkhan.api.store;

/**
 * Whiteboard listener told after a {@link ConfigStore} entry was created, replaced or deleted (committed), whoever
 * changed it: the console, the REST API or a configuration import. Services that cache entries of a kind (the agent
 * directory, business hours, the blacklist) reload them here, so a change takes effect without a restart.
 *
 * <p>Register as an OSGi service with {@link #PROP_KINDS} naming the kinds of interest (all kinds when absent).
 * Called on the thread that changed the entry; must be quick and must not call back into the store's write methods.
 */
@FunctionalInterface
public interface ConfigChangeListener {
    /** Service property: the entry kinds ({@code queue}, {@code schedule}, ...) the listener wants. */
    String PROP_KINDS = "pishkhan.config.kinds";

    void configChanged(String kind, String id);
}
