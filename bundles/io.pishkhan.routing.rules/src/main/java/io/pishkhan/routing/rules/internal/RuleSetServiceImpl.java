package io.pishkhan.routing.rules.internal;

import io.pishkhan.api.conversation.AgentDirectory;
import io.pishkhan.api.model.Queue;
import io.pishkhan.api.model.Skill;
import io.pishkhan.api.routing.DryRunCase;
import io.pishkhan.api.routing.DryRunResult;
import io.pishkhan.api.routing.RuleDeployment;
import io.pishkhan.api.routing.RuleProblem;
import io.pishkhan.api.routing.RuleSetException;
import io.pishkhan.api.routing.RuleSetService;
import io.pishkhan.api.routing.RuleSetVersion;
import io.pishkhan.api.routing.TriageInput;
import io.pishkhan.api.routing.TriageResult;
import io.pishkhan.api.routing.TriageService;
import io.pishkhan.api.store.ConfigStore;
import io.pishkhan.api.store.RuleSetStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing rule engine: triage with the live rule set (and the canary on its share of conversations), and the
 * admin side (validate, dry run, deploy, canary, rollback). Versions and the live deployment are kept in the
 * {@link RuleSetStore}; every change is audited in the {@link ConfigStore} (kind {@value #AUDIT_KIND}).
 *
 * <p>Concurrency: the compiled active and canary rule sets sit in one {@link AtomicReference} together with their
 * deployment; triage reads it once, so a conversation is decided by exactly one version even while a deploy swaps
 * it. Changes are serialized by a lock and swap the reference only after the store has accepted them.
 */
@Component(service = {TriageService.class, RuleSetService.class}, configurationPid = RuleSetServiceImpl.PID)
@Designate(ocd = RulesConfig.class)
public class RuleSetServiceImpl implements TriageService, RuleSetService {
    static final String PID = "io.pishkhan.routing.rules";
    static final String AUDIT_KIND = "ruleset";
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetServiceImpl.class);

    /** One consistent view of what is live. */
    record Live(RuleDeployment deployment, CompiledRuleSet active, CompiledRuleSet canary) {
        static final Live NONE = new Live(RuleDeployment.NONE, null, null);
    }

    private final RuleSetStore store;
    private final AgentDirectory directory;
    private final ConfigStore audit;
    private final Clock clock;
    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final AtomicReference<Live> live = new AtomicReference<>(Live.NONE);
    private final Object changes = new Object();
    private volatile ZoneId zone;
    private volatile int maxDryRunCases;

    @Activate
    public RuleSetServiceImpl(@Reference(name = "store") RuleSetStore store,
            @Reference(name = "directory") AgentDirectory directory, @Reference(name = "audit") ConfigStore audit,
            RulesConfig config) {
        this(store, directory, audit, Clock.systemUTC(), zone(config.timeZone()), config.maxDryRunCases());
    }

    RuleSetServiceImpl(RuleSetStore store, AgentDirectory directory, ConfigStore audit, Clock clock, ZoneId zone,
            int maxDryRunCases) {
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.maxDryRunCases = maxDryRunCases;
        live.set(load());
    }

    @Modified
    void modified(RulesConfig config) {
        this.zone = zone(config.timeZone());
        this.maxDryRunCases = config.maxDryRunCases();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null || id.isBlank() ? "Asia/Tehran" : id.strip());
        } catch (DateTimeException e) {
            LOG.error("rule sets: unknown time zone '{}', using UTC", id);
            return ZoneId.of("UTC");
        }
    }

    // ------------------------------------------------------------------ triage

    @Override
    public TriageResult triage(TriageInput input) {
        try {
            Live l = live.get();
            CompiledRuleSet rules = l.active;
            if (l.canary != null && bucket(input.conversation().id()) < l.deployment.canaryPercent()) {
                rules = l.canary;
            }
            return rules == null ? TriageResult.defaults(null) : rules.evaluate(RuleContext.of(input, zone));
        } catch (RuntimeException e) {
            LOG.error("triage failed", e);
            return new TriageResult(null, 0, Map.of(), null, null, Map.of(), "triage failed: " + e);
        }
    }

    /**
     * The canary bucket 0-99 of a conversation: stable across restarts and JVMs ({@code String.hashCode} is
     * specified), mixed (murmur3 finalizer) so that sequential ids spread evenly.
     */
    static int bucket(String conversationId) {
        int h = conversationId.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, 100);
    }

    // ------------------------------------------------------------------ admin

    @Override
    public List<RuleProblem> validate(String source) {
        return compiler.compile(source, "draft", references()).problems();
    }

    @Override
    public DryRunResult dryRun(String source, List<DryRunCase> cases) {
        if (cases.size() > maxDryRunCases) {
            throw new IllegalArgumentException("a dry run takes at most " + maxDryRunCases + " conversations, not "
                    + cases.size());
        }
        CompiledRuleSet draft = compileOrThrow(source, "draft");
        ZoneId z = zone;
        List<DryRunResult.Row> rows = new ArrayList<>(cases.size());
        int changed = 0;
        int failed = 0;
        for (DryRunCase c : cases) {
            TriageResult r = draft.evaluate(RuleContext.of(c.input(), z));
            DryRunResult.Row row = new DryRunResult.Row(c.input().conversation().id(), c.actualQueue(), r.queueId(),
                    r.priority(), r.ruleName(), r.error());
            rows.add(row);
            if (r.failed()) {
                failed++;
            } else if (row.changed()) {
                changed++;
            }
        }
        return new DryRunResult(rows, changed, failed);
    }

    @Override
    public RuleSetVersion deploy(String source, String author, String comment) {
        CompiledRuleSet compiled = compileOrThrow(source, "draft");
        synchronized (changes) {
            Instant now = clock.instant();
            RuleSetVersion v = store.saveVersion(source, author, comment, now);
            RuleDeployment d = new RuleDeployment(v.version(), 0, 0, author, now);
            store.saveDeployment(d);
            live.set(new Live(d, compiled.withVersion(String.valueOf(v.version())), null));
            audit(author, v.version(), "deploy", comment);
            LOG.info("rule set version {} deployed by {} ({} rules)", v.version(), author, compiled.size());
            return v;
        }
    }

    @Override
    public RuleSetVersion startCanary(String source, int percent, String author, String comment) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("canary share must be 1-100 %, not " + percent);
        }
        CompiledRuleSet compiled = compileOrThrow(source, "draft");
        synchronized (changes) {
            Instant now = clock.instant();
            Live cur = live.get();
            RuleSetVersion v = store.saveVersion(source, author, comment, now);
            RuleDeployment d = new RuleDeployment(cur.deployment.activeVersion(), v.version(), percent, author, now);
            store.saveDeployment(d);
            live.set(new Live(d, cur.active, compiled.withVersion(String.valueOf(v.version()))));
            audit(author, v.version(), "canary-start", percent + "%" + (comment == null ? "" : ": " + comment));
            LOG.info("rule set version {} on canary ({} %) by {}", v.version(), percent, author);
            return v;
        }
    }

    @Override
    public RuleDeployment endCanary(boolean promote, String author) {
        synchronized (changes) {
            Live cur = live.get();
            int canary = cur.deployment.canaryVersion();
            if (canary == 0) {
                return cur.deployment;
            }
            if (promote && cur.canary == null) {
                throw new IllegalStateException("canary version " + canary + " does not compile; end it without"
                        + " promoting");
            }
            Instant now = clock.instant();
            RuleDeployment d = new RuleDeployment(promote ? canary : cur.deployment.activeVersion(), 0, 0, author, now);
            store.saveDeployment(d);
            live.set(new Live(d, promote ? cur.canary : cur.active, null));
            audit(author, canary, promote ? "canary-promote" : "canary-end", null);
            LOG.info("rule set canary {} {} by {}", canary, promote ? "promoted" : "ended", author);
            return d;
        }
    }

    /** Makes {@code version} active again; version 0 switches rules off (every conversation gets the defaults). */
    @Override
    public RuleDeployment rollback(int version, String author) {
        CompiledRuleSet compiled = null;
        if (version != 0) {
            RuleSetVersion v = store.version(version)
                    .orElseThrow(() -> new IllegalArgumentException("no rule set version " + version));
            compiled = compileOrThrow(v.source(), String.valueOf(version));
        }
        synchronized (changes) {
            Instant now = clock.instant();
            RuleDeployment d = new RuleDeployment(version, 0, 0, author, now);
            store.saveDeployment(d);
            live.set(new Live(d, compiled, null));
            audit(author, version, "rollback", null);
            LOG.info("rule set rolled back to version {} by {}", version, author);
            return d;
        }
    }

    @Override
    public List<RuleSetVersion> versions() {
        return store.versions();
    }

    @Override
    public RuleDeployment deployment() {
        return live.get().deployment;
    }

    // ------------------------------------------------------------------ internals

    private CompiledRuleSet compileOrThrow(String source, String version) {
        RuleSetCompiler.Compilation c = compiler.compile(source, version, references());
        if (!c.ok()) {
            throw new RuleSetException(c.problems());
        }
        return c.ruleSet();
    }

    private RuleSetCompiler.References references() {
        Set<String> queues = directory.queues().stream().map(Queue::id).collect(Collectors.toUnmodifiableSet());
        Set<String> skills = directory.skills().stream().map(Skill::id).collect(Collectors.toUnmodifiableSet());
        return new RuleSetCompiler.References(queues, skills);
    }

    private void audit(String actor, int version, String action, String detail) {
        try {
            audit.audit(actor, AUDIT_KIND, String.valueOf(version), action, detail);
        } catch (RuntimeException e) {
            // the change itself is stored with author and time in the version/deployment records
            LOG.error("rule set {} {} by {}: audit record failed", action, version, actor, e);
        }
    }

    /** The live deployment from the store; a version that no longer compiles is logged and left out. */
    private Live load() {
        RuleDeployment d;
        try {
            d = store.deployment();
        } catch (RuntimeException e) {
            LOG.error("rule sets: cannot read the live deployment, triage uses the defaults", e);
            return Live.NONE;
        }
        CompiledRuleSet active = loadVersion(d.activeVersion(), "active");
        CompiledRuleSet canary = d.canaryVersion() > 0 ? loadVersion(d.canaryVersion(), "canary") : null;
        LOG.info("rule sets: active version {}{}", d.activeVersion(),
                d.canaryVersion() > 0 ? ", canary " + d.canaryVersion() + " on " + d.canaryPercent() + " %" : "");
        return new Live(d, active, canary);
    }

    private CompiledRuleSet loadVersion(int version, String role) {
        if (version <= 0) {
            return null;
        }
        Optional<RuleSetVersion> v;
        try {
            v = store.version(version);
        } catch (RuntimeException e) {
            LOG.error("rule sets: cannot read {} version {}, triage uses the defaults for it", role, version, e);
            return null;
        }
        if (v.isEmpty()) {
            LOG.error("rule sets: {} version {} is not in the store, triage uses the defaults for it", role, version);
            return null;
        }
        RuleSetCompiler.Compilation c = compiler.compile(v.get().source(), String.valueOf(version),
                RuleSetCompiler.References.NONE);
        if (!c.ok()) {
            LOG.error("rule sets: {} version {} does not compile, triage uses the defaults for it: {}", role, version,
                    c.problems());
            return null;
        }
        try {
            List<RuleProblem> refs = compiler.compile(v.get().source(), "check", references()).problems();
            if (!refs.isEmpty()) {
                LOG.warn("rule sets: {} version {} refers to unknown queues or skills: {}", role, version, refs);
            }
        } catch (RuntimeException e) {
            LOG.debug("rule sets: reference check of version {} skipped", version, e);
        }
        return c.ruleSet();
    }
}
