package io.pishkhan.channel.webchat.internal;

import io.pishkhan.api.channel.ChannelConnector;
import io.pishkhan.api.channel.OutboundMessage;
import io.pishkhan.api.model.Signal;
import org.osgi.service.component.annotations.Component;

/**
 * The webchat channel's connector. It references nothing, so the core can track it without a cycle
 * (core -> channel -> core); {@link WebchatService} registers itself as the listener that pushes to open sessions.
 * Delivery to an offline visitor is a no-op: the hello replay brings the message from the transcript later.
 */
@Component(service = {ChannelConnector.class, WebchatConnector.class},
        property = ChannelConnector.PROP_CHANNEL_ID + "=" + WebchatConnector.CHANNEL)
public class WebchatConnector implements ChannelConnector {
    static final String CHANNEL = "webchat";

    /** Receives what the core sends to webchat visitors. */
    interface Listener {
        void deliver(OutboundMessage message);

        void signal(String conversationId, String address, Signal signal);
    }

    private final java.util.concurrent.atomic.AtomicReference<Listener> listener = new java.util.concurrent.atomic.AtomicReference<>();

    void setListener(Listener l) {
        listener.set(l);
    }

    void clearListener(Listener l) {
        listener.compareAndSet(l, null);
    }

    @Override
    public String channelId() {
        return CHANNEL;
    }

    @Override
    public void deliver(OutboundMessage message) {
        Listener l = listener.get();
        if (l != null) {
            l.deliver(message);
        }
    }

    @Override
    public void signal(String conversationId, String address, Signal signal) {
        Listener l = listener.get();
        if (l != null) {
            l.signal(conversationId, address, signal);
        }
    }
}
