package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.IntentPrediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** e5-small-v2 through ONNX Runtime (the real model from the bundle's resources) and its use by the trainer. */
class EmbeddingsTest {
    static E5Embedder e5;

    @BeforeAll
    static void load() throws IOException {
        e5 = E5Embedder.load(2);
    }

    @AfterAll
    static void close() {
        e5.close();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void wordPieceSplitsLikeBert() {
        WordPieceTokenizer t = new WordPieceTokenizer(Map.of("[UNK]", 100, "[CLS]", 101, "[SEP]", 102, "un", 1,
                "##aff", 2, "##able", 3, "cafe", 4, "!", 5, "?", 6));
        // lower case, accents stripped, punctuation split off, greedy longest-match continuations, unknown word
        assertArrayEquals(new long[] {101, 1, 2, 3, 4, 5, 100, 6, 102}, t.encode("UnAffable Café!  xyz?", 512));
        assertArrayEquals(new long[] {101, 1, 102}, t.encode("un un un", 3)); // truncated, [SEP] kept
        // as BERT: ASCII symbols and Unicode P* categories are punctuation, a currency sign is not
        assertEquals(List.of("a", "'", "b", "£20", "$", "5"), WordPieceTokenizer.preTokenize("a'b £20 $5"));
    }

    @Test
    void embeddingsAreUnitVectorsAndParaphrasesAreCloserThanOtherTopics() {
        float[][] v = e5.embed(List.of("I lost my credit card", "my card is missing, I can't find it",
                "what time do you open on saturday"));
        assertEquals(384, e5.dimension());
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, dot(x, x), 1e-4);
        }
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.05, dot(v[0], v[1]) + " vs " + dot(v[0], v[2]));
        // batching barely changes a text's vector (the quantised model scales activations per batch)
        float[] alone = e5.embed(List.of("what time do you open on saturday"))[0];
        assertEquals(1.0, dot(alone, v[2]), 0.01);
    }

    @Test
    void englishModelWithEmbeddingsClassifiesAndSurvivesWritingAndReading() throws IOException {
        List<TrainingData.Example> en = TrainingData.parse(IntentTrainerTest.resource("/intents/en.csv"));
        IntentTrainer.Result result = new IntentTrainer(IntentTrainer.Settings.DEFAULTS).train(en, e5, p -> {
        });
        IntentModel model = result.model();
        assertEquals(E5Embedder.ID, model.embedderId());
        assertFalse(model.degraded());
        assertTrue(result.metrics().get("features") > 384);
        assertEquals("card.lost", model.classify("I can't find my bank card anywhere", 1).label());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        IntentModel read = IntentModel.read(new ByteArrayInputStream(out.toByteArray()), e5);
        IntentModel withoutEmbedder = IntentModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertTrue(withoutEmbedder.degraded());
        List<String> texts = new ArrayList<>(List.of("hello there", "my password does not work",
                "how much money is in my account", "I want to talk to a person"));
        for (String text : texts) {
            IntentPrediction a = model.classify(text, 1);
            IntentPrediction b = read.classify(text, 1);
            assertEquals(a.label(), b.label());
            assertEquals(a.confidence(), b.confidence(), 1e-4);
            assertNotNull(withoutEmbedder.classify(text, 1).alternatives().get(0).label()); // TF-IDF part alone
        }
    }

    @Test
    void theDenseBlockIsCentredAndHasTheWeightAsLength() {
        float[][] training = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}};
        DenseBlock block = DenseBlock.fit("x", 2.0, training);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, block.mean());
        double[] v = block.apply(new float[] {1, 0, 0}); // minus the mean: (0.5, -0.5, -0.5), then length 2
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        assertEquals(2.0, norm, 1e-9);
        assertTrue(v[0] > 0 && v[1] < 0 && v[2] < 0);
        assertArrayEquals(new double[3], block.apply(null)); // no embedder: the block is zero
        FeatureSpace.Vector joined = DenseBlock.concat(new FeatureSpace.Vector(new int[] {1, 4}, new double[] {0.3,
            0.7}), 10, v);
        assertArrayEquals(new int[] {1, 4, 10, 11, 12}, joined.indices());
        assertEquals(v[2], joined.values()[4]);
    }

    @Test
    void embeddingsCanBeSwitchedOff() {
        assertNull(Embedders.english("off", 1, m -> {
        }));
        assertNull(Embedders.forLanguage("fa", e5));
        assertThrows(IllegalArgumentException.class, () -> Embedders.english("sometimes", 1, m -> {
        }));
    }
}
