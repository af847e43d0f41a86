package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.SentimentScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentTest {
    @Test
    void mapsTheKnownLabelsCaseInsensitively() {
        for (String l : new String[] {"SAD", "sad", "0", "negative", "NEG", " Neg "}) {
            assertEquals(Sentiment.NEGATIVE, Sentiment.label(l), l);
        }
        for (String l : new String[] {"HAPPY", "Happy", "1", "POSITIVE", "pos"}) {
            assertEquals(Sentiment.POSITIVE, Sentiment.label(l), l);
        }
        assertNull(Sentiment.label("neutral"));
        assertNull(Sentiment.label("2"));
    }

    @Test
    void refusesOtherLabelsNamingTheLineAndAOneSidedFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sentiment.examples(TrainingData.parse("text,label\ngood,HAPPY\nmeh,neutral\n")));
        assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Sentiment.examples(TrainingData.parse("text,label\ngood,HAPPY\nfine,1\n")));
    }

    @Test
    void skipsRowsWithoutWordsOnlyWhenAsked() {
        String csv = "text,label\n),1\ngood,1\nbad,0\n";
        assertThrows(IllegalArgumentException.class, () -> TrainingData.parse(csv));
        assertEquals(2, TrainingData.parse(csv, true).size());
        assertThrows(IllegalArgumentException.class, () -> TrainingData.parse("text,label\n\"\",1\ngood,1\n", true));
    }

    @Test
    void trainsOnATinySetAndScoresWithTheRightSign() throws Exception {
        List<TrainingData.Example> rows = Sentiment.examples(TrainingData.parse(
                new String(IntentTrainerTest.resource("/sentiment/en.csv"), java.nio.charset.StandardCharsets.UTF_8)));
        IntentModel model = new IntentTrainer(Sentiment.SETTINGS).train(rows, p -> {
        }).model();
        SentimentScore good = Sentiment.score(model, "thanks, great and friendly service", 3);
        SentimentScore bad = Sentiment.score(model, "terrible, nobody answers, I am angry", 3);
        assertEquals(Sentiment.POSITIVE, good.label());
        assertEquals(Sentiment.NEGATIVE, bad.label());
        assertTrue(good.score() > 0 && good.score() <= 1, good.toString());
        assertTrue(bad.score() < 0 && bad.score() >= -1, bad.toString());
        assertEquals(3, good.modelVersion());
        assertEquals((good.score() + 1) / 2, good.confidence(), 1e-9);
        assertEquals((1 - bad.score()) / 2, bad.confidence(), 1e-9);
        assertTrue(bad.negative(0));
        SentimentScore empty = Sentiment.score(model, "!!!", 3);
        assertEquals(0.0, empty.score());
        assertNull(empty.label());
    }

    @Test
    void capsLargeSetsToTheSameRowsWhateverTheOrder() {
        List<TrainingData.Example> rows = new ArrayList<>();
        for (int i = 0; i < Sentiment.MAX_EXAMPLES + 500; i++) {
            rows.add(new TrainingData.Example("text " + i, i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE,
                    i + 2));
        }
        List<TrainingData.Example> a = Sentiment.cap(rows);
        Collections.reverse(rows);
        List<TrainingData.Example> b = Sentiment.cap(rows);
        assertEquals(Sentiment.MAX_EXAMPLES, a.size());
        assertEquals(a, b);
        List<TrainingData.Example> small = rows.subList(0, 10);
        assertEquals(small, Sentiment.cap(small));
    }
}
