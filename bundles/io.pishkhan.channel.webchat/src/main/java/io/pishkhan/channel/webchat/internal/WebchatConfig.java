package io.pishkhan.channel.webchat.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pishkhan webchat channel",
        description = "The web chat widget (/webchat/widget.js), its WebSocket (/webchat/ws) and long-poll API (/webchat/api).")
public @interface WebchatConfig {
    @AttributeDefinition(name = "Allowed origins",
            description = "Comma-separated origins (scheme://host[:port]) of the sites that may embed the widget; '*' allows any. "
                    + "Empty: only the appliance's own origin. Requests with another Origin get 403.")
    String allowedOrigins() default "";

    @AttributeDefinition(name = "Largest message (bytes)", description = "UTF-8 bytes of one visitor message.", min = "16", max = "16000")
    int maxMessageBytes() default 4096;

    @AttributeDefinition(name = "Largest frame (bytes)", description = "One WebSocket message or REST body; bigger ones are refused.", min = "1024", max = "1048576")
    int maxFrameBytes() default 32768;

    @AttributeDefinition(name = "Rate limit: messages", description = "Messages a visitor may send per period (token bucket).", min = "1")
    int rateLimitMessages() default 20;

    @AttributeDefinition(name = "Rate limit: period (seconds)", min = "1")
    int rateLimitSeconds() default 10;

    @AttributeDefinition(name = "Sessions per visitor", description = "Open WebSocket or long-poll sessions per visitor token (tabs).", min = "1", max = "100")
    int maxSessionsPerToken() default 5;

    @AttributeDefinition(name = "Session idle timeout (seconds)", min = "10")
    int sessionIdleSeconds() default 120;

    @AttributeDefinition(name = "Frames queued per long-poll session", min = "10")
    int pollQueueSize() default 200;

    @AttributeDefinition(name = "Visitors kept in memory", description = "Per-visitor state (rate bucket, pending pre-chat); least recently seen dropped.", min = "100")
    int maxVisitors() default 100000;

    @AttributeDefinition(name = "Pre-chat form", description = "Ask for name, email or phone before the chat starts.")
    boolean prechatEnabled() default true;

    @AttributeDefinition(name = "Pre-chat fields", description = "Comma-separated, of: name, email, phone.")
    String prechatFields() default "name,email,phone";

    @AttributeDefinition(name = "Pre-chat required fields", description = "Comma-separated subset of the fields.")
    String prechatRequired() default "name";

    @AttributeDefinition(name = "Title (Persian)")
    String title_fa() default "گفتگو با پشتیبانی";

    @AttributeDefinition(name = "Title (English)")
    String title_en() default "Chat with us";

    @AttributeDefinition(name = "Colour (Persian)", description = "CSS colour of the launcher and header.")
    String color_fa() default "#0b7285";

    @AttributeDefinition(name = "Colour (English)")
    String color_en() default "#0b7285";

    @AttributeDefinition(name = "Abandon after disconnect (minutes)", description = "A visitor waiting for an agent "
            + "(QUEUED or offered) whose WebSocket and long-poll sessions are all gone this long has abandoned: the "
            + "conversation is closed with reason 'disconnected'. 0 turns it off.", min = "0", max = "1440")
    int abandonAfterMinutes() default 5;
}
