package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalMainTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    Map<String, Object> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EvalMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        String json = out.toString(StandardCharsets.UTF_8).strip();
        assertFalse(json.contains("\n"), "--json prints one line");
        return (Map<String, Object>) Json.parse(json);
    }

    @Test
    void printsOneJsonObjectWithTheMetrics() throws Exception {
        Path train = Files.write(dir.resolve("train.csv"),
                IntentTrainerTest.resource("/intents/en.csv"));
        Path test = Files.writeString(dir.resolve("test.csv"), "text,label\n"
                + "please connect me with an agent,agent.request\n"
                + "I lost my card yesterday,card.lost\n"
                + "thanks a lot for the help,thanks\n"
                + "what is the weather in Paris tomorrow,oos\n");
        Map<String, Object> r = run("intents", "--train", train.toString(), "--test", test.toString(),
                "--lang", "en", "--json");
        for (String key : new String[] {"accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "train_seconds",
            "p50_ms", "p99_ms", "train_rows", "test_rows", "test_oos_rows", "training_metrics"}) {
            assertTrue(r.containsKey(key), key + " in " + r);
        }
        assertEquals(1.0, ((Number) r.get("in_scope_accuracy")).doubleValue(), r.toString());
        assertEquals(150.0, ((Number) r.get("train_rows")).doubleValue());
        assertEquals(4.0, ((Number) r.get("test_rows")).doubleValue());
        assertEquals(1.0, ((Number) r.get("test_oos_rows")).doubleValue());
        assertTrue(((Map<?, ?>) r.get("training_metrics")).containsKey("oosThreshold"));
        double accuracy = ((Number) r.get("accuracy")).doubleValue();
        double recall = ((Number) r.get("oos_recall")).doubleValue();
        assertEquals((3 + recall) / 4, accuracy, 1e-4);
        assertEquals(E5Embedder.ID, r.get("embeddings")); // English: the appliance's default, embeddings on

        // --embeddings off and --oos-recall 0 (never out of scope), as the appliance's settings
        r = run("intents", "--train", train.toString(), "--test", test.toString(), "--lang", "en", "--json",
                "--embeddings", "off", "--oos-recall", "0");
        assertEquals("off", r.get("embeddings"));
        assertEquals(0.0, ((Number) r.get("predicted_oos")).doubleValue());
        assertEquals(0.0, ((Number) ((Map<?, ?>) r.get("training_metrics")).get("oosThreshold")).doubleValue());
        assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"intents", "--train",
            train.toString(), "--test", test.toString(), "--oos-recall", "1.5"}, System.out, System.err));
    }

    @Test
    void withoutOutOfScopeRowsThereAreNoOosMetrics() throws Exception {
        Path train = Files.write(dir.resolve("train.csv"), IntentTrainerTest.resource("/intents/fa.csv"));
        Path test = Files.writeString(dir.resolve("test.csv"), "text,label\nسلام,greeting\nممنونم,thanks\n");
        Map<String, Object> r = run("intents", "--train", train.toString(), "--test", test.toString(), "--json");
        assertEquals("fa", r.get("lang"));
        assertFalse(r.containsKey("oos_recall"));
        assertEquals(1.0, ((Number) r.get("accuracy")).doubleValue());
    }

    @Test
    void badArgumentsAndFilesAreClearErrors() throws Exception {
        Path good = Files.write(dir.resolve("train.csv"), IntentTrainerTest.resource("/intents/en.csv"));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "text,label\nhello,greeting\n,oops\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalMain.run(
                new String[] {"intents", "--train", good.toString(), "--test", bad.toString()}, System.out,
                System.err));
        assertEquals(bad + ": line 3: empty text", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"intents", "--train",
            good.toString()}, System.out, System.err));
        e = assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"intents", "--train",
            dir.resolve("nope.csv").toString(), "--test", good.toString()}, System.out, System.err));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"--bogus"}, System.out,
                System.err));
    }
}
