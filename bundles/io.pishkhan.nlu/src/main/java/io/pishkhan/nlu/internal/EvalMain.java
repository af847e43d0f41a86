package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentPrediction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code bin/pishkhan-eval intents --train FILE --test FILE [--lang fa|en] [--json] [--embeddings auto|off]
 * [--oos-recall 0..1]}: trains exactly as the appliance
 * does ({@link IntentTrainer.Settings#DEFAULTS}; the out-of-scope threshold comes from the training file alone,
 * training rows labelled {@code oos} are out-of-scope examples), classifies every test row and prints one JSON
 * object:
 * <ul>
 * <li>{@code accuracy}: over all test rows; an {@code oos} row is correct iff predicted out of scope, another row
 * iff its label is predicted;</li>
 * <li>{@code macro_f1}: over the labels of test and predictions, out of scope counted as label {@code oos};</li>
 * <li>when the test file has {@code oos} rows: {@code in_scope_accuracy} (non-oos rows, label predicted),
 * {@code oos_recall} (oos rows predicted out of scope / oos rows), {@code oos_precision} (oos rows predicted out
 * of scope / rows predicted out of scope);</li>
 * <li>{@code train_seconds}, {@code p50_ms}, {@code p99_ms} (classification per text, after a warm-up pass), counts,
 * and the model's cross-validated training metrics.</li>
 * </ul>
 * Exit status 2 with a message on standard error for bad arguments or bad files.
 */
public final class EvalMain {
    private EvalMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("pishkhan-eval: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0).equals("sentiment")) {
            rest.remove(0);
            return runSentiment(rest, out, err);
        }
        if (!rest.isEmpty() && rest.get(0).equals("intents")) {
            rest.remove(0);
        }
        Path train = null;
        Path test = null;
        String lang = null;
        boolean json = false;
        String embeddings = Embedders.AUTO;
        IntentTrainer.Settings settings = IntentTrainer.Settings.DEFAULTS;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--train" -> train = Path.of(value(rest, ++i, a));
                case "--test" -> test = Path.of(value(rest, ++i, a));
                case "--lang" -> {
                    lang = value(rest, ++i, a);
                    if (!lang.equals(TextNormalizer.PERSIAN) && !lang.equals(TextNormalizer.ENGLISH)) {
                        throw new IllegalArgumentException("--lang must be fa or en, not " + lang);
                    }
                }
                case "--json" -> json = true;
                case "--embeddings" -> embeddings = value(rest, ++i, a);
                case "--oos-recall" -> {
                    String v = value(rest, ++i, a);
                    try {
                        settings = settings.withOosRecallTarget(Double.parseDouble(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--oos-recall needs a number within 0..1, not " + v);
                    }
                }
                case "-h", "--help" -> {
                    out.println("usage: pishkhan-eval intents --train FILE --test FILE [--lang fa|en] [--json]"
                            + " [--embeddings auto|off] [--oos-recall 0..1]");
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (usage: pishkhan-eval intents --train FILE --test FILE [--lang fa|en] [--json]"
                        + " [--embeddings auto|off] [--oos-recall 0..1])");
            }
        }
        if (train == null || test == null) {
            throw new IllegalArgumentException("--train FILE and --test FILE are required");
        }
        List<TrainingData.Example> trainRows = read(train);
        List<TrainingData.Example> testRows = read(test);
        if (lang == null) {
            lang = TextNormalizer.language(trainRows.get(0).text());
        }
        SentenceEmbedder embedder = null;
        if (lang.equals(TextNormalizer.ENGLISH)) {
            embedder = Embedders.english(embeddings, IntentTrainer.Settings.DEFAULTS.threads(),
                    m -> err.println("pishkhan-eval: " + m));
        } else if (!embeddings.equals(Embedders.AUTO) && !embeddings.equals(Embedders.OFF)) {
            throw new IllegalArgumentException("--embeddings must be auto or off, not " + embeddings);
        }
        Map<String, Object> result = evaluate(trainRows, testRows, lang, embedder, settings);
        result.put("train_file", train.toString());
        result.put("test_file", test.toString());
        out.println(json ? Json.write(result) : Json.writePretty(result));
        return 0;
    }

    private static final String SENTIMENT_USAGE = "usage: pishkhan-eval sentiment --train FILE --test FILE"
            + " [--lang fa|en] [--json] [--embeddings auto|off]";

    /**
     * {@code sentiment}: trains as the appliance's sentiment service does ({@link Sentiment}), scores every test
     * row; labels mapped as in training (a label that is not a sentiment label is a bad file).
     */
    static int runSentiment(List<String> rest, PrintStream out, PrintStream err) {
        Path train = null;
        Path test = null;
        String lang = null;
        boolean json = false;
        String embeddings = Embedders.AUTO;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--train" -> train = Path.of(value(rest, ++i, a));
                case "--test" -> test = Path.of(value(rest, ++i, a));
                case "--lang" -> {
                    lang = value(rest, ++i, a);
                    if (!lang.equals(TextNormalizer.PERSIAN) && !lang.equals(TextNormalizer.ENGLISH)) {
                        throw new IllegalArgumentException("--lang must be fa or en, not " + lang);
                    }
                }
                case "--json" -> json = true;
                case "--embeddings" -> embeddings = value(rest, ++i, a);
                case "-h", "--help" -> {
                    out.println(SENTIMENT_USAGE);
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + " (" + SENTIMENT_USAGE + ")");
            }
        }
        if (train == null || test == null) {
            throw new IllegalArgumentException("--train FILE and --test FILE are required");
        }
        List<TrainingData.Example> trainRows = readSentiment(train);
        List<TrainingData.Example> testRows = readSentiment(test);
        if (lang == null) {
            lang = TextNormalizer.language(trainRows.get(0).text());
        }
        SentenceEmbedder embedder = null;
        if (lang.equals(TextNormalizer.ENGLISH)) {
            embedder = Embedders.english(embeddings, Sentiment.SETTINGS.threads(),
                    m -> err.println("pishkhan-eval: " + m));
        } else if (!embeddings.equals(Embedders.AUTO) && !embeddings.equals(Embedders.OFF)) {
            throw new IllegalArgumentException("--embeddings must be auto or off, not " + embeddings);
        }
        Map<String, Object> result = evaluateSentiment(trainRows, testRows, lang, embedder);
        result.put("train_file", train.toString());
        result.put("test_file", test.toString());
        out.println(json ? Json.write(result) : Json.writePretty(result));
        return 0;
    }

    private static List<TrainingData.Example> readSentiment(Path file) {
        List<TrainingData.Example> rows = read(file, true);
        try {
            return Sentiment.examples(rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static Map<String, Object> evaluateSentiment(List<TrainingData.Example> trainRows,
            List<TrainingData.Example> testRows, String lang, SentenceEmbedder embedder) {
        long start = System.nanoTime();
        List<TrainingData.Example> used = Sentiment.cap(trainRows);
        IntentTrainer.Result trained = Sentiment.train(used, embedder, Sentiment.SETTINGS, p -> {
        });
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        IntentModel model = trained.model();
        for (int i = 0; i < Math.min(500, testRows.size()); i++) {
            Sentiment.score(model, testRows.get(i).text(), 1);
        }
        int n = testRows.size();
        long[] nanos = new long[n];
        String[] predicted = new String[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            io.pishkhan.api.nlu.SentimentScore s = Sentiment.score(model, testRows.get(i).text(), 1);
            nanos[i] = System.nanoTime() - t0;
            predicted[i] = s.label() == null ? "none" : s.label();
            correct += testRows.get(i).label().equals(predicted[i]) ? 1 : 0;
        }
        int testPositive = (int) testRows.stream().filter(e -> e.label().equals(Sentiment.POSITIVE)).count();
        int trainPositive = (int) trainRows.stream().filter(e -> e.label().equals(Sentiment.POSITIVE)).count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", "sentiment");
        r.put("lang", lang);
        r.put("accuracy", round(correct / (double) n));
        r.put("macro_f1", round(macroF1(testRows, predicted)));
        r.put("embeddings", model.embedderId() == null ? Embedders.OFF : model.embedderId());
        r.put("train_seconds", round(trainSeconds));
        Arrays.sort(nanos);
        r.put("p50_ms", round(nanos[(int) Math.min(n - 1, Math.floor(0.50 * n))] / 1e6));
        r.put("p99_ms", round(nanos[(int) Math.min(n - 1, Math.floor(0.99 * n))] / 1e6));
        r.put("train_rows", trainRows.size());
        r.put("train_rows_used", used.size());
        r.put("train_positive_rows", trainPositive);
        r.put("test_rows", n);
        r.put("test_positive_rows", testPositive);
        r.put("predicted_positive", (int) Arrays.stream(predicted).filter(Sentiment.POSITIVE::equals).count());
        Map<String, Object> cv = new LinkedHashMap<>();
        trained.metrics().forEach((k, v) -> cv.put(k, round(v)));
        r.put("training_metrics", cv);
        return r;
    }

    static Map<String, Object> evaluate(List<TrainingData.Example> trainRows, List<TrainingData.Example> testRows,
            String lang) {
        return evaluate(trainRows, testRows, lang, null, IntentTrainer.Settings.DEFAULTS);
    }

    static Map<String, Object> evaluate(List<TrainingData.Example> trainRows, List<TrainingData.Example> testRows,
            String lang, SentenceEmbedder embedder, IntentTrainer.Settings settings) {
        long start = System.nanoTime();
        IntentTrainer.Result trained = new IntentTrainer(settings).train(trainRows,
                embedder, p -> {
                });
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        IntentModel model = trained.model();

        // warm-up pass (JIT), then the timed pass
        for (int i = 0; i < Math.min(500, testRows.size()); i++) {
            model.classify(testRows.get(i).text(), 1);
        }
        int n = testRows.size();
        long[] nanos = new long[n];
        String[] predicted = new String[n];
        String[] top = new String[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            IntentPrediction p = model.classify(testRows.get(i).text(), 1);
            nanos[i] = System.nanoTime() - t0;
            predicted[i] = p.outOfScope() ? TrainingData.OUT_OF_SCOPE : p.label();
            top[i] = p.alternatives().isEmpty() ? TrainingData.OUT_OF_SCOPE : p.alternatives().get(0).label();
        }
        int topCorrect = 0;
        int correct = 0;
        int oosRows = 0;
        int oosHit = 0;
        int predictedOos = 0;
        int inRows = 0;
        int inCorrect = 0;
        for (int i = 0; i < n; i++) {
            String truth = testRows.get(i).label();
            boolean ok = truth.equals(predicted[i]);
            correct += ok ? 1 : 0;
            if (TrainingData.OUT_OF_SCOPE.equals(predicted[i])) {
                predictedOos++;
            }
            if (TrainingData.OUT_OF_SCOPE.equals(truth)) {
                oosRows++;
                oosHit += ok ? 1 : 0;
            } else {
                inRows++;
                inCorrect += ok ? 1 : 0;
                topCorrect += truth.equals(top[i]) ? 1 : 0;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", "intents");
        r.put("lang", lang);
        r.put("accuracy", round(correct / (double) n));
        r.put("macro_f1", round(macroF1(testRows, predicted)));
        r.put("top_label_accuracy", inRows == 0 ? null : round(topCorrect / (double) inRows));
        r.put("embeddings", model.embedderId() == null ? Embedders.OFF : model.embedderId());
        if (oosRows > 0) {
            r.put("in_scope_accuracy", inRows == 0 ? null : round(inCorrect / (double) inRows));
            r.put("oos_recall", round(oosHit / (double) oosRows));
            r.put("oos_precision", predictedOos == 0 ? null : round(oosHit / (double) predictedOos));
        }
        r.put("predicted_oos", predictedOos);
        r.put("train_seconds", round(trainSeconds));
        Arrays.sort(nanos);
        r.put("p50_ms", round(nanos[(int) Math.min(n - 1, Math.floor(0.50 * n))] / 1e6));
        r.put("p99_ms", round(nanos[(int) Math.min(n - 1, Math.floor(0.99 * n))] / 1e6));
        r.put("train_rows", trainRows.size());
        r.put("train_oos_rows", trained.outOfScopeExamples());
        r.put("test_rows", n);
        r.put("test_oos_rows", oosRows);
        r.put("labels", model.labels().size());
        Map<String, Object> cv = new LinkedHashMap<>();
        trained.metrics().forEach((k, v) -> cv.put(k, round(v)));
        r.put("training_metrics", cv);
        return r;
    }

    private static double macroF1(List<TrainingData.Example> rows, String[] predicted) {
        TreeSet<String> labels = new TreeSet<>();
        for (int i = 0; i < rows.size(); i++) {
            labels.add(rows.get(i).label());
            labels.add(predicted[i]);
        }
        double sum = 0;
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < rows.size(); i++) {
                boolean t = rows.get(i).label().equals(label);
                boolean p = predicted[i].equals(label);
                if (t && p) {
                    tp++;
                } else if (p) {
                    fp++;
                } else if (t) {
                    fn++;
                }
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.size();
    }

    private static List<TrainingData.Example> read(Path file) {
        return read(file, false);
    }

    private static List<TrainingData.Example> read(Path file, boolean skipWithoutWords) {
        try {
            return TrainingData.parse(Files.readAllBytes(file), skipWithoutWords);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
