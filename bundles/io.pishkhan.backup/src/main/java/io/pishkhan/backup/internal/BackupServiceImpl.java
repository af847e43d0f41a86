package io.pishkhan.backup.internal;

import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import io.pishkhan.api.store.ConversationStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BackupService} on the appliance's DataSource, with an optional daily backup. */
@Component(service = BackupService.class, configurationPid = BackupServiceImpl.PID)
@Designate(ocd = BackupConfig.class)
public final class BackupServiceImpl implements BackupService {
    static final String PID = "io.pishkhan.backup";
    private static final Logger LOG = LoggerFactory.getLogger(BackupServiceImpl.class);

    private final Backups backups;
    private final int keep;
    private final ScheduledExecutorService scheduler;

    /**
     * @param store referenced so that the database schema exists (the store migrates it) before the first backup
     */
    @Activate
    public BackupServiceImpl(@Reference(target = "(dataSourceName=pishkhan)") DataSource dataSource,
            @Reference ConversationStore store, BackupConfig config) {
        Path home = Path.of(System.getProperty("karaf.home", "."));
        Path etc = Path.of(System.getProperty("karaf.etc", home.resolve("etc").toString()));
        Path data = Path.of(System.getProperty("karaf.data", home.resolve("data").toString()));
        Path dir = Path.of(config.directory().isBlank() ? "backups" : config.directory());
        this.backups = new Backups(dataSource, home.resolve(dir), etc, data,
                globs(config.etcFiles()), Clock.systemUTC());
        this.keep = config.keep();
        LocalTime at = dailyAt(config.dailyAt());
        if (at == null) {
            scheduler = null;
        } else {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pishkhan-backup");
                t.setDaemon(true);
                return t;
            });
            long delay = delayUntil(at, ZonedDateTime.now());
            scheduler.scheduleAtFixedRate(this::scheduled, delay, TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
            LOG.info("daily backup at {} into {}", at, backups.root());
        }
    }

    /** A .cfg file gives a String[] attribute as one comma-separated string: split it. */
    static List<String> globs(String[] values) {
        return Arrays.stream(values == null ? new String[0] : values).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(g -> !g.isEmpty()).toList();
    }

    static LocalTime dailyAt(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(s.trim());
        } catch (DateTimeParseException e) {
            LOG.warn("dailyAt '{}' is not a time HH:mm: no automatic backup", s);
            return null;
        }
    }

    static long delayUntil(LocalTime at, ZonedDateTime now) {
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next).toMillis();
    }

    private void scheduled() {
        try {
            Backup b = backup();
            LOG.info("daily backup {} ({} bytes)", b.id(), b.sizeBytes());
        } catch (IOException | RuntimeException e) {
            LOG.error("daily backup failed", e);
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public Backup backup() throws IOException {
        Backup b = backups.backup();
        List<String> pruned = backups.prune(keep);
        if (!pruned.isEmpty()) {
            LOG.info("deleted old backups {}", pruned);
        }
        return b;
    }

    @Override
    public List<Backup> backups() {
        return backups.list();
    }

    @Override
    public Optional<Backup> backup(String id) {
        return backups.find(id);
    }

    @Override
    public void export(String id, OutputStream out) throws IOException {
        backups.zip(id, out);
    }

    @Override
    public void scheduleRestore(String id) throws IOException {
        backups.scheduleRestore(id);
        LOG.warn("backup {} will be restored at the next start (bin/pishkhan stop; bin/pishkhan start)", id);
    }

    @Override
    public Optional<String> pendingRestore() {
        return backups.pendingRestore();
    }

    @Override
    public void delete(String id) throws IOException {
        backups.delete(id);
    }
}
