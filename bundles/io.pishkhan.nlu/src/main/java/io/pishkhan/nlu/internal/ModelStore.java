package io.pishkhan.nlu.internal;

import io.pishkhan.api.nlu.IntentModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Model versions on disk: {@code <dataDir>/<lang>/model-<version>.bin} (gzip, {@link IntentModel#write}),
 * {@code model-<version>.json} (metadata) and {@code active} (the active version number). Files are written to a
 * temporary name and moved into place, so a crash never leaves half a model under a version's name.
 */
final class ModelStore {
    private static final Pattern META = Pattern.compile("model-(\\d+)\\.json");

    private final Path root;

    ModelStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Metadata of a model, as stored (without the active flag, which lives in {@code active}). */
    record Meta(String language, int version, int examples, int outOfScopeExamples, List<String> labels,
            Instant trainedAt, String author, String comment, Map<String, Double> metrics) {
        IntentModelInfo info(boolean active) {
            return new IntentModelInfo(language, version, examples, labels.size(), trainedAt, author, comment,
                    active, metrics);
        }
    }

    synchronized int nextVersion(String lang) {
        return versions(lang).stream().mapToInt(Meta::version).max().orElse(0) + 1;
    }

    synchronized void save(IntentModel model, Meta meta) throws IOException {
        Path dir = Files.createDirectories(root.resolve(meta.language()));
        Path bin = dir.resolve("model-" + meta.version() + ".bin");
        Path tmp = dir.resolve("model-" + meta.version() + ".bin.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            model.write(out);
        }
        move(tmp, bin);
        writeAtomically(dir.resolve("model-" + meta.version() + ".json"), Json.writePretty(toJson(meta)) + "\n");
    }

    /** Keeps the examples a version was trained on (model-N.csv), for export. */
    synchronized void saveData(String lang, int version, String csv) throws IOException {
        Path dir = Files.createDirectories(root.resolve(lang));
        writeAtomically(dir.resolve("model-" + version + ".csv"), csv);
    }

    synchronized Optional<String> data(String lang, int version) {
        Path file = root.resolve(lang).resolve("model-" + version + ".csv");
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    IntentModel load(String lang, int version) throws IOException {
        return load(lang, version, null);
    }

    /** @param embedder the sentence embedder of {@code lang}, or null */
    IntentModel load(String lang, int version, SentenceEmbedder embedder) throws IOException {
        try (InputStream in = Files.newInputStream(root.resolve(lang).resolve("model-" + version + ".bin"))) {
            return IntentModel.read(in, embedder);
        }
    }

    long size(String lang, int version) throws IOException {
        return Files.size(root.resolve(lang).resolve("model-" + version + ".bin"));
    }

    synchronized Optional<Meta> meta(String lang, int version) {
        Path file = root.resolve(lang).resolve("model-" + version + ".json");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(root.resolve(lang).resolve("model-" + version + ".bin"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Newest first; only versions with both files. */
    synchronized List<Meta> versions(String lang) {
        Path dir = root.resolve(lang);
        List<Meta> metas = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return metas;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = META.matcher(p.getFileName().toString());
                if (m.matches()) {
                    meta(lang, Integer.parseInt(m.group(1))).ifPresent(metas::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metas.sort(Comparator.comparingInt(Meta::version).reversed());
        return metas;
    }

    synchronized OptionalInt active(String lang) {
        Path file = root.resolve(lang).resolve("active");
        try {
            if (Files.isRegularFile(file)) {
                return OptionalInt.of(Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).strip()));
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    synchronized void setActive(String lang, int version) throws IOException {
        Files.createDirectories(root.resolve(lang));
        writeAtomically(root.resolve(lang).resolve("active"), version + "\n");
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        move(tmp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Map<String, Object> toJson(Meta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", meta.language());
        m.put("version", meta.version());
        m.put("examples", meta.examples());
        m.put("outOfScopeExamples", meta.outOfScopeExamples());
        m.put("labels", meta.labels());
        m.put("trainedAt", meta.trainedAt().toString());
        m.put("author", meta.author());
        m.put("comment", meta.comment());
        m.put("metrics", meta.metrics());
        return m;
    }

    @SuppressWarnings("unchecked")
    static Meta fromJson(String json) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(json);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Object rawMetrics = m.get("metrics");
        if (rawMetrics instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof Number n) {
                    metrics.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        List<String> labels = new ArrayList<>();
        if (m.get("labels") instanceof List<?> list) {
            list.forEach(o -> labels.add(String.valueOf(o)));
        }
        return new Meta((String) m.get("language"), ((Number) m.get("version")).intValue(),
                ((Number) m.get("examples")).intValue(),
                m.get("outOfScopeExamples") instanceof Number n ? n.intValue() : 0, labels,
                Instant.parse((String) m.get("trainedAt")), (String) m.get("author"), (String) m.get("comment"),
                metrics);
    }
}
