package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.bot.BotReply;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The default configuration shipped with the feature, read the way Karaf's file install reads it. */
class ShippedConfigurationTest {
    static final Path CFG = Path.of("src/main/cfg/io.pishkhan.bot.assistant.cfg");

    static Map<String, Object> read(Charset encoding) throws IOException {
        try (Reader r = Files.newBufferedReader(CFG, encoding)) {
            return load(r);
        }
    }

    private static Map<String, Object> load(Reader r) throws IOException {
        Properties p = new Properties();
        p.load(r);
        Map<String, Object> map = new HashMap<>();
        p.forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    @Test
    void everyKeyIsKnownAndEveryValueValid() throws IOException {
        Map<String, Object> props = read(StandardCharsets.UTF_8);
        Settings s = Fixtures.settings(props);
        assertEquals(List.of(), s.problems());
        assertEquals(new Settings.Route("cards", "cards:3"), s.route("card.blocked"));
        assertEquals(new Settings.Route("general", null), s.route("request.status"));
        // every typed key of the file is an attribute of the metatype, so the console can draw it
        List<String> attributes = java.util.Arrays.stream(AssistantConfig.class.getDeclaredMethods())
                .map(m -> m.getName().replace('_', '.')).toList();
        List<String> unknown = props.keySet().stream().filter(k -> !k.startsWith("route.") && !k.startsWith("slots."))
                .filter(k -> !attributes.contains(k)).sorted().toList();
        assertEquals(List.of(), unknown);
        // the file repeats the defaults of the metatype: nothing differs between "no file" and "shipped file"
        Settings defaults = Fixtures.settings(Map.of());
        assertEquals(defaults.texts(), s.texts());
        assertEquals(defaults.handoffWords(), s.handoffWords());
        assertEquals(defaults.angerWords(), s.angerWords());
    }

    @Test
    void persianTextSurvivesAnIso88591Reading() throws IOException {
        Settings utf8 = Fixtures.settings(read(StandardCharsets.UTF_8));
        Settings latin1 = Fixtures.settings(read(StandardCharsets.ISO_8859_1));
        assertEquals(utf8.texts(), latin1.texts());
        assertEquals(utf8.handoffWords(), latin1.handoffWords());
    }

    @Test
    void theCommentedPatternExamplesCompile() throws IOException {
        String examples = Files.readAllLines(CFG, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("#slots.")).map(l -> l.substring(1)).collect(Collectors.joining("\n"));
        Map<String, Object> props = load(new StringReader(examples));
        assertEquals(2, props.size());
        List<String> problems = new ArrayList<>();
        SlotExtractorImpl.compile(props, problems);
        assertEquals(List.of(), problems);
        assertEquals("ticket:123456", new SlotExtractorImpl(props).extract("CRM-123456").stream()
                .map(x -> x.type() + ":" + x.value()).collect(Collectors.joining()));
    }

    @Test
    void theEngineRunsOnTheShippedFile() throws IOException {
        Map<String, Object> props = read(StandardCharsets.UTF_8);
        AssistantEngine e = new AssistantEngine(new InMemoryConfigStore(), Fixtures.config(props), props,
                new HttpAction());
        e.setIntentService(new FakeIntentService().on("کارت", "card.blocked"));
        BotReply r = new Fixtures.Chat(e).say("کارتم را خودپرداز گرفت، اپراتور");
        assertEquals("explicit-request", r.data().get("handoff.reason"));
        assertEquals("cards", r.data().get("queue"));
        assertTrue(r.text().startsWith("شما را به یکی از کارشناسان"), r.text());
    }
}
