package io.pishkhan.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore on the real distribution: an online backup through the REST API while the appliance serves,
 * changes after it, then a restore (scheduled from the API and applied by the next start, and from the zip archive
 * with {@code bin/pishkhan restore} while stopped) brings back the conversations and the settings as they were.
 */
class BackupIT extends ApplianceTestBase {
    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

    static JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return app.json(r);
    }

    static HttpResponse<String> call(String method, String path, Object body) throws Exception {
        byte[] bytes = body == null ? new byte[0] : Appliance.JSON.writeValueAsBytes(body);
        return app.send(method, path, "application/json", bytes, true);
    }

    static String post(String text) throws Exception {
        String body = Appliance.JSON.writeValueAsString(Map.of("from", "backup-" + UUID.randomUUID(), "text", text));
        HttpResponse<String> r = app.send("POST", "/loopback/messages", "application/json",
                body.getBytes(StandardCharsets.UTF_8), false);
        return ok(r, 202).path("conversationId").asText();
    }

    static boolean blacklisted(String pattern) throws Exception {
        return ok(call("GET", "/api/v1/blacklist", null), 200).toString().contains(pattern);
    }

    static String botEngine() throws Exception {
        return Files.readAllLines(app.home.resolve("etc/io.pishkhan.core.cfg")).stream()
                .filter(l -> l.matches("^bot\\.engine\\s*=.*")).map(l -> l.replaceFirst("^bot\\.engine\\s*=\\s*", ""))
                .findFirst().orElse("");
    }

    static void setBotEngine(String engine) throws Exception {
        Path cfg = app.home.resolve("etc/io.pishkhan.core.cfg");
        String s = Files.readString(cfg, StandardCharsets.UTF_8);
        Files.writeString(cfg, s.replaceAll("(?m)^bot\\.engine\\s*=.*$", "bot.engine = " + engine),
                StandardCharsets.UTF_8);
    }

    @Test
    void onlineBackupThenRestoreBringsBackConversationsAndSettings() throws Exception {
        // state at backup time: a conversation, a blacklist entry (stored in Derby), bot.engine in etc/
        String kept = post("What are your opening hours?");
        app.awaitJson("/api/v1/conversations/" + kept, true, n -> n.path("messages").size() >= 2, WAIT);
        String pattern = "backup-it-" + UUID.randomUUID() + "-*";
        JsonNode entry = ok(call("POST", "/api/v1/blacklist", Map.of("kind", "address", "pattern", pattern,
                "action", "BLOCK", "message", "no", "comment", "BackupIT")), 201);
        assertEquals("keyword-faq", botEngine());

        JsonNode backup = ok(call("POST", "/api/v1/admin/backups", null), 201);
        String id = backup.path("id").asText();
        assertTrue(backup.path("contents").toString().contains("database/pishkhan"), backup.toString());
        assertTrue(backup.path("contents").toString().contains("etc/io.pishkhan.core.cfg"), backup.toString());
        JsonNode list = ok(call("GET", "/api/v1/admin/backups", null), 200);
        assertEquals(id, list.path("backups").get(0).path("id").asText());

        // the appliance kept serving during the backup; now change things
        String later = post("A message after the backup");
        app.awaitJson("/api/v1/conversations/" + later, true, n -> n.path("messages").size() >= 1, WAIT);
        ok(call("DELETE", "/api/v1/blacklist/" + entry.path("id").asText() + "?comment=gone", null), 200);
        assertFalse(blacklisted(pattern));

        // the zip archive for the second round below
        HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                app.uri("/api/v1/admin/backups/" + id + "/archive")).header("Authorization", app.basic()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        Path zipFile = Files.createTempFile("pishkhan-backup-", ".zip");
        Files.write(zipFile, zip.body());

        // 1. restore scheduled through the API, applied by the next start
        assertEquals(id, ok(call("POST", "/api/v1/admin/backups/" + id + "/restore", null), 202)
                .path("pendingRestore").asText());
        app.stop();
        app.start();
        assertEquals(2, ok(app.get("/api/v1/conversations/" + kept, true), 200).path("messages").size());
        assertEquals(404, app.get("/api/v1/conversations/" + later, true).statusCode(), "written after the backup");
        assertTrue(blacklisted(pattern), "the blacklist entry is back");
        assertTrue(list(app.home.resolve("data/derby")).anyMatch(n -> n.startsWith("pishkhan.replaced-")),
                "the replaced database is kept aside");
        assertFalse(Files.exists(app.home.resolve("data/restore-pending")));

        // 2. change again, then restore the zip with the script while stopped
        String third = post("Another message after the restore");
        app.awaitJson("/api/v1/conversations/" + third, true, n -> n.path("messages").size() >= 1, WAIT);
        app.stop();
        setBotEngine("assistant");
        app.run("restore", zipFile.toString());
        assertEquals("keyword-faq", botEngine(), "etc/ files come back from the backup");
        app.start();
        assertEquals(404, app.get("/api/v1/conversations/" + third, true).statusCode());
        assertEquals(2, ok(app.get("/api/v1/conversations/" + kept, true), 200).path("messages").size());
        Files.deleteIfExists(zipFile);
    }

    private static Stream<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
