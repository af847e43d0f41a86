package io.pishkhan.sdk.host.internal;

import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.admin.VendorPluginHost;
import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.conversation.ConversationService;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The PF4J host in Karaf: vendor plugins from the plugin folder and from console uploads, each channel published as a
 * {@link ChannelConnector} service. The conversation service is looked up when a plugin receives a message (a DS
 * reference to the core would be a cycle: the core tracks every connector).
 */
@Component(service = {VendorPluginHost.class, VendorPluginHostImpl.class}, immediate = true,
        configurationPid = VendorPluginHostImpl.PID)
@Designate(ocd = HostConfig.class)
public final class VendorPluginHostImpl implements VendorPluginHost {
    static final String PID = "io.pishkhan.sdk.host";

    private final VendorPlugins plugins;

    @Activate
    public VendorPluginHostImpl(BundleContext context, HostConfig config) {
        String data = System.getProperty("karaf.data", "data");
        Path dir = config.pluginsDir().isBlank() ? Path.of(data, "vendor-plugins") : Path.of(config.pluginsDir());
        String etc = System.getProperty("karaf.etc");
        plugins = new VendorPlugins(new VendorPlugins.Settings(dir, config.callMillis(), config.stopMillis(),
                etc == null ? null : Path.of(etc)), () -> conversations(context), publisher(context));
        plugins.loadFolder();
    }

    private static Optional<ConversationService> conversations(BundleContext context) {
        try {
            ServiceReference<ConversationService> ref = context.getServiceReference(ConversationService.class);
            return ref == null ? Optional.empty() : Optional.ofNullable(context.getService(ref));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static VendorPlugins.Publisher publisher(BundleContext context) {
        return new VendorPlugins.Publisher() {
            @Override
            public AutoCloseable publish(String channelId, ChannelConnector connector) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(ChannelConnector.PROP_CHANNEL_ID, channelId);
                props.put("pishkhan.vendor.plugin", true);
                ServiceRegistration<ChannelConnector> reg = context.registerService(ChannelConnector.class, connector,
                        props);
                return () -> {
                    try {
                        reg.unregister();
                    } catch (IllegalStateException ignored) {
                        // already gone
                    }
                };
            }

            @Override
            public boolean taken(String channelId) {
                try {
                    return !context.getServiceReferences(ChannelConnector.class,
                            "(" + ChannelConnector.PROP_CHANNEL_ID + "=" + channelId + ")").isEmpty();
                } catch (InvalidSyntaxException e) {
                    return true;
                }
            }
        };
    }

    VendorPlugins vendorPlugins() {
        return plugins;
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins.plugins();
    }

    @Override
    public boolean accepts(String fileName, byte[] content) {
        return VendorPlugins.problemOf(fileName, content) == null;
    }

    @Override
    public PluginInfo install(String fileName, byte[] content) throws PluginException {
        return plugins.install(fileName, content);
    }

    @Override
    public PluginInfo start(long id) throws PluginException {
        return plugins.start(id);
    }

    @Override
    public PluginInfo stop(long id) throws PluginException {
        return plugins.stop(id);
    }

    @Override
    public void uninstall(long id) throws PluginException {
        plugins.uninstall(id);
    }

    @Deactivate
    void deactivate() {
        plugins.close();
    }
}
