package io.pishkhan.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code io.pishkhan.console} (etc/io.pishkhan.console.cfg). Besides these attributes the PID holds
 * the canned responses as {@code template.<name>.<language> = text} keys.
 */
@ObjectClassDefinition(id = "io.pishkhan.console", name = "Pishkhan console",
        description = "Agent desktop and supervisor view. Canned responses: template.<name>.<lang> = text, with the "
                + "variables {customer.name}, {agent.name}, {conversation.id}.")
public @interface ConsoleConfig {
    @AttributeDefinition(name = "Session timeout (minutes)", min = "1", max = "1440",
            description = "A console session without user activity ends after this many minutes.")
    int sessionTimeoutMinutes() default 30;

    @AttributeDefinition(name = "Time zone", description = "Time zone of the dates shown in the console.")
    String timeZone() default "Asia/Tehran";

    @AttributeDefinition(name = "Default language", description = "Language of a new session: fa or en.",
            options = {@org.osgi.service.metatype.annotations.Option(label = "فارسی", value = "fa"),
                @org.osgi.service.metatype.annotations.Option(label = "English", value = "en")})
    String defaultLanguage() default "fa";

    @AttributeDefinition(name = "Typing signal interval (ms)",
            description = "At most one typing signal per conversation is sent to the customer per interval.")
    long typingIntervalMillis() default 3000;
}
