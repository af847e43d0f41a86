package io.pishkhan.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.TransferException;
import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleProblem;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ConfigTransferServiceImplTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    /** One appliance: a store, rule sets, a knowledge base, component settings. */
    static final class Appliance {
        final MapStore store = new MapStore();
        final FakeRules rules = new FakeRules();
        final FakeKb kb = new FakeKb();
        final FakeSettings settings = new FakeSettings();
        final ConfigTransferServiceImpl service;

        Appliance(String version) {
            service = new ConfigTransferServiceImpl(store, version, CLOCK);
            service.ruleSets = rules;
            service.knowledgeBase = kb;
            service.configurations = settings;
        }
    }

    static Appliance source() {
        Appliance a = new Appliance("0.1.0");
        a.store.put("queue", "sales", "{\"id\":\"sales\",\"name\":\"فروش\"}", "admin", "");
        a.store.put("queue", "support", "{\"id\":\"support\",\"name\":\"Support\"}", "admin", "");
        a.store.put("skill", "fa", "{\"id\":\"fa\"}", "admin", "");
        a.store.put("schedule", "default", "{\"id\":\"default\",\"days\":[1,2,3]}", "admin", "");
        a.rules.deploy("when channel = webchat then queue sales", "admin", "");
        a.kb.save(new Article("a1", "ساعات کاری", "شنبه تا چهارشنبه", Set.of("hours"), "fa", Set.of(), true, null,
                null, null), "admin");
        a.settings.add("io.pishkhan.core", Map.of("routing.defaultQueue", List.of("sales"), "smtp.password",
                List.of("s3cret")));
        return a;
    }

    static Appliance target() {
        Appliance b = new Appliance("0.2.0");
        b.store.put("queue", "support", "{\"id\":\"support\",\"name\":\"Help desk\"}", "admin", "");
        b.store.put("queue", "old", "{\"id\":\"old\"}", "admin", "");
        b.store.put("skill", "fa", "{ \"id\" : \"fa\" }", "admin", ""); // same document, other formatting
        b.rules.deploy("when channel = email then queue support", "admin", "");
        b.kb.save(new Article("a2", "Old", "gone", Set.of(), "en", Set.of(), true, null, null, null), "admin");
        b.settings.add("io.pishkhan.core", Map.of("routing.defaultQueue", List.of("support"), "smtp.password",
                List.of("other")));
        return b;
    }

    static Map<String, Change> changes(TransferPreview p) {
        Map<String, Change> m = new TreeMap<>();
        p.items().forEach(t -> m.put(t.key(), t.change()));
        return m;
    }

    /** An intent service with one active model per language it was given examples for. */
    static final class FakeIntents implements io.pishkhan.api.nlu.IntentService {
        final Map<String, String> active = new LinkedHashMap<>();
        final List<String> trained = new java.util.ArrayList<>();

        @Override
        public io.pishkhan.api.nlu.IntentPrediction classify(String text, String language) {
            return io.pishkhan.api.nlu.IntentPrediction.unknown();
        }

        @Override
        public io.pishkhan.api.nlu.TrainingJob train(String language, String csv, String author, String comment) {
            if (!csv.contains(",")) {
                throw new IllegalArgumentException("not a CSV of text,label");
            }
            trained.add(language + " by " + author);
            active.put(language, csv);
            return new io.pishkhan.api.nlu.TrainingJob("j" + trained.size(), language,
                    io.pishkhan.api.nlu.TrainingJob.State.QUEUED, 0, "queued", 0, Instant.now(), null);
        }

        @Override
        public Optional<io.pishkhan.api.nlu.TrainingJob> job(String id) {
            return Optional.empty();
        }

        @Override
        public List<io.pishkhan.api.nlu.TrainingJob> jobs() {
            return List.of();
        }

        @Override
        public List<io.pishkhan.api.nlu.IntentModelInfo> models(String language) {
            return active.containsKey(language) ? List.of(new io.pishkhan.api.nlu.IntentModelInfo(language, 3, 10, 2,
                    Instant.now(), "admin", "", true, Map.of())) : List.of();
        }

        @Override
        public Optional<String> trainingData(String language, int version) {
            return version == 3 ? Optional.ofNullable(active.get(language)) : Optional.empty();
        }

        @Override
        public io.pishkhan.api.nlu.IntentModelInfo activate(String language, int version, String actor) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theActiveIntentModelsTravelAsTrainingExamplesAndAreTrainedOnTheTarget() throws Exception {
        Appliance a = source();
        FakeIntents sourceIntents = new FakeIntents();
        sourceIntents.active.put("fa", "text,label\nکارتم گم شده,card.lost\nموجودی,balance\n");
        a.service.intents = sourceIntents;
        Appliance b = target();
        FakeIntents targetIntents = new FakeIntents();
        targetIntents.active.put("en", "text,label\nlost my card,card.lost\nbalance,balance\n");
        b.service.intents = targetIntents;

        byte[] zip = a.service.export(false, "admin");
        assertTrue(unzip(zip).get("items/intents/fa.txt").contains("کارتم گم شده"));
        TransferPreview p = b.service.preview(new ByteArrayInputStream(zip));
        assertEquals(Change.ADDED, changes(p).get("intents/fa"));
        assertFalse(changes(p).containsKey("intents/en"), "a model the archive lacks is kept, not removed");
        assertTrue(item(p, "intents/fa").diff().contains("+ کارتم گم شده,card.lost"), item(p, "intents/fa").diff());

        TransferResult r = b.service.apply(p.previewId(), Set.of("intents/fa"), "root");
        assertEquals(List.of("intents/fa"), r.applied(), r.failed().toString());
        assertEquals(List.of("fa by root"), targetIntents.trained);
        assertEquals(sourceIntents.active.get("fa"), targetIntents.active.get("fa"));
    }

    @Test
    void exportWritesAManifestWithChecksumsAndLeavesPasswordsOut() throws Exception {
        Appliance a = source();
        Map<String, String> files = unzip(a.service.export(false, "admin"));
        String manifest = files.get("manifest.json");
        assertTrue(manifest.contains("\"applianceVersion\": \"0.1.0\""), manifest);
        assertTrue(manifest.contains("\"createdAt\": \"2026-11-23T10:00:00Z\""), manifest);
        assertTrue(manifest.contains("\"sha256\""), manifest);
        assertTrue(manifest.contains("password fields (not asked for)"), manifest);
        assertTrue(manifest.contains("intents: the intent service is not running"), manifest);
        assertEquals(7, files.size() - 1, files.keySet().toString()); // 4 store entries, rule set, article, settings
        assertFalse(files.values().stream().anyMatch(s -> s.contains("s3cret")), "no password in the archive");
        assertTrue(files.get("items/queue/sales.txt").contains("فروش"));
        assertEquals("config.export", a.store.audit.get(a.store.audit.size() - 1).action());

        Map<String, String> withPasswords = unzip(a.service.export(true, "admin"));
        assertTrue(withPasswords.values().stream().anyMatch(s -> s.contains("s3cret")));
    }

    @Test
    void previewListsEveryDifferenceAndApplyMakesTheTargetLikeTheSource() throws Exception {
        Appliance a = source();
        Appliance b = target();
        byte[] zip = a.service.export(true, "admin");
        TransferPreview p = b.service.preview(new ByteArrayInputStream(zip));
        assertEquals("0.1.0", p.sourceVersion());
        Map<String, Change> c = changes(p);
        assertEquals(Change.ADDED, c.get("queue/sales"));
        assertEquals(Change.CHANGED, c.get("queue/support"));
        assertEquals(Change.REMOVED, c.get("queue/old"));
        assertEquals(Change.UNCHANGED, c.get("skill/fa"));
        assertEquals(Change.ADDED, c.get("schedule/default"));
        assertEquals(Change.CHANGED, c.get("ruleset/active"));
        assertEquals(Change.ADDED, c.get("kb.article/a1"));
        assertEquals(Change.REMOVED, c.get("kb.article/a2"));
        assertEquals(Change.CHANGED, c.get("settings/io.pishkhan.core"));

        TransferItem support = item(p, "queue/support");
        assertTrue(support.diff().contains("-   \"name\": \"Help desk\""), support.diff());
        assertTrue(support.diff().contains("+   \"name\": \"Support\""), support.diff());
        TransferItem settings = item(p, "settings/io.pishkhan.core");
        String shown = settings.before() + settings.after() + settings.diff();
        assertFalse(shown.contains("s3cret") || shown.contains("other"), shown);
        assertTrue(settings.after().contains("smtp.password = ******** (changed)"), settings.after());
        assertTrue(settings.diff().contains("+ routing.defaultQueue = sales"), settings.diff());

        TransferResult r = b.service.apply(p.previewId(), null, "root");
        assertTrue(r.failed().isEmpty(), r.failed().toString());
        assertEquals(8, r.applied().size(), r.applied().toString());
        assertTrue(r.applied().indexOf("settings/io.pishkhan.core") < r.applied().indexOf("queue/sales"));
        assertTrue(r.applied().indexOf("skill/fa") < 0, "unchanged items are not applied");
        assertTrue(r.applied().indexOf("queue/sales") < r.applied().indexOf("ruleset/active"));
        assertTrue(r.applied().indexOf("ruleset/active") < r.applied().indexOf("kb.article/a1"));

        Map<String, String> expected = a.store.dump();
        expected.put("skill/fa", "{ \"id\" : \"fa\" }"); // unchanged: left as it was
        assertEquals(expected, b.store.dump());
        assertEquals(a.rules.active(), b.rules.active());
        assertEquals(Set.of("a1"), b.kb.articles.keySet());
        assertEquals("شنبه تا چهارشنبه", b.kb.articles.get("a1").body());
        assertEquals(Set.of("hours"), b.kb.articles.get("a1").tags());
        assertEquals(List.of("sales"), b.settings.values.get("io.pishkhan.core").get("routing.defaultQueue"));
        assertEquals(List.of("s3cret"), b.settings.values.get("io.pishkhan.core").get("smtp.password"));
        assertTrue(b.store.audit.stream().anyMatch(x -> x.action().equals("update") && x.actor().equals("root")
                && x.entityId().equals("support")));
        assertTrue(b.store.audit.stream().anyMatch(x -> x.action().equals("delete") && x.entityId().equals("old")));
        AuditRecord last = b.store.audit.get(b.store.audit.size() - 1);
        assertEquals("config.import", last.action());
        assertTrue(last.detail().startsWith("applied 8, failed 0"), last.detail());

        TransferPreview again = b.service.preview(new ByteArrayInputStream(zip));
        assertTrue(again.items().stream().allMatch(t -> t.change() == Change.UNCHANGED), changes(again).toString());
    }

    @Test
    void withoutPasswordsTheTargetKeepsItsOwnAndTheFieldIsNotCompared() throws Exception {
        Appliance b = target();
        TransferPreview p = b.service.preview(new ByteArrayInputStream(source().service.export(false, "admin")));
        TransferItem s = item(p, "settings/io.pishkhan.core");
        assertFalse(s.after().contains("smtp.password"), s.after());
        b.service.apply(p.previewId(), Set.of(s.key()), "root");
        assertEquals(List.of("other"), b.settings.values.get("io.pishkhan.core").get("smtp.password"));
        assertEquals(List.of("sales"), b.settings.values.get("io.pishkhan.core").get("routing.defaultQueue"));
    }

    @Test
    void applySelectedItemsOnlyAndAFailureDoesNotStopTheRest() throws Exception {
        Appliance a = source();
        a.settings.add("io.pishkhan.gone", Map.of("x", List.of("1")));
        Appliance b = target();
        b.rules.reject = true;
        TransferPreview p = b.service.preview(new ByteArrayInputStream(a.service.export(false, "admin")));
        assertEquals(Change.ADDED, changes(p).get("settings/io.pishkhan.gone"));
        TransferResult r = b.service.apply(p.previewId(), Set.of("settings/io.pishkhan.gone", "ruleset/active",
                "queue/sales", "kb.article/a1", "queue/nope"), "root");
        assertEquals(List.of("queue/sales", "kb.article/a1"), r.applied());
        assertTrue(r.failed().get("settings/io.pishkhan.gone").contains("no component"), r.failed().toString());
        assertTrue(r.failed().get("ruleset/active").contains("unknown queue"), r.failed().toString());
        assertEquals("not in the preview", r.failed().get("queue/nope"));
        assertTrue(b.store.get("queue", "old").isPresent(), "not selected: kept");
        assertEquals("{\"id\":\"support\",\"name\":\"Help desk\"}", b.store.get("queue", "support").get().json());
        assertTrue(b.kb.articles.containsKey("a2"));
    }

    @Test
    void missingServicesAreReportedAsNotIncluded() throws Exception {
        Appliance a = source();
        a.service.knowledgeBase = null;
        a.service.ruleSets = null;
        Appliance b = target();
        TransferPreview p = b.service.preview(new ByteArrayInputStream(a.service.export(false, "admin")));
        assertTrue(p.notIncluded().contains("archive: kb.article: the knowledge base is not running"),
                p.notIncluded().toString());
        assertFalse(changes(p).containsKey("kb.article/a2"), "a part the source lacked removes nothing");
        assertFalse(changes(p).containsKey("ruleset/active"));

        b.service.knowledgeBase = null;
        TransferPreview q = b.service.preview(new ByteArrayInputStream(source().service.export(false, "admin")));
        assertTrue(q.notIncluded().stream().anyMatch(s -> s.startsWith("here: kb.article")), q.notIncluded().toString());
        TransferResult r = b.service.apply(q.previewId(), Set.of("kb.article/a1"), "root");
        assertTrue(r.failed().get("kb.article/a1").contains("not running"), r.failed().toString());
    }

    @Test
    void badArchivesAreRejectedWithAClearMessage() throws Exception {
        Appliance b = target();
        byte[] good = source().service.export(false, "admin");
        assertMessage(b, "not a valid zip".getBytes(StandardCharsets.UTF_8), "not a valid zip archive");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("manifest.json") ? null : text),
                "manifest.json is missing");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("manifest.json") ? "{not json" : text),
                "manifest.json is not valid JSON");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("items/queue/sales.txt") ? "{\"id\":\"x\"}" : text),
                "queue/sales: checksum mismatch");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("manifest.json")
                ? text.replace("\"kind\": \"schedule\"", "\"kind\": \"spaceship\"") : text), "unknown kind 'spaceship'");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("manifest.json")
                ? text.replace("\"applianceVersion\": \"0.1.0\"", "\"applianceVersion\": \"1.4.2\"") : text),
                "major versions differ");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("items/queue/sales.txt") ? null : text),
                "file items/queue/sales.txt is missing");
        assertMessage(b, rewrite(good, (name, text) -> name.equals("manifest.json")
                ? text.replace("\"format\": 1", "\"format\": 9") : text), "unsupported format 9");
    }

    @Test
    void anUnknownPreviewIsRefused() {
        Appliance b = target();
        TransferException e = assertThrows(TransferException.class, () -> b.service.apply("nope", null, "root"));
        assertTrue(e.getMessage().contains("unknown or expired preview"));
    }

    @Test
    void lineDiff() {
        assertEquals("- b\n+ x", ConfigTransferServiceImpl.diff("a\nb\nc", "a\nx\nc"));
        assertEquals("+ a", ConfigTransferServiceImpl.diff("", "a"));
        assertEquals("", ConfigTransferServiceImpl.diff("same", "same"));
    }

    @Test
    void miniJsonRoundTrip() {
        String text = "{\"a\":[1,2.5,true,null,\"x\\\"y\\n\\u0628\"],\"b\":{}}";
        Object parsed = MiniJson.parse(text);
        assertEquals("{\"a\":[1,2.5,true,null,\"x\\\"y\\nب\"],\"b\":{}}", MiniJson.write(parsed));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("[1,"));
    }

    private static TransferItem item(TransferPreview p, String key) {
        return p.items().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    private static void assertMessage(Appliance b, byte[] zip, String expected) {
        TransferException e = assertThrows(TransferException.class,
                () -> b.service.preview(new ByteArrayInputStream(zip)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    interface Edit {
        String apply(String name, String text);
    }

    static byte[] rewrite(byte[] zip, Edit edit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : unzip(zip).entrySet()) {
                String text = edit.apply(e.getKey(), e.getValue());
                if (text != null) {
                    out.putNextEntry(new ZipEntry(e.getKey()));
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------------ fakes

    static final class MapStore implements ConfigStore {
        final Map<String, ConfigEntry> entries = new TreeMap<>();
        final List<AuditRecord> audit = new ArrayList<>();

        Map<String, String> dump() {
            return entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().json(), (x, y) -> x, TreeMap::new));
        }

        @Override
        public List<ConfigEntry> list(String kind) {
            return entries.values().stream().filter(e -> e.kind().equals(kind)).toList();
        }

        @Override
        public Optional<ConfigEntry> get(String kind, String id) {
            return Optional.ofNullable(entries.get(kind + "/" + id));
        }

        @Override
        public ConfigEntry put(String kind, String id, String json, String actor, String comment) {
            ConfigEntry e = new ConfigEntry(kind, id, json, Instant.now(), actor);
            boolean existed = entries.put(kind + "/" + id, e) != null;
            audit(actor, kind, id, existed ? "update" : "create", comment);
            return e;
        }

        @Override
        public boolean delete(String kind, String id, String actor, String comment) {
            boolean existed = entries.remove(kind + "/" + id) != null;
            if (existed) {
                audit(actor, kind, id, "delete", comment);
            }
            return existed;
        }

        @Override
        public void audit(String actor, String kind, String entityId, String action, String detail) {
            audit.add(new AuditRecord(audit.size() + 1, Instant.now(), actor, kind, entityId, action, detail));
        }

        @Override
        public List<AuditRecord> auditLog(String kind, int limit) {
            return List.copyOf(audit);
        }
    }

    static final class FakeRules implements RuleSetService {
        final List<RuleSetVersion> versions = new ArrayList<>();
        int active;
        boolean reject;

        String active() {
            return versions.get(active - 1).source();
        }

        @Override
        public List<RuleProblem> validate(String source) {
            return List.of();
        }

        @Override
        public DryRunResult dryRun(String source, List<DryRunCase> cases) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuleSetVersion deploy(String source, String author, String comment) {
            if (reject) {
                throw new IllegalArgumentException("line 1: unknown queue sales");
            }
            RuleSetVersion v = new RuleSetVersion(versions.size() + 1, source, author, Instant.now(), comment);
            versions.add(v);
            active = v.version();
            return v;
        }

        @Override
        public RuleSetVersion startCanary(String source, int percent, String author, String comment)
                throws RuleSetException {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuleDeployment endCanary(boolean promote, String author) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuleDeployment rollback(int version, String author) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RuleSetVersion> versions() {
            return List.copyOf(versions);
        }

        @Override
        public RuleDeployment deployment() {
            return active == 0 ? RuleDeployment.NONE : new RuleDeployment(active, 0, 0, "admin", Instant.now());
        }
    }

    static final class FakeKb implements KnowledgeBase {
        final Map<String, Article> articles = new TreeMap<>();

        @Override
        public List<Article> articles() {
            return List.copyOf(articles.values());
        }

        @Override
        public Optional<Article> article(String id) {
            return Optional.ofNullable(articles.get(id));
        }

        @Override
        public Article save(Article article, String actor) {
            articles.put(article.id(), article);
            return article;
        }

        @Override
        public boolean delete(String id, String actor) {
            return articles.remove(id) != null;
        }

        @Override
        public ImportResult importCsv(String csv, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImportResult importMarkdown(String markdown, String language, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Passage> search(String query, String language, String channel, int limit) {
            return List.of();
        }

        @Override
        public void feedback(String articleId, String conversationId, boolean helpful) {
        }

        @Override
        public Map<String, long[]> feedbackCounts() {
            return Map.of();
        }
    }

    /** Every field a string, fields named *password* are PASSWORD fields. */
    static final class FakeSettings implements ConfigurationService {
        final Map<String, Map<String, List<String>>> values = new TreeMap<>();

        void add(String pid, Map<String, List<String>> v) {
            values.put(pid, new TreeMap<>(v));
        }

        private ConfigForm form0(String pid) {
            Map<String, List<String>> v = values.get(pid);
            List<ConfigField> fields = v.keySet().stream().map(k -> new ConfigField(k, k, null,
                    k.contains("password") ? ConfigField.Type.PASSWORD : ConfigField.Type.STRING, 0, List.of(), false,
                    null, null, Map.of())).toList();
            return new ConfigForm(pid, pid, null, "io.pishkhan.core", false, fields, v);
        }

        @Override
        public List<ConfigForm> forms() {
            List<ConfigForm> out = new ArrayList<>(values.keySet().stream().map(this::form0).toList());
            out.add(new ConfigForm("io.pishkhan.factory", "factory", null, "x", true, List.of(), Map.of()));
            return out;
        }

        @Override
        public Optional<ConfigForm> form(String pid) {
            return values.containsKey(pid) ? Optional.of(form0(pid)) : Optional.empty();
        }

        @Override
        public Map<String, String> validate(String pid, Map<String, List<String>> v) {
            return Map.of();
        }

        @Override
        public ConfigForm save(String pid, Map<String, List<String>> v, String actor)
                throws ConfigValidationException {
            values.get(pid).putAll(v);
            return form0(pid);
        }
    }

    @SuppressWarnings("unused")
    private static final UnaryOperator<String> NONE = s -> s;
}
