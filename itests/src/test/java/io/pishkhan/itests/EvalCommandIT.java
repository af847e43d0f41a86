package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pishkhan-eval of the unpacked distribution (no running appliance needed): one JSON object, clear errors. */
class EvalCommandIT {
    static final Path HOME = Path.of(System.getProperty("pishkhan.home"));

    static String[] run(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = HOME.resolve("bin/pishkhan-eval").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pishkhan-eval timed out");
        return new String[] {String.valueOf(p.exitValue()), out, err};
    }

    @Test
    void evaluatesAnIntentModelAndRefusesBadFiles(@TempDir Path dir) throws Exception {
        StringBuilder train = new StringBuilder("text,label\n");
        StringBuilder test = new StringBuilder("text,label\n");
        String[][] intents = {{"card", "my card is blocked", "block my card", "card stolen", "lost my card", "card not working"},
            {"hours", "when do you open", "opening hours", "are you open on friday", "what time do you close", "branch hours"},
            {"loan", "I want a loan", "loan interest rate", "apply for a loan", "mortgage loan", "how to get a loan"}};
        for (String[] i : intents) {
            for (int k = 1; k < i.length - 1; k++) {
                train.append(i[k]).append(',').append(i[0]).append('\n');
            }
            test.append(i[i.length - 1]).append(',').append(i[0]).append('\n');
        }
        test.append("what is the weather tomorrow,oos\n");
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("test.csv"), test);
        String[] r = run(dir, "intents", "--train", "train.csv", "--test", "test.csv", "--lang", "en", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode json = Appliance.JSON.readTree(r[1]);
        for (String field : new String[] {"accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision",
            "train_seconds", "p50_ms", "p99_ms"}) {
            assertTrue(json.has(field), field + " in " + r[1]);
        }
        assertEquals(4, json.path("test_rows").asInt());

        Files.writeString(dir.resolve("noheader.csv"), "my card,card\n");
        r = run(dir, "intents", "--train", "noheader.csv", "--test", "test.csv", "--json");
        assertTrue(!r[0].equals("0") && r[2].contains("header"), r[0] + " " + r[2]);
        Files.write(dir.resolve("latin1.csv"), "text,label\ncaf\u00e9 ok,a\n".getBytes(StandardCharsets.ISO_8859_1));
        r = run(dir, "intents", "--train", "latin1.csv", "--test", "test.csv", "--json");
        assertTrue(!r[0].equals("0") && r[2].contains("line 2"), r[0] + " " + r[2]);
        Files.writeString(dir.resolve("empty.csv"), "text,label\n,card\n");
        r = run(dir, "intents", "--train", "empty.csv", "--test", "test.csv", "--json");
        assertTrue(!r[0].equals("0") && r[2].contains("line 2"), r[0] + " " + r[2]);
    }
}
