package io.pishkhan.console.internal.logic;

import io.pishkhan.api.nlu.TrainingJob;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Texts of the intents screen: a training job's progress, a model's metrics, and a first look at a training CSV
 * ({@code text,label}) so the admin sees how many examples and intents he is about to train on.
 */
public final class TrainingText {
    /** The label of out-of-scope examples. */
    public static final String OOS = "oos";

    /** What a training file holds. */
    public record Summary(int examples, int labels, int outOfScope) {
    }

    private TrainingText() {
    }

    /** Progress 0..1 clamped (NaN: 0), for the progress bar. */
    public static double clamp(double progress) {
        return Double.isNaN(progress) ? 0 : Math.max(0, Math.min(1, progress));
    }

    /** {@code 42%} or {@code ۴۲٪}; rounded down so that 100% means finished. */
    public static String percent(double progress, boolean persian) {
        int p = (int) Math.floor(clamp(progress) * 100 + 1e-9);
        return persian ? Dates.persianDigits(Integer.toString(p)) + "٪" : p + "%";
    }

    /** A metric 0..1 as a percentage with one decimal ({@code 93.4%}, {@code ۹۳٫۴٪}); null or NaN: "". */
    public static String ratio(Double value, boolean persian) {
        if (value == null || value.isNaN()) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.1f", value * 100);
        return persian ? Dates.persianDigits(s).replace('.', '٫') + "٪" : s + "%";
    }

    /** A score or threshold with two decimals ({@code 0.35}, {@code ۰٫۳۵}); null or NaN: "". */
    public static String decimal(Double value, boolean persian) {
        if (value == null || value.isNaN()) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return persian ? Dates.persianDigits(s).replace('.', '٫') : s;
    }

    /** QUEUED and RUNNING jobs are polled; SUCCEEDED and FAILED are done. */
    public static boolean finished(TrainingJob job) {
        return job.state() == TrainingJob.State.SUCCEEDED || job.state() == TrainingJob.State.FAILED;
    }

    /** The progress shown by the bar: a finished job is full, whatever it last reported. */
    public static double shownProgress(TrainingJob job) {
        return finished(job) ? 1 : clamp(job.progress());
    }

    /**
     * Counts the examples and distinct labels of a training CSV: a header naming {@code text} and {@code label} (any
     * order, any case, other columns ignored), then one example per line, RFC 4180 quoting. Blank lines are skipped.
     * The service checks the rest (it is the authority: this only catches a wrong file early).
     *
     * @throws InputException {@code csv.empty}, {@code training.header}, {@code csv.quote}
     */
    public static Summary summarize(String csv) {
        List<DryRunCsv.Row> rows = DryRunCsv.records(csv == null ? "" : csv);
        rows.removeIf(r -> r.fields().stream().allMatch(String::isBlank));
        if (rows.isEmpty()) {
            throw new InputException("csv.empty", "the file has no lines");
        }
        List<String> header = rows.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int text = header.indexOf("text");
        int label = header.indexOf("label");
        if (text < 0 || label < 0) {
            throw new InputException("training.header", "the header must name the columns text and label");
        }
        Set<String> labels = new HashSet<>();
        int examples = 0;
        int oos = 0;
        for (DryRunCsv.Row r : rows.subList(1, rows.size())) {
            List<String> f = r.fields();
            String l = label < f.size() ? f.get(label).strip() : "";
            examples++;
            if (OOS.equalsIgnoreCase(l)) {
                oos++;
            } else if (!l.isEmpty()) {
                labels.add(l);
            }
        }
        return new Summary(examples, labels.size(), oos);
    }
}
