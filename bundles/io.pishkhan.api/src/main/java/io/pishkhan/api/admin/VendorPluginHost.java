package io.pishkhan.api.admin;

import java.util.List;

/**
 * Hosts vendor plugins written against the plain-Java plugin API (PF4J plugins, no OSGi), offered by the PF4J host
 * bundle. The {@link PluginService} lists them beside the OSGi plugins and delegates uploads of PF4J plugins
 * (a zip, or a jar whose manifest names a {@code Plugin-Id}) here.
 *
 * <p>Vendor plugins are told apart from OSGi bundles by a negative {@link PluginInfo#id()}, assigned by the host
 * when the plugin is loaded and stable until it is unloaded; {@link PluginInfo#location()} is
 * {@code pf4j:<plugin id>} and {@link PluginInfo#symbolicName()} is the PF4J plugin id.
 */
public interface VendorPluginHost {
    /** Every loaded vendor plugin, by plugin id. */
    List<PluginInfo> plugins();

    /** True when the file looks like a PF4J plugin (zip with plugin.properties, or a jar with Plugin-Id). */
    boolean accepts(String fileName, byte[] content);

    /**
     * Stores the plugin in the host's plugin folder, loads and starts it and publishes its extensions. A plugin
     * without a descriptor, with the plugin API bundled inside, or whose start fails is refused with a readable
     * reason and leaves nothing behind. Replaces a loaded plugin with the same id (an update).
     */
    PluginInfo install(String fileName, byte[] content) throws PluginException;

    PluginInfo start(long id) throws PluginException;

    PluginInfo stop(long id) throws PluginException;

    /** Stops and unloads the plugin, withdraws its extensions and deletes its file. */
    void uninstall(long id) throws PluginException;
}
