package io.pishkhan.api.admin;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Install, start, stop, update and remove plugins at runtime, without restarting the appliance. Conversations in
 * flight are not lost while a plugin is swapped: the core keeps them and resumes when an extension is back.
 */
public interface PluginService {
    /** Pishkhan plugins (bundles of the product and vendor bundles that provide extensions), by name. */
    List<PluginInfo> plugins();

    Optional<PluginInfo> plugin(long id);

    /** The actor audited by the methods without one (scripts, tests). */
    String SYSTEM_ACTOR = "system";

    /**
     * Installs and starts an uploaded plugin: an OSGi bundle jar, a Karaf .kar archive, or a PF4J vendor plugin (zip,
     * or a jar whose manifest names a {@code Plugin-Id}). A file that is not a plugin, is unsigned, or fails to start
     * is refused with a readable reason and leaves nothing installed. Audited as done by {@code actor}.
     */
    PluginInfo install(String fileName, InputStream content, String actor) throws PluginException;

    /** Replaces a plugin's bundle with new content (same symbolic name), keeping its configuration. */
    PluginInfo update(long id, InputStream content, String actor) throws PluginException;

    PluginInfo start(long id, String actor) throws PluginException;

    PluginInfo stop(long id, String actor) throws PluginException;

    void uninstall(long id, String actor) throws PluginException;

    default PluginInfo install(String fileName, InputStream content) throws PluginException {
        return install(fileName, content, SYSTEM_ACTOR);
    }

    default PluginInfo update(long id, InputStream content) throws PluginException {
        return update(id, content, SYSTEM_ACTOR);
    }

    default PluginInfo start(long id) throws PluginException {
        return start(id, SYSTEM_ACTOR);
    }

    default PluginInfo stop(long id) throws PluginException {
        return stop(id, SYSTEM_ACTOR);
    }

    default void uninstall(long id) throws PluginException {
        uninstall(id, SYSTEM_ACTOR);
    }
}
