package io.pishkhan.nlu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentServiceImplTest {
    static final String EN_V2 = "text,label\n"
            + "hello,greeting\nhi there,greeting\ngood morning,greeting\nhey,greeting\n"
            + "bye,goodbye\ngoodbye,goodbye\nsee you later,goodbye\nhave a nice day,goodbye\n"
            + "where is my parcel,parcel\ntrack my parcel,parcel\nmy parcel has not arrived,parcel\n"
            + "parcel delivery status,parcel\n"
            + "tell me a joke,oos\nwhat is the weather,oos\n";

    @TempDir
    Path dir;

    IntentServiceImpl service(boolean trainDefaults) {
        return new IntentServiceImpl(dir, trainDefaults, IntentTrainer.Settings.DEFAULTS);
    }

    @Test
    void trainsTheShippedExamplesAtFirstStartAndRestoresThemLater() throws Exception {
        IntentServiceImpl first = service(true);
        assertTrue(first.awaitIdle(60, TimeUnit.SECONDS));
        assertEquals(2, first.jobs().size());
        assertTrue(first.jobs().stream().allMatch(j -> j.state() == TrainingJob.State.SUCCEEDED
                && j.progress() == 1.0 && j.modelVersion() == 1 && j.finishedAt() != null), first.jobs().toString());
        IntentPrediction fa = first.classify("میخوام با اپراتور صحبت کنم", null);
        assertEquals("agent.request", fa.label());
        assertEquals(1, fa.modelVersion());
        assertEquals("agent.request", first.classify("can I talk to an agent please", "en").label());
        IntentModelInfo info = first.models("fa").get(0);
        assertEquals(1, info.version());
        assertTrue(info.active());
        assertEquals(150, info.examples());
        assertEquals(15, info.labels());
        assertEquals("system", info.author());
        assertTrue(info.metrics().containsKey("oosThreshold"));
        assertTrue(info.metrics().containsKey("accuracy"));
        assertTrue(Files.isRegularFile(dir.resolve("fa/model-1.bin")));
        assertTrue(Files.readString(dir.resolve("fa/model-1.json")).contains("\"oosThreshold\""));
        first.deactivate();

        IntentServiceImpl second = service(true); // models exist: nothing is trained again
        assertTrue(second.jobs().isEmpty());
        assertEquals("agent.request", second.classify("اپراتور", "fa").label());
        assertEquals(1, second.classify("hello", "en").modelVersion());
        second.deactivate();
    }

    @Test
    void everyTrainingIsANewVersionAndAnyVersionCanBeActivatedAgain() throws Exception {
        IntentServiceImpl svc = service(true);
        assertTrue(svc.awaitIdle(60, TimeUnit.SECONDS));
        TrainingJob job = svc.train("en", EN_V2, "alice", "parcels");
        assertEquals(TrainingJob.State.QUEUED, job.state());
        assertTrue(svc.awaitIdle(60, TimeUnit.SECONDS));
        TrainingJob done = svc.job(job.id()).orElseThrow();
        assertEquals(TrainingJob.State.SUCCEEDED, done.state(), done.message());
        assertEquals(2, done.modelVersion());
        assertEquals(done, svc.jobs().get(0)); // newest first

        IntentPrediction v2 = svc.classify("where is my parcel now", "en");
        assertEquals("parcel", v2.label());
        assertEquals(2, v2.modelVersion());
        List<IntentModelInfo> models = svc.models("en");
        assertEquals(List.of(2, 1), models.stream().map(IntentModelInfo::version).toList());
        assertTrue(models.get(0).active());
        assertFalse(models.get(1).active());
        assertEquals("alice", models.get(0).author());
        assertEquals("parcels", models.get(0).comment());
        assertEquals(12, models.get(0).examples()); // oos rows are not counted as intent examples
        assertEquals(3, models.get(0).labels());
        assertEquals(EN_V2, svc.trainingData("en", 2).orElseThrow(), "the examples are kept for export");
        assertTrue(svc.trainingData("en", 1).orElseThrow().contains(","), "the shipped examples too");
        assertTrue(svc.trainingData("en", 9).isEmpty());

        IntentModelInfo back = svc.activate("en", 1, "bob");
        assertEquals(1, back.version());
        assertTrue(back.active());
        assertEquals(1, svc.classify("hello", "en").modelVersion());
        assertTrue(svc.models("en").get(1).active());
        assertEquals("1", Files.readString(dir.resolve("en/active")).strip());
        svc.deactivate();

        IntentServiceImpl restarted = service(true); // the active version survives a restart
        assertEquals(1, restarted.classify("hello", "en").modelVersion());
        assertEquals(1, restarted.classify("سلام", "fa").modelVersion());
        restarted.deactivate();
    }

    @Test
    void badInputIsRefusedBeforeAJobStarts() {
        IntentServiceImpl svc = service(false);
        assertEquals(IntentPrediction.unknown(), svc.classify("hello", "en"));
        assertTrue(svc.models("fa").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> svc.train("en", "hello,greeting\nbye,goodbye\n", "a", "c"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> svc.train("en", "text,label\nhello,greeting\n  ,goodbye\n", "a", "c"));
        assertEquals("line 3: empty text", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> svc.train("en", "text,label\nhi,greeting\n", "a", "c"));
        assertThrows(IllegalArgumentException.class, () -> svc.train("de", EN_V2, "a", "c"));
        assertThrows(IllegalArgumentException.class, () -> svc.activate("en", 9, "a"));
        assertTrue(svc.jobs().isEmpty());
        svc.deactivate();
    }

    @Test
    void dataDirDefaultsUnderKarafData() {
        assertEquals(Path.of("/x/y"), IntentServiceImpl.dataDir(" /x/y "));
        String saved = System.getProperty("karaf.data");
        try {
            System.setProperty("karaf.data", "/opt/pishkhan/data");
            assertEquals(Path.of("/opt/pishkhan/data/pishkhan/intents"), IntentServiceImpl.dataDir(""));
        } finally {
            if (saved == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", saved);
            }
        }
    }
}
