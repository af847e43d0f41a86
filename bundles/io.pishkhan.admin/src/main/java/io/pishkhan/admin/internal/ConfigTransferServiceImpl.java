package io.pishkhan.admin.internal;

import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigTransferService;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.TransferException;
import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link ConfigTransferService}: the archive is a zip with {@code manifest.json}
 * ({@code {"format":1,"applianceVersion","createdAt","parts":[kinds],"notIncluded":[...],
 * "items":[{"kind","id","file","sha256"}]}}) and one file per item under {@code items/<kind>/}:
 * <ul>
 * <li>ConfigStore entities of the kinds in {@link #STORE_KINDS}: the stored JSON document as it is;</li>
 * <li>{@value ConfigTransferService#KIND_RULESET}/{@code active}: the source of the deployed rule set version;</li>
 * <li>{@value ConfigTransferService#KIND_ARTICLE}: an article as JSON (title, body, tags, language, channels,
 * published, link);</li>
 * <li>{@value ConfigTransferService#KIND_SETTINGS}: the values of a component's configuration form as JSON
 * ({@code field -> [values]}); password fields only when asked for.</li>
 * </ul>
 * Previews are kept in memory for {@link #PREVIEW_TTL} (at most {@link #MAX_PREVIEWS}).
 */
@Component(service = ConfigTransferService.class)
public final class ConfigTransferServiceImpl implements ConfigTransferService {
    /** ConfigStore kinds in apply order (skills before the queues and agents that name them). */
    static final List<String> STORE_KINDS = List.of("skill", "queue", "agent", "schedule", "blacklist", "flow");
    static final String AUDIT_KIND = "config-transfer";
    static final String MANIFEST = "manifest.json";
    static final int FORMAT = 1;
    static final Duration PREVIEW_TTL = Duration.ofHours(1);
    static final int MAX_PREVIEWS = 20;
    static final int MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
    static final String MASK = "********";
    private static final int MAX_DIFF_LINES = 40;

    private final ConfigStore store;
    private final String version;
    private final Clock clock;
    private final Map<String, Pending> previews = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RuleSetService ruleSets;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KnowledgeBase knowledgeBase;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationService configurations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile io.pishkhan.api.nlu.IntentService intents;

    @Activate
    public ConfigTransferServiceImpl(BundleContext context, @Reference ConfigStore store) {
        this(store, context.getBundle().getVersion().toString(), Clock.systemUTC());
    }

    ConfigTransferServiceImpl(ConfigStore store, String version, Clock clock) {
        this.store = store;
        this.version = version;
        this.clock = clock;
    }

    /** One item's file content. */
    record Item(String kind, String id, String content) {
        String key() {
            return kind + "/" + id;
        }
    }

    private record Snapshot(Map<String, Item> items, List<String> parts, List<String> notIncluded) {
    }

    private record Pending(TransferPreview preview, Map<String, Item> archived, Instant at) {
    }

    // ---------------------------------------------------------------- export

    @Override
    public byte[] export(boolean includePasswords, String actor) throws TransferException {
        Snapshot snap = snapshot(includePasswords);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Object> listed = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Item item : snap.items().values()) {
                String file = "items/" + item.kind() + "/" + URLEncoder.encode(item.id(), StandardCharsets.UTF_8)
                        + ".txt";
                byte[] data = item.content().getBytes(StandardCharsets.UTF_8);
                zip.putNextEntry(new ZipEntry(file));
                zip.write(data);
                zip.closeEntry();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", item.kind());
                m.put("id", item.id());
                m.put("file", file);
                m.put("sha256", sha256(data));
                listed.add(m);
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("applianceVersion", version);
            manifest.put("createdAt", clock.instant().toString());
            manifest.put("passwordsIncluded", includePasswords);
            manifest.put("parts", snap.parts());
            manifest.put("notIncluded", snap.notIncluded());
            manifest.put("items", listed);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(MiniJson.pretty(manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new TransferException("could not write the archive: " + e.getMessage(), e);
        }
        store.audit(actor, AUDIT_KIND, "export", "config.export",
                snap.items().size() + " items" + (includePasswords ? ", with passwords" : ""));
        return bytes.toByteArray();
    }

    /** Everything this appliance can export now, keyed kind/id. */
    private Snapshot snapshot(boolean includePasswords) {
        Map<String, Item> items = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        List<String> notIncluded = new ArrayList<>();
        ConfigurationService cs = configurations;
        if (cs == null) {
            notIncluded.add(KIND_SETTINGS + ": the configuration service is not running");
        } else {
            parts.add(KIND_SETTINGS);
            boolean factories = false;
            for (ConfigForm form : cs.forms()) {
                if (form.factory()) {
                    factories = true;
                    continue;
                }
                Map<String, Object> values = new TreeMap<>();
                for (ConfigField f : form.fields()) {
                    List<String> v = form.values().get(f.id());
                    if (v == null || (f.type() == ConfigField.Type.PASSWORD && !includePasswords)) {
                        continue;
                    }
                    values.put(f.id(), v);
                }
                put(items, new Item(KIND_SETTINGS, form.pid(), MiniJson.pretty(values)));
            }
            if (factories) {
                notIncluded.add(KIND_SETTINGS
                        + ": factory configurations (their PIDs are generated per appliance; create them on the target)");
            }
            if (!includePasswords) {
                notIncluded.add(KIND_SETTINGS + ": password fields (not asked for)");
            }
        }
        for (String kind : STORE_KINDS) {
            parts.add(kind);
            for (ConfigEntry e : store.list(kind)) {
                put(items, new Item(kind, e.id(), e.json()));
            }
        }
        RuleSetService rs = ruleSets;
        if (rs == null) {
            notIncluded.add(KIND_RULESET + ": the rule set service is not running");
        } else {
            parts.add(KIND_RULESET);
            RuleDeployment d = rs.deployment();
            if (d != null && d.activeVersion() > 0) {
                rs.versions().stream().filter(v -> v.version() == d.activeVersion()).findFirst()
                        .ifPresent(v -> put(items, new Item(KIND_RULESET, "active", v.source())));
            }
            notIncluded.add(KIND_RULESET
                    + ": version history and canary (the deployed version is moved; the target keeps its own history)");
        }
        KnowledgeBase kb = knowledgeBase;
        if (kb == null) {
            notIncluded.add(KIND_ARTICLE + ": the knowledge base is not running");
        } else {
            parts.add(KIND_ARTICLE);
            for (Article a : kb.articles()) {
                put(items, new Item(KIND_ARTICLE, a.id(), articleJson(a)));
            }
            notIncluded.add(KIND_ARTICLE + ": helpful/not-helpful feedback (runtime data)");
        }
        io.pishkhan.api.nlu.IntentService is = intents;
        if (is == null) {
            notIncluded.add(KIND_INTENTS + ": the intent service is not running");
        } else {
            parts.add(KIND_INTENTS);
            for (String lang : List.of("fa", "en")) {
                is.models(lang).stream().filter(io.pishkhan.api.nlu.IntentModelInfo::active).findFirst()
                        .flatMap(m -> is.trainingData(lang, m.version()))
                        .ifPresent(csv -> put(items, new Item(KIND_INTENTS, lang, csv)));
            }
            notIncluded.add(KIND_INTENTS + ": older model versions (the target trains a new version from the"
                    + " active model's examples)");
        }
        notIncluded.add("users and API tokens: credentials are not moved between appliances");
        return new Snapshot(items, parts, notIncluded);
    }

    private static void put(Map<String, Item> items, Item item) {
        items.put(item.key(), item);
    }

    static String articleJson(Article a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", a.title());
        m.put("body", a.body());
        m.put("tags", new ArrayList<>(new java.util.TreeSet<>(a.tags())));
        m.put("language", a.language());
        m.put("channels", new ArrayList<>(new java.util.TreeSet<>(a.channels())));
        m.put("published", a.published());
        m.put("link", a.link());
        return MiniJson.pretty(m);
    }

    @SuppressWarnings("unchecked")
    static Article article(String id, String json) {
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(json);
        return new Article(id, (String) m.get("title"), (String) m.get("body"), strings(m.get("tags")),
                (String) m.get("language"), strings(m.get("channels")), Boolean.TRUE.equals(m.get("published")),
                (String) m.get("link"), null, null);
    }

    private static Set<String> strings(Object o) {
        Set<String> out = new LinkedHashSet<>();
        if (o instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    // ---------------------------------------------------------------- preview

    @Override
    public TransferPreview preview(InputStream in) throws TransferException {
        Map<String, byte[]> files = unzip(in);
        byte[] mf = files.get(MANIFEST);
        if (mf == null) {
            throw new TransferException("not a configuration archive: " + MANIFEST + " is missing");
        }
        Map<?, ?> manifest;
        try {
            Object parsed = MiniJson.parse(new String(mf, StandardCharsets.UTF_8));
            if (!(parsed instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("not an object");
            }
            manifest = m;
        } catch (IllegalArgumentException e) {
            throw new TransferException(MANIFEST + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(manifest.get("format") instanceof Long fmt) || fmt != FORMAT) {
            throw new TransferException(MANIFEST + ": unsupported format " + manifest.get("format") + " (expected "
                    + FORMAT + ")");
        }
        String source = manifest.get("applianceVersion") instanceof String v ? v : null;
        if (source == null) {
            throw new TransferException(MANIFEST + ": applianceVersion is missing");
        }
        if (!major(source).equals(major(version))) {
            throw new TransferException("the archive comes from appliance version " + source
                    + ", this appliance is " + version + ": major versions differ");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(String.valueOf(manifest.get("createdAt")));
        } catch (RuntimeException e) {
            throw new TransferException(MANIFEST + ": createdAt is missing or invalid");
        }
        if (!(manifest.get("items") instanceof List<?> listed)) {
            throw new TransferException(MANIFEST + ": items is missing");
        }
        Set<String> known = new LinkedHashSet<>(STORE_KINDS);
        known.addAll(List.of(KIND_SETTINGS, KIND_RULESET, KIND_ARTICLE, KIND_INTENTS));
        Map<String, Item> archived = new LinkedHashMap<>();
        for (Object o : listed) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("kind") instanceof String kind)
                    || !(m.get("id") instanceof String id) || !(m.get("file") instanceof String file)
                    || !(m.get("sha256") instanceof String sum)) {
                throw new TransferException(MANIFEST + ": an item lacks kind, id, file or sha256: " + o);
            }
            if (!known.contains(kind)) {
                throw new TransferException("unknown kind '" + kind + "' (item " + id + "); known: " + known);
            }
            byte[] data = files.get(file);
            if (data == null) {
                throw new TransferException("item " + kind + "/" + id + ": file " + file + " is missing");
            }
            if (!sha256(data).equalsIgnoreCase(sum)) {
                throw new TransferException("item " + kind + "/" + id + ": checksum mismatch (" + file
                        + " was changed or damaged)");
            }
            Item item = new Item(kind, id, new String(data, StandardCharsets.UTF_8));
            if (KIND_SETTINGS.equals(kind) || KIND_ARTICLE.equals(kind)) {
                try {
                    if (KIND_ARTICLE.equals(kind)) {
                        article(id, item.content());
                    } else if (!(MiniJson.parse(item.content()) instanceof Map)) {
                        throw new IllegalArgumentException("not an object");
                    }
                } catch (RuntimeException e) {
                    throw new TransferException("item " + item.key() + " is invalid: " + e.getMessage(), e);
                }
            }
            archived.put(item.key(), item);
        }
        Set<String> parts = new LinkedHashSet<>();
        if (manifest.get("parts") instanceof List<?> p) {
            p.forEach(x -> parts.add(String.valueOf(x)));
        }
        List<String> notIncluded = new ArrayList<>();
        if (manifest.get("notIncluded") instanceof List<?> n) {
            n.forEach(x -> notIncluded.add("archive: " + x));
        }

        Snapshot here = snapshot(true);
        notIncluded.addAll(here.notIncluded().stream().filter(s -> s.contains("not running")).map(s -> "here: " + s)
                .toList());
        Map<String, ConfigForm> forms = new LinkedHashMap<>();
        ConfigurationService cs = configurations;
        if (cs != null) {
            cs.forms().forEach(f -> forms.put(f.pid(), f));
        }
        List<TransferItem> items = new ArrayList<>();
        for (Item a : archived.values()) {
            if (!here.parts().contains(a.kind())) {
                items.add(new TransferItem(a.kind(), a.id(), Change.ADDED, null, display(a, forms, null),
                        "cannot be applied: " + a.kind() + " is not running here"));
                continue;
            }
            Item b = here.items().get(a.key());
            if (KIND_SETTINGS.equals(a.kind()) && b != null) {
                b = restrict(b, a); // only the fields the archive carries are compared (others stay as they are)
            }
            if (b == null) {
                String after = display(a, forms, null);
                items.add(new TransferItem(a.kind(), a.id(), Change.ADDED, null, after, diff("", after)));
            } else if (normalize(b).equals(normalize(a))) {
                items.add(new TransferItem(a.kind(), a.id(), Change.UNCHANGED, display(b, forms, null),
                        display(a, forms, null), ""));
            } else {
                String before = display(b, forms, null);
                String after = display(a, forms, b);
                items.add(new TransferItem(a.kind(), a.id(), Change.CHANGED, before, after, diff(before, after)));
            }
        }
        for (Item b : here.items().values()) {
            if (!archived.containsKey(b.key()) && parts.contains(b.kind()) && !KIND_SETTINGS.equals(b.kind())
                    && !KIND_RULESET.equals(b.kind()) && !KIND_INTENTS.equals(b.kind())) {
                String before = display(b, forms, null);
                items.add(new TransferItem(b.kind(), b.id(), Change.REMOVED, before, null, diff(before, "")));
            }
        }
        String id = UUID.randomUUID().toString();
        TransferPreview preview = new TransferPreview(id, source, createdAt, items, notIncluded);
        prune();
        previews.put(id, new Pending(preview, archived, clock.instant()));
        return preview;
    }

    private Map<String, byte[]> unzip(InputStream in) throws TransferException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                any = true;
                if (e.isDirectory()) {
                    continue;
                }
                byte[] data = zip.readNBytes(MAX_ARCHIVE_BYTES + 1);
                total += data.length;
                if (total > MAX_ARCHIVE_BYTES) {
                    throw new TransferException("the archive is larger than " + MAX_ARCHIVE_BYTES + " bytes");
                }
                files.put(e.getName(), data);
            }
        } catch (ZipException e) {
            throw new TransferException("not a valid zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransferException("could not read the archive: " + e.getMessage(), e);
        }
        if (!any) {
            throw new TransferException("not a valid zip archive (no entries)");
        }
        return files;
    }

    private void prune() {
        Instant limit = clock.instant().minus(PREVIEW_TTL);
        previews.values().removeIf(p -> p.at().isBefore(limit));
        while (previews.size() >= MAX_PREVIEWS) {
            previews.entrySet().stream().min(Map.Entry.comparingByValue((x, y) -> x.at().compareTo(y.at())))
                    .ifPresent(e -> previews.remove(e.getKey()));
        }
    }

    static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    @SuppressWarnings("unchecked")
    private static Item restrict(Item here, Item archived) {
        Map<String, Object> h = (Map<String, Object>) MiniJson.parse(here.content());
        Map<String, Object> a = (Map<String, Object>) MiniJson.parse(archived.content());
        Map<String, Object> out = new TreeMap<>();
        for (String k : a.keySet()) {
            if (h.containsKey(k)) {
                out.put(k, h.get(k));
            }
        }
        return new Item(here.kind(), here.id(), MiniJson.pretty(out));
    }

    /** Parsed and written again, so formatting alone is no change; raw text when it is not JSON. */
    private static String normalize(Item item) {
        if (KIND_RULESET.equals(item.kind()) || KIND_INTENTS.equals(item.kind())) {
            return item.content().strip();
        }
        try {
            return MiniJson.write(MiniJson.parse(item.content()));
        } catch (IllegalArgumentException e) {
            return item.content();
        }
    }

    /**
     * The item as text for people: JSON indented; settings as {@code field = values} lines with password fields
     * masked ({@code compareTo} given: "(changed)" when the password differs from it).
     */
    @SuppressWarnings("unchecked")
    private static String display(Item item, Map<String, ConfigForm> forms, Item compareTo) {
        if (KIND_RULESET.equals(item.kind()) || KIND_INTENTS.equals(item.kind())) {
            return item.content();
        }
        Object parsed;
        try {
            parsed = MiniJson.parse(item.content());
        } catch (IllegalArgumentException e) {
            return item.content();
        }
        if (!KIND_SETTINGS.equals(item.kind()) || !(parsed instanceof Map<?, ?>)) {
            return MiniJson.pretty(parsed);
        }
        Set<String> secret = new LinkedHashSet<>();
        ConfigForm form = forms.get(item.id());
        if (form != null) {
            form.fields().stream().filter(f -> f.type() == ConfigField.Type.PASSWORD).forEach(f -> secret.add(f.id()));
        }
        Map<String, Object> other = compareTo == null ? Map.of()
                : (Map<String, Object>) MiniJson.parse(compareTo.content());
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) parsed).entrySet()) {
            String key = e.getKey();
            boolean hidden = secret.contains(key) || key.toLowerCase(java.util.Locale.ROOT).contains("password")
                    || key.toLowerCase(java.util.Locale.ROOT).contains("secret");
            String value;
            if (hidden) {
                value = MASK + (compareTo != null && !String.valueOf(e.getValue()).equals(String.valueOf(other.get(key)))
                        ? " (changed)" : "");
            } else if (e.getValue() instanceof List<?> l) {
                value = String.join(", ", l.stream().map(String::valueOf).toList());
            } else {
                value = String.valueOf(e.getValue());
            }
            b.append(key).append(" = ").append(value).append('\n');
        }
        return b.toString();
    }

    /** A line diff (longest common subsequence): {@code "- "} removed, {@code "+ "} added, at most 40 lines. */
    static String diff(String before, String after) {
        String[] x = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] y = after.isEmpty() ? new String[0] : after.split("\n", -1);
        if ((long) x.length * y.length > 4_000_000L) {
            return "(too large to compare line by line: " + x.length + " -> " + y.length + " lines)";
        }
        int[][] l = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                l[i][j] = x[i].equals(y[j]) ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.length || j < y.length) {
            if (i < x.length && j < y.length && x[i].equals(y[j])) {
                i++;
                j++;
            } else if (i < x.length && (j == y.length || l[i + 1][j] >= l[i][j + 1])) {
                out.add("- " + x[i++]);
            } else {
                out.add("+ " + y[j++]);
            }
        }
        out.removeIf(s -> s.equals("+ ") || s.equals("- "));
        if (out.size() > MAX_DIFF_LINES) {
            int more = out.size() - MAX_DIFF_LINES;
            out = new ArrayList<>(out.subList(0, MAX_DIFF_LINES));
            out.add("... " + more + " more lines");
        }
        return String.join("\n", out);
    }

    // ---------------------------------------------------------------- apply

    @Override
    public TransferResult apply(String previewId, Set<String> keys, String actor) throws TransferException {
        Pending pending = previewId == null ? null : previews.get(previewId);
        if (pending == null || pending.at().isBefore(clock.instant().minus(PREVIEW_TTL))) {
            throw new TransferException("unknown or expired preview " + previewId + ": upload the archive again");
        }
        boolean all = keys == null || keys.isEmpty();
        Map<String, TransferItem> byKey = new LinkedHashMap<>();
        pending.preview().items().forEach(t -> byKey.put(t.key(), t));
        List<String> applied = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        if (!all) {
            for (String k : keys) {
                if (!byKey.containsKey(k)) {
                    failed.put(k, "not in the preview");
                }
            }
        }
        List<String> order = new ArrayList<>();
        order.add(KIND_SETTINGS);
        order.addAll(STORE_KINDS);
        order.add(KIND_RULESET);
        order.add(KIND_ARTICLE);
        order.add(KIND_INTENTS);
        for (String kind : order) {
            for (TransferItem t : byKey.values()) {
                if (!t.kind().equals(kind) || t.change() == Change.UNCHANGED || !(all || keys.contains(t.key()))) {
                    continue;
                }
                try {
                    applyOne(t, pending.archived().get(t.key()), actor);
                    applied.add(t.key());
                } catch (ConfigValidationException e) {
                    failed.put(t.key(), "invalid: " + e.getMessage());
                } catch (Exception e) {
                    failed.put(t.key(), e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        store.audit(actor, AUDIT_KIND, previewId, "config.import",
                "applied " + applied.size() + ", failed " + failed.size() + (failed.isEmpty() ? ""
                        : ": " + String.join(", ", failed.keySet())));
        return new TransferResult(applied, failed);
    }

    @SuppressWarnings("unchecked")
    private void applyOne(TransferItem t, Item item, String actor) throws Exception {
        String comment = "configuration import";
        boolean remove = t.change() == Change.REMOVED;
        switch (t.kind()) {
            case KIND_SETTINGS -> {
                ConfigurationService cs = require(configurations, "the configuration service");
                if (cs.form(t.id()).isEmpty()) {
                    throw new IllegalStateException("no component with PID " + t.id() + " here");
                }
                Map<String, List<String>> values = new LinkedHashMap<>();
                ((Map<String, Object>) MiniJson.parse(item.content())).forEach((k, v) -> values.put(k,
                        v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
                cs.save(t.id(), values, actor);
            }
            case KIND_RULESET -> {
                RuleSetService rs = require(ruleSets, "the rule set service");
                RuleSetVersion v = rs.deploy(item.content(), actor, comment);
                if (v == null) {
                    throw new IllegalStateException("the rule set was not deployed");
                }
            }
            case KIND_ARTICLE -> {
                KnowledgeBase kb = require(knowledgeBase, "the knowledge base");
                if (remove) {
                    kb.delete(t.id(), actor);
                } else {
                    kb.save(article(t.id(), item.content()), actor);
                }
            }
            case KIND_INTENTS -> {
                io.pishkhan.api.nlu.IntentService is = require(intents, "the intent service");
                if (remove) {
                    throw new IllegalStateException("an intent model is not removed by an import");
                }
                is.train(t.id(), item.content(), actor, comment); // validated now, trained in the background
            }
            default -> {
                if (remove) {
                    store.delete(t.kind(), t.id(), actor, comment);
                } else {
                    store.put(t.kind(), t.id(), item.content(), actor, comment);
                }
            }
        }
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException(what + " is not running");
        }
        return service;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
