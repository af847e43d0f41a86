package io.pishkhan.sdk;

import org.pf4j.ExtensionPoint;

/**
 * A channel written by a vendor (an SMS gateway, a messenger): the appliance calls it to deliver replies, and it
 * hands what its customers send to {@link ChannelContext#receive}. Mark the implementation with PF4J's
 * {@code @Extension}. Every call is made on the appliance's threads with a time limit: a call that throws or does not
 * return in time is logged, shown on the console's plugins page, and never takes the appliance down.
 */
public interface ChannelPlugin extends ExtensionPoint {
    /** A short lower-case id, unique on the appliance (e.g. {@code acme-sms}); also the webhook path. */
    String channelId();

    /** Called once when the plugin is started, before any delivery; keep the context. */
    void start(ChannelContext context) throws Exception;

    /** Sends a reply to the customer; throw {@link DeliveryException} when it cannot be sent. */
    void deliver(OutgoingMessage message) throws DeliveryException;

    /** Called when the plugin is stopped or removed: release connections and threads. */
    default void stop() {
    }

    /**
     * An HTTP request to {@link ChannelContext#webhookUrl()} (a gateway's inbound message or delivery report).
     * The default answers 405.
     */
    default WebhookResponse onWebhook(WebhookRequest request) throws Exception {
        return WebhookResponse.text(405, "this channel takes no webhooks");
    }
}
