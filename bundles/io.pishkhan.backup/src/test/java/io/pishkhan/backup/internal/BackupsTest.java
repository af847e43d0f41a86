package io.pishkhan.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.admin.Backup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {
    @TempDir
    Path tmp;
    private EmbeddedDataSource ds;
    private Path etc;
    private Path data;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T20:15:00.123Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(tmp.resolve("data/derby/pishkhan").toString());
        ds.setCreateDatabase("create");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE conversation (id VARCHAR(64) PRIMARY KEY, text VARCHAR(200))");
            s.execute("INSERT INTO conversation VALUES ('c1', 'سلام'), ('c2', 'hello')");
        }
        etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("io.pishkhan.core.cfg"), "survey.enabled=true\n");
        Files.writeString(etc.resolve("users.properties"), "admin = {CRYPT}x{CRYPT},admin\n");
        Files.writeString(etc.resolve("org.apache.karaf.shell.cfg"), "not copied\n");
        data = tmp.resolve("data");
    }

    @AfterEach
    void shutDown() {
        shutdown(tmp.resolve("data/derby/pishkhan"));
    }

    private static void shutdown(Path db) {
        try {
            DriverManager.getConnection("jdbc:derby:" + db + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception (08006)
        }
    }

    private Backups backups() {
        return new Backups(ds, tmp.resolve("backups"), etc, data,
                List.of("io.pishkhan.*.cfg", "users.properties"), clock);
    }

    @Test
    void onlineBackupHoldsTheDatabaseAndTheSelectedConfigFiles() throws Exception {
        Backups b = backups();
        Backup backup = b.backup();
        assertEquals("20261123-201500-123", backup.id());
        assertEquals(Instant.parse("2026-11-23T20:15:00.123Z"), backup.createdAt());
        assertEquals(List.of("database/pishkhan", "etc/io.pishkhan.core.cfg", "etc/users.properties"),
                backup.contents());
        assertTrue(backup.sizeBytes() > 100_000, "a Derby database is at least a few hundred KB");
        // rows written after the backup are not in it
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO conversation VALUES ('c3', 'after')");
        }
        // the backup is a database of its own that opens and holds the rows
        Path copy = Path.of(backup.location(), "database", "pishkhan");
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + copy);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, text FROM conversation ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertEquals(List.of("c1=سلام", "c2=hello"), rows);
        } finally {
            shutdown(copy);
        }
        assertEquals("survey.enabled=true\n",
                Files.readString(Path.of(backup.location(), "etc", "io.pishkhan.core.cfg")));
        assertFalse(Files.exists(Path.of(backup.location(), "etc", "org.apache.karaf.shell.cfg")));
        assertEquals(List.of(backup), b.list());
        assertEquals(backup, b.find(backup.id()).orElseThrow());
    }

    @Test
    void listsNewestFirstSkipsIncompleteFoldersAndPrunesTheOldest() throws Exception {
        Backups b = backups();
        Backup first = b.backup();
        now.set(now.get().plusSeconds(60));
        Backup second = b.backup();
        now.set(now.get().plusSeconds(60));
        Backup third = b.backup();
        // a crashed backup (no manifest) and a foreign folder are not listed
        Files.createDirectories(tmp.resolve("backups/20261123-000000-000/database"));
        Files.createDirectories(tmp.resolve("backups/notes"));
        assertEquals(List.of(third.id(), second.id(), first.id()), b.list().stream().map(Backup::id).toList());

        b.scheduleRestore(first.id());
        // keep 1: the second goes; the first stays because it is scheduled for restore
        assertEquals(List.of(second.id()), b.prune(1));
        assertEquals(List.of(third.id(), first.id()), b.list().stream().map(Backup::id).toList());
        assertThrows(IllegalStateException.class, () -> b.delete(first.id()));
        b.delete(third.id());
        assertEquals(List.of(first.id()), b.list().stream().map(Backup::id).toList());
    }

    @Test
    void sameMillisecondGetsASecondFolder() throws Exception {
        Backups b = backups();
        Backup one = b.backup();
        Backup two = b.backup();
        assertEquals(one.id() + "-2", two.id());
        assertEquals(2, b.list().size());
    }

    @Test
    void restoreIsScheduledForTheNextStartByAFileNamingTheBackupFolder() throws Exception {
        Backups b = backups();
        Backup backup = b.backup();
        assertTrue(b.pendingRestore().isEmpty());
        b.scheduleRestore(backup.id());
        assertEquals(backup.location() + "\n",
                Files.readString(data.resolve(Backups.PENDING), StandardCharsets.UTF_8));
        assertEquals(backup.id(), b.pendingRestore().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> b.scheduleRestore("20991231-000000-000"));
        assertThrows(IllegalArgumentException.class, () -> b.scheduleRestore("../../etc"));
        assertEquals(backup.id(), b.pendingRestore().orElseThrow(), "a refused request changes nothing");
    }

    @Test
    void exportIsAZipOfTheWholeFolder() throws Exception {
        Backups b = backups();
        Backup backup = b.backup();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.zip(backup.id(), out);
        Set<String> names = new TreeSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains(backup.id() + "/backup.properties"), names.toString());
        assertTrue(names.contains(backup.id() + "/etc/users.properties"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith(backup.id() + "/database/pishkhan/seg0/")),
                names.toString());
        assertThrows(IllegalArgumentException.class, () -> b.zip("nope", new ByteArrayOutputStream()));
    }

    @Test
    void anotherDatabaseIsRefusedWithAClearMessageAndLeavesNoFolder() throws Exception {
        DataSource postgres = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, a) -> {
                    if (!m.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    DatabaseMetaData md = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {DatabaseMetaData.class}, (p2, m2, a2) -> switch (m2.getName()) {
                                case "getDatabaseProductName" -> "PostgreSQL";
                                case "getURL" -> "jdbc:postgresql://localhost/pishkhan";
                                default -> throw new UnsupportedOperationException(m2.getName());
                            });
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p3, m3, a3) -> switch (m3.getName()) {
                                case "getMetaData" -> md;
                                case "close" -> null;
                                default -> throw new UnsupportedOperationException(m3.getName());
                            });
                });
        Backups b = new Backups(postgres, tmp.resolve("backups"), etc, data, List.of("*.cfg"), clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::backup);
        assertTrue(e.getMessage().contains("PostgreSQL"), e.getMessage());
        try (var files = Files.list(tmp.resolve("backups"))) {
            assertEquals(0, files.count(), "no half-written folder left");
        }
    }

    @Test
    void databaseNameComesFromTheJdbcUrl() {
        assertEquals("pishkhan", Backups.databaseName("jdbc:derby:/opt/p/data/derby/pishkhan;create=true"));
        assertEquals("pishkhan", Backups.databaseName("jdbc:derby:directory:/opt/p/data/derby/pishkhan"));
        assertEquals("db", Backups.databaseName("jdbc:derby:memory:db"));
    }

    @Test
    void globsFromACfgFileAreSplitOnCommas() {
        assertEquals(List.of("io.pishkhan.*.cfg", "users.properties", "x.cfg"),
                BackupServiceImpl.globs(new String[] {"io.pishkhan.*.cfg, users.properties", " x.cfg ", ""}));
    }

    @Test
    void dailyScheduleWaitsUntilTheNextOccurrence() {
        ZonedDateTime at = ZonedDateTime.parse("2026-11-23T02:00:00+03:30[Asia/Tehran]");
        assertEquals(3_600_000L, BackupServiceImpl.delayUntil(LocalTime.of(3, 0), at));
        assertEquals(23 * 3_600_000L, BackupServiceImpl.delayUntil(LocalTime.of(1, 0), at));
        assertEquals(null, BackupServiceImpl.dailyAt(" "));
        assertEquals(null, BackupServiceImpl.dailyAt("25:99"));
        assertEquals(LocalTime.of(3, 0), BackupServiceImpl.dailyAt("03:00"));
    }
}
