package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.SentimentScore;
import io.pishkhan.api.nlu.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentServiceImplTest {
    /** a model that thinks everything about parcels is bad and everything about food is good */
    static final String EN_V2 = "text,label\n"
            + "the parcel,0\nmy parcel,0\nparcel again,0\nparcel delivery,0\n"
            + "the food,1\nmy food,1\nfood again,1\nfood delivery,1\n";

    @TempDir
    Path dir;

    SentimentServiceImpl service(boolean trainDefaults) {
        return new SentimentServiceImpl(dir, trainDefaults, Sentiment.SETTINGS, null);
    }

    @Test
    void trainsTheShippedExamplesAtFirstStartAndRestoresThemLater() throws Exception {
        SentimentServiceImpl first = service(true);
        assertTrue(first.awaitIdle(60, TimeUnit.SECONDS));
        SentimentScore fa = first.score("خیلی ممنون، عالی بود", null);
        assertEquals(Sentiment.POSITIVE, fa.label());
        assertTrue(fa.score() > 0);
        assertEquals(1, fa.modelVersion());
        SentimentScore faBad = first.score("پشتیبانی افتضاح و کند، بی‌جواب", "fa");
        assertTrue(faBad.score() < 0, faBad.toString());
        assertTrue(first.score("terrible service, I am angry", "en").score() < 0);
        assertTrue(first.score("great, thank you so much", "en").score() > 0);
        IntentModelInfo info = first.models("en").get(0);
        assertEquals(1, info.version());
        assertTrue(info.active());
        assertEquals(40, info.examples());
        assertEquals(2, info.labels());
        assertTrue(Files.isRegularFile(dir.resolve("sentiment/fa/model-1.bin")));
        assertTrue(Files.isRegularFile(dir.resolve("sentiment/en/model-1.json")));
        first.deactivate();

        SentimentServiceImpl second = service(true); // models exist: nothing trained again
        assertEquals(1, second.score("great", "en").modelVersion());
        assertEquals(1, second.models("en").size());
        second.deactivate();
    }

    @Test
    void everyTrainingIsANewVersionThatCanBeActivatedBack() throws Exception {
        SentimentServiceImpl s = service(true);
        assertTrue(s.awaitIdle(60, TimeUnit.SECONDS));
        assertTrue(s.score("my parcel", "en").modelVersion() == 1);
        TrainingJob job = s.train("en", EN_V2, "alice", "parcels are bad");
        assertTrue(s.awaitIdle(60, TimeUnit.SECONDS));
        TrainingJob done = s.job(job.id()).orElseThrow();
        assertEquals(TrainingJob.State.SUCCEEDED, done.state(), done.message());
        assertEquals(2, done.modelVersion());
        SentimentScore v2 = s.score("parcel delivery", "en");
        assertEquals(2, v2.modelVersion());
        assertTrue(v2.score() < 0, v2.toString());
        assertTrue(s.score("food delivery", "en").score() > 0);
        List<IntentModelInfo> models = s.models("en");
        assertEquals(2, models.size());
        assertTrue(models.stream().anyMatch(m -> m.version() == 2 && m.active() && m.author().equals("alice")));

        IntentModelInfo back = s.activate("en", 1, "bob");
        assertTrue(back.active());
        assertEquals(1, s.score("parcel delivery", "en").modelVersion());
        assertFalse(s.models("en").stream().anyMatch(m -> m.version() == 2 && m.active()));
        assertThrows(IllegalArgumentException.class, () -> s.activate("en", 9, "bob"));
        s.deactivate();

        SentimentServiceImpl again = service(true); // the activated version survives a restart
        assertEquals(1, again.score("parcel delivery", "en").modelVersion());
        again.deactivate();
    }

    @Test
    void refusesBadFilesBeforeAJobStarts() {
        SentimentServiceImpl s = service(false);
        assertEquals(0, s.score("hello", "en").modelVersion());
        assertThrows(IllegalArgumentException.class, () -> s.train("en", "words,label\nx,1\n", null, null));
        assertThrows(IllegalArgumentException.class, () -> s.train("en", "text,label\ngood,1\nok,maybe\n", null,
                null));
        assertThrows(IllegalArgumentException.class, () -> s.train("en", "text,label\ngood,1\nfine,pos\n", null,
                null));
        assertThrows(IllegalArgumentException.class, () -> s.train("de", EN_V2, null, null));
        assertTrue(s.models("en").isEmpty());
        s.deactivate();
    }
}
