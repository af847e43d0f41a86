package io.pishkhan.console.internal;

import io.pishkhan.console.internal.logic.Templates;
import java.time.ZoneId;

/** An immutable snapshot of the console configuration, replaced as a whole on @Modified. */
public record ConsoleSettings(int sessionTimeoutMinutes, ZoneId zone, String defaultLanguage, long typingIntervalMillis,
        Templates templates) {

    static ConsoleSettings of(ConsoleConfig c, java.util.Map<String, ?> properties) {
        ZoneId zone;
        try {
            zone = ZoneId.of(c.timeZone());
        } catch (RuntimeException e) {
            zone = ZoneId.of("Asia/Tehran");
        }
        String lang = "en".equalsIgnoreCase(c.defaultLanguage()) ? "en" : "fa";
        return new ConsoleSettings(Math.max(1, c.sessionTimeoutMinutes()), zone, lang,
                Math.max(500, c.typingIntervalMillis()), Templates.fromConfiguration(properties));
    }
}
