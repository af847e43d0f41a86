package io.pishkhan.channel.telegram.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One bot (factory configuration {@value TelegramChannel#PID}-&lt;name&gt;.cfg): Telegram, Bale, or another. */
@ObjectClassDefinition(name = "Pishkhan messenger bot (Telegram Bot API)",
        description = "A bot on Telegram or on a messenger with the same Bot API (Bale: https://tapi.bale.ai)")
public @interface TelegramConfig {
    @AttributeDefinition(name = "Channel id", description = "e.g. telegram or bale; unique on the appliance")
    String channelId() default "telegram";

    @AttributeDefinition(name = "Bot API base URL", description = "https://api.telegram.org, or https://tapi.bale.ai")
    String baseUrl() default "https://api.telegram.org";

    @AttributeDefinition(name = "Bot token", type = AttributeType.PASSWORD)
    String token();

    @AttributeDefinition(name = "Mode", options = {@Option(label = "Long polling (getUpdates)", value = "polling"),
            @Option(label = "Webhook (the messenger calls the appliance)", value = "webhook")})
    String mode() default "polling";

    @AttributeDefinition(name = "Long-poll timeout (s)", min = "1", max = "50")
    int pollTimeoutSeconds() default 25;

    @AttributeDefinition(name = "Webhook secret", description = "Compared with X-Telegram-Bot-Api-Secret-Token",
            type = AttributeType.PASSWORD, required = false)
    String webhookSecret() default "";
}
