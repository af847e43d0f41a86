package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.IntentPrediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntentTrainerTest {
    static List<TrainingData.Example> fa;
    static IntentTrainer.Result faResult;

    @BeforeAll
    static void trainShippedPersian() throws IOException {
        fa = TrainingData.parse(resource("/intents/fa.csv"));
        faResult = new IntentTrainer(IntentTrainer.Settings.DEFAULTS).train(fa, p -> {
        });
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = IntentTrainerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void classifiesUnseenPhrasingsOfTheShippedIntents() {
        IntentModel model = faResult.model();
        assertEquals(15, model.labels().size());
        assertEquals("agent.request", model.classify("لطفا وصلم کنید به اپراتور", 1).label());
        assertEquals("card.lost", model.classify("کارت بانکی من گم شده است", 1).label());
        assertEquals("account.balance", model.classify("موجودی حساب من را بگویید", 1).label());
        IntentPrediction p = model.classify("سقف کارت به کارت روزانه", 7);
        assertEquals("transfer.limit", p.label());
        assertEquals(7, p.modelVersion());
        assertEquals(3, p.alternatives().size());
        assertEquals("transfer.limit", p.alternatives().get(0).label());
        assertTrue(p.alternatives().get(0).score() >= p.alternatives().get(1).score());
        assertEquals(p.confidence(), p.alternatives().get(0).score(), 1e-12);
    }

    @Test
    void arabicKeyboardAndPersianDigitsGiveTheSamePrediction() {
        IntentModel model = faResult.model();
        IntentPrediction persian = model.classify("کارتم مسدود شده چکار کنم", 1);
        // Arabic kaf and yeh, tatweel, a diacritic and a ZWNJ
        IntentPrediction arabic = model.classify("\u0643ارتم مســدود شُده چ\u0643ار \u0643نم", 1);
        assertEquals("card.blocked", persian.label());
        assertEquals(persian.label(), arabic.label());
        assertEquals(persian.confidence(), arabic.confidence(), 1e-9);
    }

    @Test
    void metricsHoldCrossValidatedAccuracyAndThreshold() {
        assertTrue(faResult.metrics().get("accuracy") > 0.6, faResult.metrics().toString());
        double threshold = faResult.metrics().get("oosThreshold");
        assertEquals(threshold, faResult.model().threshold());
        assertTrue(threshold > 0 && threshold < 1, "threshold " + threshold);
        // the cap: at most 5% of the correct cross-validated predictions fall below the threshold
        assertTrue(faResult.metrics().get("rejectedCorrect") <= 0.05 + 1e-9, faResult.metrics().toString());
        assertEquals(150, faResult.examples());
    }

    @Test
    void emptyOrUnrelatedTextIsOutOfScope() {
        IntentModel model = faResult.model();
        IntentPrediction empty = model.classify("؟؟؟", 1);
        assertTrue(empty.outOfScope());
        assertNull(empty.label());
        IntentPrediction unrelated = model.classify("xqzt vbnm plokij", 1);
        assertTrue(unrelated.outOfScope(), "confidence " + unrelated.confidence());
        assertNull(unrelated.label());
    }

    @Test
    void outOfScopeTrainingRowsAreNeverAClassAndRaiseTheThreshold() {
        List<TrainingData.Example> withOos = new ArrayList<>(fa);
        String[] oos = {"هوا فردا چطور است", "یک جوک بگو", "بهترین فیلم امسال چیست", "نتیجه بازی فوتبال دیشب",
            "دستور پخت قورمه سبزی", "ساعت چند است", "بلیط هواپیما به مشهد", "ترجمه این جمله به انگلیسی",
            "آهنگ جدید پخش کن", "قیمت طلا امروز"};
        for (String text : oos) {
            withOos.add(new TrainingData.Example(text, TrainingData.OUT_OF_SCOPE, 0));
        }
        IntentTrainer.Result result = new IntentTrainer(IntentTrainer.Settings.DEFAULTS).train(withOos, p -> {
        });
        assertFalse(result.model().labels().contains(TrainingData.OUT_OF_SCOPE));
        assertEquals(10, result.outOfScopeExamples());
        assertTrue(result.metrics().get("oosSamples") >= 10);
        assertTrue(result.model().classify("دستور پخت قورمه سبزی", 1).outOfScope());
    }

    @Test
    void thresholdStaysBelowTheCapAndIsZeroWithoutOutOfScopeSamples() {
        double[] conf = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.95, 0.85};
        boolean[] correct = {true, true, true, true, true, true, true, true, true, true};
        assertEquals(0.0, IntentTrainer.chooseThreshold(conf, correct, new double[0], 0.5, 0.05));
        // out-of-scope samples at 0.1 and 0.25, all to be rejected: that costs at most 10% of the correct ones
        double t = IntentTrainer.chooseThreshold(conf, correct, new double[] {0.1, 0.25}, 1.0, 0.1);
        assertTrue(t > 0.25 && t <= 0.3, "threshold " + t);
        // a 5% cap on 10 samples allows rejecting none of the correct ones: threshold at most the lowest correct
        t = IntentTrainer.chooseThreshold(conf, correct, new double[] {0.5, 0.6}, 0.5, 0.05);
        assertTrue(t <= 0.2, "threshold " + t);
    }

    @Test
    void thresholdRejectsTheTargetShareOfOutOfScopeSamplesAndNoMore() {
        double[] conf = new double[40];
        boolean[] correct = new boolean[40];
        for (int i = 0; i < 40; i++) {
            conf[i] = 0.5 + i / 100.0; // 0.50 .. 0.89
            correct[i] = true;
        }
        double[] oos = {0.1, 0.2, 0.3, 0.4, 0.45, 0.6, 0.7, 0.8, 0.9, 0.95};
        // 60% of the out-of-scope samples lie below 0.6 (inclusive): the threshold sits just above it,
        // rejecting 10 of 40 correct samples would exceed a 5% cap, so the cap (the 3rd lowest: 0.52) binds
        assertEquals(0.52, IntentTrainer.chooseThreshold(conf, correct, oos, 0.6, 0.05), 1e-9);
        // with a generous cap the target decides: the lowest threshold rejecting 6 of 10
        double t = IntentTrainer.chooseThreshold(conf, correct, oos, 0.6, 0.5);
        assertTrue(t > 0.6 && t < 0.6001, "threshold " + t);
        // a lower target rejects fewer correct samples
        assertTrue(IntentTrainer.chooseThreshold(conf, correct, oos, 0.3, 0.5) < t);
        assertEquals(0.0, IntentTrainer.chooseThreshold(conf, correct, oos, 0.0, 0.5));
    }

    @Test
    void needsTwoIntents() {
        List<TrainingData.Example> one = List.of(new TrainingData.Example("hello", "greeting", 2),
                new TrainingData.Example("hi", "greeting", 3), new TrainingData.Example("weather", "oos", 4));
        assertThrows(IllegalArgumentException.class, () -> new IntentTrainer(IntentTrainer.Settings.DEFAULTS)
                .train(one, p -> {
                }));
    }

    @Test
    void progressGoesFromZeroToOne() {
        List<Double> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        new IntentTrainer(IntentTrainer.Settings.DEFAULTS.withThreads(1)).train(fa, seen::add);
        assertEquals(0.0, seen.get(0));
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-9);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1));
        }
    }

    @Test
    void aModelSurvivesWritingAndReading() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        faResult.model().write(out);
        IntentModel read = IntentModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(faResult.model().labels(), read.labels());
        assertEquals(faResult.model().threshold(), read.threshold());
        for (String text : List.of("سلام", "رمزم یادم رفته", "خداحافظ", "hello")) {
            IntentPrediction a = faResult.model().classify(text, 1);
            IntentPrediction b = read.classify(text, 1);
            assertEquals(a.label(), b.label());
            assertEquals(a.confidence(), b.confidence(), 1e-5); // weights are stored as floats
        }
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, java.util.Arrays.copyOf(out.toByteArray(), 2)); // gzip
        assertThrows(IOException.class, () -> IntentModel.read(new ByteArrayInputStream(
                "not a model".getBytes(StandardCharsets.UTF_8))));
    }
}
