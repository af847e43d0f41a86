package io.pishkhan.api.channel;

/**
 * Extension point: a channel that connects customers to the appliance (web chat, email, messenger, SMS, voice).
 *
 * <p>A plugin registers an implementation as an OSGi service (whiteboard); the core tracks every connector and
 * picks the one whose {@link #channelId()} matches an outbound message. A connector must:
 * <ul>
 * <li>turn what its transport receives into an {@link InboundMessage} and hand it to
 * {@link io.pishkhan.api.conversation.ConversationService#receive}; only when that call returns is the message
 * stored, so only then may the channel acknowledge it to the sender;</li>
 * <li>validate input first and answer bad input with a clear error on its own protocol (HTTP 4xx, SMTP 5xx...);</li>
 * <li>deliver outbound messages in {@link #deliver}, quickly (queue internally if the transport is slow), and
 * throw {@link ChannelException} when it cannot.</li>
 * </ul>
 * Implementations must be thread-safe.
 */
public interface ChannelConnector {
    /** Service property carrying {@link #channelId()}, so others can filter connectors. */
    String PROP_CHANNEL_ID = "pishkhan.channel.id";

    /** A short lower-case id, unique among installed channels (e.g. {@code loopback}). */
    String channelId();

    /** Delivers a reply to the customer at {@link OutboundMessage#address()}. */
    void deliver(OutboundMessage message) throws ChannelException;

    /**
     * Passes an agent's ephemeral signal (typing, read) to the customer at {@code address}, if the channel can show
     * it. The default ignores it. Must not block.
     */
    default void signal(String conversationId, String address, io.pishkhan.api.model.Signal signal) {
    }
}
