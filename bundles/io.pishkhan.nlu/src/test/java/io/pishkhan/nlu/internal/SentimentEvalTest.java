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

class SentimentEvalTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void printsOneJsonObjectWithTheMetrics() throws Exception {
        Path train = Files.write(dir.resolve("train.csv"), IntentTrainerTest.resource("/sentiment/fa.csv"));
        Path test = Files.writeString(dir.resolve("test.csv"), "text,label\n"
                + "خیلی ممنون، عالی بود,HAPPY\nافتضاح بود و ناراضی هستم,SAD\n),HAPPY\nپشتیبانی عالی,happy\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EvalMain.run(new String[] {"sentiment", "--train", train.toString(), "--test",
            test.toString(), "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        String json = out.toString(StandardCharsets.UTF_8).strip();
        assertFalse(json.contains("\n"));
        Map<String, Object> r = (Map<String, Object>) Json.parse(json);
        for (String key : new String[] {"accuracy", "macro_f1", "train_seconds", "p50_ms", "p99_ms", "train_rows",
            "test_rows", "training_metrics"}) {
            assertTrue(r.containsKey(key), key + " in " + r);
        }
        assertEquals("sentiment", r.get("task"));
        assertEquals("fa", r.get("lang"));
        assertEquals(1.0, ((Number) r.get("accuracy")).doubleValue(), r.toString());
        assertEquals(40.0, ((Number) r.get("train_rows")).doubleValue());
        assertEquals(3.0, ((Number) r.get("test_rows")).doubleValue()); // ")" has no words: skipped
        assertEquals(2.0, ((Number) r.get("test_positive_rows")).doubleValue());
    }

    @Test
    void badFilesAndArgumentsAreRefusedWithTheFileName() throws Exception {
        Path train = Files.write(dir.resolve("train.csv"), IntentTrainerTest.resource("/sentiment/en.csv"));
        Path badLabel = Files.writeString(dir.resolve("bad.csv"), "text,label\ngood,1\nso so,neutral\n");
        Path noHeader = Files.writeString(dir.resolve("nohead.csv"), "good,1\nbad,0\n");
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "text,label\ncaf\u00e9,1\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (Path bad : new Path[] {badLabel, noHeader, latin1, dir.resolve("missing.csv")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalMain.run(
                    new String[] {"sentiment", "--train", train.toString(), "--test", bad.toString(), "--lang",
                        "en", "--embeddings", "off"}, sink, sink));
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"sentiment", "--train",
            train.toString()}, sink, sink));
        assertThrows(IllegalArgumentException.class, () -> EvalMain.run(new String[] {"sentiment", "--bogus"},
            sink, sink));
    }
}
