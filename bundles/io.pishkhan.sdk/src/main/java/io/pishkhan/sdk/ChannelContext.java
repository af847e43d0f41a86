package io.pishkhan.sdk;

import java.util.Map;

/** What the appliance offers a {@link ChannelPlugin}. Thread-safe. */
public interface ChannelContext {
    /**
     * Stores a customer's message (durably, before this returns) and hands it to the bot and routing. Acknowledge it
     * to your gateway only after this returned.
     *
     * @throws RejectedMessageException when the message is malformed (empty, too long); nothing was stored
     * @throws IllegalStateException    when the appliance is busy or stopping; retry later
     */
    ReceiveResult receive(IncomingMessage message) throws RejectedMessageException;

    /**
     * A delivery report from the gateway for a message this plugin was given ({@link OutgoingMessage#messageId()}).
     *
     * @return false when the message is not known
     */
    boolean deliveryReport(String messageId, boolean delivered, String detail);

    /**
     * The plugin's settings: the {@code settings.properties} the vendor put in the plugin, overridden by the
     * administrator's {@code etc/pishkhan-plugin-<plugin id>.properties}.
     */
    Map<String, String> settings();

    /** The absolute path of this channel's webhook on the appliance, e.g. {@code /hooks/acme-sms}. */
    String webhookUrl();
}
