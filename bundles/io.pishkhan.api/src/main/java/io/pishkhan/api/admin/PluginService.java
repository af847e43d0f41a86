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

    /**
     * Installs and starts an uploaded plugin: an OSGi bundle jar or a Karaf .kar archive (by {@code fileName}'s
     * extension). A file that is not a bundle, not a Pishkhan plugin, or fails to start is refused with a readable
     * reason and leaves nothing installed.
     */
    PluginInfo install(String fileName, InputStream content) throws PluginException;

    /** Replaces a plugin's bundle with new content (same symbolic name), keeping its configuration. */
    PluginInfo update(long id, InputStream content) throws PluginException;

    PluginInfo start(long id) throws PluginException;

    PluginInfo stop(long id) throws PluginException;

    void uninstall(long id) throws PluginException;
}
