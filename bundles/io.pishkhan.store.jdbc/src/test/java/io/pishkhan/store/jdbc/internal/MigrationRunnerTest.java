package io.pishkhan.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {
    private final DerbyDatabase db = DerbyDatabase.inMemory();
    private final Dialect dialect = new Dialect.DerbyDialect();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static List<Migration> shipped() {
        return Migration.load(MigrationRunnerTest.class.getClassLoader(), Migration.DEFAULT_LOCATION);
    }

    private MigrationRunner runner(List<Migration> migrations) {
        return new MigrationRunner(db.dataSource(), dialect, migrations);
    }

    @Test
    void shippedMigrationsApplyOnceAndSecondStartIsANoOp() {
        List<Migration> migrations = shipped();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), migrations.stream().map(Migration::version).toList());

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), runner(migrations).migrate());
        for (String table : List.of("customer", "customer_identity", "conversation", "message",
                "conversation_event")) {
            assertTrue(db.tableExists(table), table);
        }
        List<MigrationRunner.Applied> history = runner(migrations).history();
        assertEquals(8, history.size());
        assertEquals("customers", history.get(0).description());
        assertEquals("V2__conversations_and_messages.sql", history.get(1).script());
        assertEquals(migrations.get(2).checksum(), history.get(2).checksum());
        assertEquals(64, history.get(2).checksum().length());

        assertEquals(List.of(), runner(migrations).migrate(), "second start applies nothing");
        assertEquals(8, db.count("schema_version"));
        assertEquals(history, runner(migrations).history());
    }

    @Test
    void newScriptIsAppliedOnTopOfAnExistingSchema() {
        List<Migration> v1 = List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT)"));
        assertEquals(List.of(1), runner(v1).migrate());
        List<Migration> v2 = List.of(v1.get(0), Migration.of("V2__b.sql", "CREATE TABLE b (id INT);\n"
                + "INSERT INTO b (id) VALUES (1);"));
        assertEquals(List.of(2), runner(v2).migrate());
        assertEquals(1, db.count("b"));
    }

    @Test
    void changedChecksumOfAnAppliedScriptIsAClearError() {
        runner(List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT)"))).migrate();

        List<Migration> edited = List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT, name VARCHAR(10))"),
                Migration.of("V2__b.sql", "CREATE TABLE b (id INT)"));
        MigrationException e = assertThrows(MigrationException.class, () -> runner(edited).migrate());
        assertTrue(e.getMessage().contains("V1__a.sql was changed after it was applied"), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(db.tableExists("b"), "nothing is applied when the history does not match");
        assertEquals(1, db.count("schema_version"));
    }

    @Test
    void lineEndingsDoNotChangeTheChecksum() {
        assertEquals(Migration.of("V1__a.sql", "CREATE TABLE a (id INT);\nSELECT 1;\n").checksum(),
                Migration.of("V1__a.sql", "CREATE TABLE a (id INT);\r\nSELECT 1;\r\n").checksum());
    }

    @Test
    void databaseNewerThanTheCodeIsRejected() {
        runner(List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT)"),
                Migration.of("V2__b.sql", "CREATE TABLE b (id INT)"))).migrate();
        MigrationException e = assertThrows(MigrationException.class,
                () -> runner(List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT)"))).migrate());
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    }

    @Test
    void failingScriptIsRolledBackAsAWholeAndNotRecorded() {
        List<Migration> migrations = List.of(Migration.of("V1__a.sql", "CREATE TABLE a (id INT)"),
                Migration.of("V2__broken.sql", "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\n"
                        + "INSERT INTO no_such_table VALUES (1);"));
        MigrationException e = assertThrows(MigrationException.class, () -> runner(migrations).migrate());
        assertTrue(e.getMessage().contains("V2__broken.sql failed in statement 3"), e.getMessage());
        assertTrue(db.tableExists("a"), "V1 was committed on its own");
        assertFalse(db.tableExists("b"), "V2's DDL was rolled back with it");
        assertEquals(1, db.count("schema_version"));
    }

    @Test
    void concurrentStartersApplyEachScriptOnce() throws Exception {
        List<Migration> migrations = shipped();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return runner(migrations).migrate();
                }));
            }
            start.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            Collections.sort(all);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), all, "every version applied by exactly one starter");
            assertEquals(8, db.count("schema_version"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scriptsAreSplitOutsideQuotesAndComments() {
        List<String> statements = Migration.split("""
                -- a comment; with a semicolon
                CREATE TABLE t (v VARCHAR(20)); /* block; comment */
                INSERT INTO t VALUES ('a;b');
                INSERT INTO t VALUES ('it''s; fine')  -- trailing
                ;
                ;
                """);
        assertEquals(List.of("CREATE TABLE t (v VARCHAR(20))", "INSERT INTO t VALUES ('a;b')",
                "INSERT INTO t VALUES ('it''s; fine')"), statements);
    }

    @Test
    void placeholdersAreReplacedAndUnknownOnesRejected() {
        Migration m = Migration.of("V1__t.sql", "CREATE TABLE t (c ${clob})");
        assertEquals(List.of("CREATE TABLE t (c CLOB)"), m.statements(dialect.placeholders()));
        assertEquals(List.of("CREATE TABLE t (c TEXT)"), m.statements(new Dialect.PostgresDialect().placeholders()));
        assertThrows(MigrationException.class, () -> m.statements(Map.of()));
    }

    @Test
    void badScriptNamesAndDuplicateVersionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Migration.of("1_create.sql", "SELECT 1"));
        assertThrows(IllegalArgumentException.class, () -> Migration.of("V0__zero.sql", "SELECT 1"));
        assertEquals("add message index", Migration.of("V12__add_message_index.sql", "x").description());
    }

    @Test
    void releasedScriptsAreNeverEdited() {
        // checksums recorded in every database installed so far; a changed script would stop those from starting
        Map<String, String> released = Map.of(
                "V1__customers.sql", "1e66b680840b84cafb5d6f56d3c68e34f96c098de0946e523f2be41265a2fb70",
                "V2__conversations_and_messages.sql",
                "595602da464db0f1bb600ebef740036acff23fd7c119f50d703d2d9a9be3c687",
                "V3__conversation_events.sql", "58e2f21160e9be3f6b340d4fe386c86e4cc68a158125c3df32bfc32f8aef0f30");
        Map<String, String> shipped = shipped().stream()
                .filter(m -> released.containsKey(m.script()))
                .collect(Collectors.toMap(Migration::script, Migration::checksum));
        assertEquals(released, shipped);
    }

    @Test
    void indexListsEveryShippedScript() throws IOException {
        Path folder = Path.of("src/main/resources", Migration.DEFAULT_LOCATION);
        try (Stream<Path> files = Files.list(folder)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted()
                    .collect(Collectors.toList());
            List<String> indexed = shipped().stream().map(Migration::script).sorted().toList();
            assertEquals(onDisk, indexed, "db/migration/index.txt must list every script");
        }
    }
}
