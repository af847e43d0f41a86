package io.pishkhan.channel.loopback.internal;

import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.OutboundMessage;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The loopback channel's connector: keeps delivered replies in a bounded outbox, read by {@link LoopbackServlet}.
 * It depends on nothing, so the core can track it without a reference cycle (core -> channel -> core).
 */
@Component(service = {ChannelConnector.class, LoopbackConnector.class}, configurationPid = LoopbackServlet.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ChannelConnector.PROP_CHANNEL_ID + "=" + LoopbackConnector.CHANNEL)
public class LoopbackConnector implements ChannelConnector {
    static final String CHANNEL = "loopback";
    private final Outbox outbox;

    @Activate
    public LoopbackConnector(LoopbackConfig config) {
        this.outbox = new Outbox(config.outboxSize(), config.maxAddresses());
    }

    @Modified
    void modified(LoopbackConfig config) {
        outbox.resize(config.outboxSize());
    }

    @Override
    public String channelId() {
        return CHANNEL;
    }

    @Override
    public void deliver(OutboundMessage message) {
        outbox.add(message, Instant.now());
    }

    List<Outbox.Entry> replies(String address, long after) {
        return outbox.after(address, after);
    }
}
