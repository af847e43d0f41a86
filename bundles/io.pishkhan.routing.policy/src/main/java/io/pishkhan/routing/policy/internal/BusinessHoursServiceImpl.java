package io.pishkhan.routing.policy.internal;

import io.pishkhan.api.routing.BusinessHours;
import io.pishkhan.api.routing.BusinessHoursService;
import io.pishkhan.api.routing.PolicyValidationException;
import io.pishkhan.api.store.AuditRecord;
import io.pishkhan.api.store.ConfigEntry;
import io.pishkhan.api.store.ConfigStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business-hours schedules kept in the {@link ConfigStore} (kind {@value #KIND}, one JSON document per schedule),
 * compiled once and cached; {@link #save} and {@link #delete} refresh the cache. Reads are lock-free.
 */
@Component(service = {BusinessHoursService.class, io.pishkhan.api.store.ConfigChangeListener.class},
        configurationPid = BusinessHoursConfig.PID, property = "pishkhan.config.kinds=" + BusinessHoursServiceImpl.KIND)
@Designate(ocd = BusinessHoursConfig.class)
public class BusinessHoursServiceImpl implements BusinessHoursService, io.pishkhan.api.store.ConfigChangeListener {
    static final String KIND = "schedule";
    static final String SAMPLE_ID = "tehran-office";
    static final String SAMPLE_RESOURCE = "tehran-office.json";
    private static final Logger LOG = LoggerFactory.getLogger(BusinessHoursServiceImpl.class);

    /** The configuration as plain values (tests build it without an annotation instance). */
    record Settings(String closedMessageFa, String closedMessageEn, int searchDays, boolean seedDefault) {
        static Settings of(BusinessHoursConfig c) {
            return new Settings(c.closedMessage_fa(), c.closedMessage_en(), Math.max(1, c.nextOpening_days()),
                    c.seed_default());
        }
    }

    private final ConfigStore store;
    private volatile Settings settings;
    /** Compiled schedules by id; replaced as a whole on every change. */
    private volatile Map<String, CompiledSchedule> schedules = Map.of();

    @Activate
    public BusinessHoursServiceImpl(@Reference ConfigStore store, BusinessHoursConfig config) {
        this(store, Settings.of(config));
    }

    BusinessHoursServiceImpl(ConfigStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        if (settings.seedDefault()) {
            seedSample();
        }
        reload();
    }

    @Modified
    void modified(BusinessHoursConfig config) {
        settings = Settings.of(config);
    }

    /** Stores the sample schedule once: only when no schedule was ever saved (deleting it later sticks). */
    private void seedSample() {
        if (!store.list(KIND).isEmpty() || !store.auditLog(KIND, 1).isEmpty()) {
            return;
        }
        BusinessHours sample = sample();
        store.put(KIND, sample.id(), Json.write(sample), "system", "sample schedule");
        LOG.info("Stored the sample business-hours schedule {}", sample.id());
    }

    static BusinessHours sample() {
        try (InputStream in = BusinessHoursServiceImpl.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_RESOURCE + " missing from the bundle");
            }
            return Json.readSchedule(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schedule changed in the store (e.g. by a configuration import): compile them again. */
    @Override
    public void configChanged(String kind, String id) {
        reload();
    }

    /** Reads and compiles every stored schedule; a document that no longer compiles is logged and skipped. */
    void reload() {
        Map<String, CompiledSchedule> compiled = new HashMap<>();
        for (ConfigEntry e : store.list(KIND)) {
            try {
                List<String> problems = new ArrayList<>();
                CompiledSchedule c = CompiledSchedule.compile(Json.readSchedule(e.json()), problems);
                if (c == null) {
                    LOG.warn("Business-hours schedule {} is invalid and ignored (always open): {}", e.id(), problems);
                } else {
                    compiled.put(c.source.id(), c);
                }
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Business-hours schedule {} cannot be read and is ignored (always open): {}", e.id(),
                        ex.getMessage());
            }
        }
        schedules = Map.copyOf(compiled);
    }

    private CompiledSchedule compiled(String id) {
        return id == null ? null : schedules.get(id.strip());
    }

    @Override
    public boolean isOpen(String scheduleId, Instant at) {
        CompiledSchedule c = compiled(scheduleId);
        return c == null || c.isOpen(at);
    }

    @Override
    public Optional<Instant> nextOpening(String scheduleId, Instant at) {
        CompiledSchedule c = compiled(scheduleId);
        return c == null ? Optional.empty() : c.nextOpening(at, settings.searchDays());
    }

    @Override
    public String closedMessage(String scheduleId, String language) {
        CompiledSchedule c = compiled(scheduleId);
        boolean fa = Jalali.isPersian(language);
        String own = c == null ? null : fa ? c.source.closedMessageFa() : c.source.closedMessageEn();
        if (own != null && !own.isBlank()) {
            return own;
        }
        return fa ? settings.closedMessageFa() : settings.closedMessageEn();
    }

    @Override
    public List<BusinessHours> schedules() {
        return new TreeMap<>(schedules).values().stream().map(c -> c.source).toList();
    }

    @Override
    public Optional<BusinessHours> schedule(String id) {
        return Optional.ofNullable(compiled(id)).map(c -> c.source);
    }

    @Override
    public List<String> validate(BusinessHours schedule) {
        List<String> problems = new ArrayList<>();
        CompiledSchedule.compile(schedule, problems);
        return List.copyOf(problems);
    }

    @Override
    public synchronized BusinessHours save(BusinessHours schedule, String actor, String comment) {
        List<String> problems = new ArrayList<>();
        CompiledSchedule c = CompiledSchedule.compile(schedule, problems);
        if (c == null) {
            throw new PolicyValidationException(problems);
        }
        store.put(KIND, schedule.id(), Json.write(schedule), actor, comment);
        Map<String, CompiledSchedule> next = new HashMap<>(schedules);
        next.put(schedule.id(), c);
        schedules = Map.copyOf(next);
        return schedule;
    }

    @Override
    public synchronized boolean delete(String id, String actor, String comment) {
        if (id == null) {
            return false;
        }
        boolean deleted = store.delete(KIND, id.strip(), actor, comment);
        Map<String, CompiledSchedule> next = new HashMap<>(schedules);
        if (next.remove(id.strip()) != null) {
            schedules = Map.copyOf(next);
        }
        return deleted;
    }

    @Override
    public List<AuditRecord> audit(int limit) {
        return store.auditLog(KIND, limit);
    }

    @Override
    public String formatJalali(LocalDate date, boolean persianDigits) {
        return Jalali.format(date, persianDigits);
    }

    @Override
    public String formatJalali(Instant at, ZoneId zone, boolean persianDigits) {
        ZoneId z = zone == null ? ZoneId.of(BusinessHours.DEFAULT_TIME_ZONE) : zone;
        return Jalali.format(at.atZone(z).toLocalDate(), persianDigits);
    }

    @Override
    public LocalDate parseJalali(String text) {
        return Jalali.parse(text);
    }

    @Override
    public List<String> jalaliMonthNames(String language) {
        return Jalali.monthNames(language);
    }
}
