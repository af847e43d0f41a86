package io.pishkhan.console.internal.ui;

import io.pishkhan.api.bot.FlowService;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.IntentPrediction;
import io.pishkhan.api.nlu.IntentService;
import io.pishkhan.api.nlu.TrainingJob;
import io.pishkhan.console.internal.logic.FlowText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** In-memory chatbot services (knowledge base, intents, flows) that behave like the real ones where views depend on it. */
final class ChatbotFakes {
    private ChatbotFakes() {
    }

    static final class Kb implements KnowledgeBase {
        final Map<String, Article> articles = new LinkedHashMap<>();
        final Map<String, long[]> votes = new HashMap<>();
        final List<String> actors = new ArrayList<>();
        /** The arguments of the last search: query, language, channel, limit. */
        List<Object> lastSearch;
        private int next = 1;

        @Override
        public List<Article> articles() {
            return List.copyOf(articles.values());
        }

        @Override
        public Optional<Article> article(String id) {
            return Optional.ofNullable(articles.get(id));
        }

        @Override
        public Article save(Article a, String actor) {
            if (a.title() == null || a.title().isBlank()) {
                throw new IllegalArgumentException("title is required");
            }
            if (a.body() == null || a.body().isBlank()) {
                throw new IllegalArgumentException("body is required");
            }
            if (!Set.of("fa", "en").contains(a.language())) {
                throw new IllegalArgumentException("language must be fa or en");
            }
            String id = a.id().isBlank() ? "a" + next++ : a.id();
            Article saved = new Article(id, a.title(), a.body(), a.tags(), a.language(), a.channels(), a.published(),
                    a.link(), Instant.now(), actor);
            articles.put(id, saved);
            actors.add(actor);
            return saved;
        }

        @Override
        public boolean delete(String id, String actor) {
            actors.add(actor);
            return articles.remove(id) != null;
        }

        @Override
        public ImportResult importCsv(String csv, String actor) {
            String[] lines = csv.split("\n");
            if (!lines[0].startsWith("title,")) {
                throw new IllegalArgumentException("line 1: the header must start with title");
            }
            int imported = 0;
            List<String> errors = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                if (f.length < 4 || f[0].isBlank()) {
                    errors.add("line " + (i + 1) + ": title is required");
                    continue;
                }
                save(new Article("", f[0], f[1], Set.of(), f[3], Set.of(), true, null, null, null), actor);
                imported++;
            }
            return new ImportResult(imported, errors);
        }

        @Override
        public ImportResult importMarkdown(String markdown, String language, String actor) {
            int imported = 0;
            for (String section : markdown.split("(?m)^# ")) {
                if (section.isBlank()) {
                    continue;
                }
                String[] parts = section.split("\n", 2);
                save(new Article("", parts[0].strip(), parts.length > 1 ? parts[1] : "-", Set.of(), language,
                        Set.of(), false, null, null, null), actor);
                imported++;
            }
            return new ImportResult(imported, List.of());
        }

        @Override
        public List<Passage> search(String query, String language, String channel, int limit) {
            lastSearch = java.util.Arrays.asList(query, language, channel, limit);
            String q = query.toLowerCase(Locale.ROOT);
            List<Passage> out = new ArrayList<>();
            for (Article a : articles.values()) {
                if (!a.published() || !a.visibleOn(channel) || language != null && !language.equals(a.language())) {
                    continue;
                }
                int score = 0;
                for (String w : q.split("\\s+")) {
                    if (w.length() > 2 && (a.title() + " " + a.body()).toLowerCase(Locale.ROOT).contains(w)) {
                        score++;
                    }
                }
                if (score > 0) {
                    out.add(new Passage(a.id(), a.title(), a.body(), a.link(), score, a.language()));
                }
            }
            out.sort((x, y) -> Double.compare(y.score(), x.score()));
            return out.subList(0, Math.min(limit, out.size()));
        }

        @Override
        public void feedback(String articleId, String conversationId, boolean helpful) {
            votes.computeIfAbsent(articleId, k -> new long[2])[helpful ? 0 : 1]++;
        }

        @Override
        public Map<String, long[]> feedbackCounts() {
            return votes;
        }
    }

    static final class Intents implements IntentService {
        final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
        final Map<String, List<IntentModelInfo>> models = new TreeMap<>();
        final List<String> trained = new ArrayList<>();
        /** language of the last classify call. */
        String classifiedIn;
        private int nextJob = 1;

        @Override
        public IntentPrediction classify(String text, String language) {
            classifiedIn = language;
            if (text.contains("joke")) {
                return new IntentPrediction(null, 0.2, true, List.of(new IntentPrediction.Scored("card.lost", 0.2)),
                        1);
            }
            return new IntentPrediction("card.lost", 0.87, false, List.of(new IntentPrediction.Scored("card.lost",
                    0.87), new IntentPrediction.Scored("balance", 0.1)), 1);
        }

        @Override
        public TrainingJob train(String language, String csv, String author, String comment) {
            if (!csv.startsWith("text,label")) {
                throw new IllegalArgumentException("line 1: the header must be text,label");
            }
            trained.add(language + "|" + author + "|" + comment);
            TrainingJob j = new TrainingJob("job-" + nextJob++, language, TrainingJob.State.QUEUED, 0, null, 0,
                    Instant.now(), null);
            jobs.put(j.id(), j);
            return j;
        }

        /** What the background training would report next. */
        void update(String id, TrainingJob.State state, double progress, String message, int version) {
            TrainingJob j = jobs.get(id);
            boolean done = state == TrainingJob.State.SUCCEEDED || state == TrainingJob.State.FAILED;
            jobs.put(id, new TrainingJob(id, j.language(), state, progress, message, version, j.startedAt(),
                    done ? Instant.now() : null));
            if (state == TrainingJob.State.SUCCEEDED) {
                List<IntentModelInfo> list = models.computeIfAbsent(j.language(), k -> new ArrayList<>());
                list.replaceAll(m -> withActive(m, false));
                list.add(0, new IntentModelInfo(j.language(), version, 120, 6, Instant.now(), "admin", "new data",
                        true, Map.of("accuracy", 0.934, "oosThreshold", 0.35)));
            }
        }

        private static IntentModelInfo withActive(IntentModelInfo m, boolean active) {
            return new IntentModelInfo(m.language(), m.version(), m.examples(), m.labels(), m.trainedAt(), m.author(),
                    m.comment(), active, m.metrics());
        }

        @Override
        public Optional<TrainingJob> job(String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public List<TrainingJob> jobs() {
            List<TrainingJob> l = new ArrayList<>(jobs.values());
            java.util.Collections.reverse(l);
            return l;
        }

        @Override
        public List<IntentModelInfo> models(String language) {
            return List.copyOf(models.getOrDefault(language, List.of()));
        }

        @Override
        public IntentModelInfo activate(String language, int version, String actor) {
            List<IntentModelInfo> list = models.getOrDefault(language, new ArrayList<>());
            if (list.stream().noneMatch(m -> m.version() == version)) {
                throw new IllegalArgumentException("no model " + version);
            }
            list.replaceAll(m -> withActive(m, m.version() == version));
            trained.add("activate " + language + " " + version + " " + actor);
            return list.stream().filter(m -> m.version() == version).findFirst().orElseThrow();
        }
    }

    static final class Flows implements FlowService {
        final Map<String, String> flows = new TreeMap<>();
        final List<String> actors = new ArrayList<>();

        @Override
        public List<String> flows() {
            return List.copyOf(flows.values());
        }

        @Override
        public Optional<String> flow(String intent) {
            return Optional.ofNullable(flows.get(intent));
        }

        @Override
        public List<String> validate(String json) {
            if (json == null || !json.strip().startsWith("{")) {
                return List.of("line 1: not a JSON object");
            }
            return FlowText.intentOf(json) == null ? List.of("line 1: \"intent\" is required") : List.of();
        }

        @Override
        public String save(String json, String actor) {
            List<String> p = validate(json);
            if (!p.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", p));
            }
            String intent = FlowText.intentOf(json);
            flows.put(intent, json);
            actors.add(actor);
            return intent;
        }

        @Override
        public boolean delete(String intent, String actor) {
            actors.add(actor);
            return flows.remove(intent) != null;
        }
    }
}
