package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Each integration test class boots the unpacked distribution once, and stops it with a check of the log. */
abstract class ApplianceTestBase {
    static Appliance app;

    @BeforeAll
    static void boot() throws Exception {
        app = new Appliance(Path.of(System.getProperty("pishkhan.home")));
        app.start();
        // these tests were written against the keyword FAQ bot; BotIT switches to the assistant
        app.useBot("keyword-faq");
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (app != null) {
            app.stop();
            String log = app.log();
            assertFalse(log.contains("Unable to resolve") || log.contains("Unresolved requirements"),
                    "the distribution has unresolved bundles: see data/log/karaf.log");
        }
    }
}
