package io.pishkhan.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final class FakeBackups implements BackupService {
        final List<Backup> backups = new ArrayList<>();
        String pending;
        IOException failure;

        @Override
        public Backup backup() throws IOException {
            if (failure != null) {
                throw failure;
            }
            Backup b = new Backup("20261123-2015" + String.format("%02d", backups.size()) + "-000",
                    Instant.parse("2026-11-23T20:15:00Z").plusSeconds(backups.size()), "/b/" + backups.size(),
                    1234, List.of("database/pishkhan", "etc/io.pishkhan.core.cfg"));
            backups.add(0, b);
            return b;
        }

        @Override
        public List<Backup> backups() {
            return List.copyOf(backups);
        }

        @Override
        public Optional<Backup> backup(String id) {
            return backups.stream().filter(b -> b.id().equals(id)).findFirst();
        }

        @Override
        public void export(String id, OutputStream out) throws IOException {
            out.write(("zip of " + id).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void scheduleRestore(String id) {
            pending = id;
        }

        @Override
        public Optional<String> pendingRestore() {
            return Optional.ofNullable(pending);
        }

        @Override
        public void delete(String id) {
            backups.removeIf(b -> b.id().equals(id));
        }
    }

    final FakeBackups service = new FakeBackups();
    BackupService available = service;
    final AdminApi api = new AdminApi(() -> available);

    FakeHttp.Response call(String method, String path) throws IOException {
        FakeHttp.Request req = new FakeHttp.Request(method, path);
        FakeHttp.Response resp = new FakeHttp.Response();
        assertTrue(api.handle(req.method, req.parts(), resp.servlet()), "handled");
        return resp;
    }

    static JsonNode json(FakeHttp.Response r) throws IOException {
        return MAPPER.readTree(r.body.toByteArray());
    }

    @Test
    void backupListArchiveRestoreAndDelete() throws IOException {
        FakeHttp.Response created = call("POST", "/admin/backups");
        assertEquals(201, created.status);
        String id = json(created).get("id").asText();
        assertEquals("2026-11-23T20:15:00Z", json(created).get("createdAt").asText());
        assertEquals("database/pishkhan", json(created).get("contents").get(0).asText());

        JsonNode list = json(call("GET", "/admin/backups"));
        assertEquals(1, list.get("backups").size());
        assertTrue(list.get("pendingRestore").isNull());

        FakeHttp.Response zip = call("GET", "/admin/backups/" + id + "/archive");
        assertEquals(200, zip.status);
        assertEquals("application/zip", zip.contentType);
        assertTrue(zip.headers.get("Content-Disposition").contains("pishkhan-backup-" + id + ".zip"));
        assertEquals("zip of " + id, zip.body.toString(StandardCharsets.UTF_8));

        FakeHttp.Response restore = call("POST", "/admin/backups/" + id + "/restore");
        assertEquals(202, restore.status);
        assertEquals(id, service.pending);
        assertEquals(id, json(call("GET", "/admin/backups")).get("pendingRestore").asText());

        assertEquals(200, call("DELETE", "/admin/backups/" + id).status);
        assertEquals(0, service.backups.size());
    }

    @Test
    void unknownBackupMissingServiceAndFailuresAreClearErrors() throws IOException {
        try {
            call("POST", "/admin/backups/nope/restore");
            throw new AssertionError("expected NoSuchElementException (the servlet answers 404)");
        } catch (java.util.NoSuchElementException e) {
            assertEquals("no backup nope", e.getMessage());
        }
        assertEquals(404, call("GET", "/admin/whatever").status);
        service.failure = new IOException("database backup failed: disk full");
        FakeHttp.Response failed = call("POST", "/admin/backups");
        assertEquals(500, failed.status);
        assertEquals("database backup failed: disk full", json(failed).get("error").asText());
        available = null;
        FakeHttp.Response absent = call("GET", "/admin/backups");
        assertEquals(503, absent.status);
        assertTrue(json(absent).get("error").asText().contains("backup plugin"));
    }

    @Test
    void otherPathsAreNotAdmin() throws IOException {
        FakeHttp.Request req = new FakeHttp.Request("GET", "/kb/articles");
        assertFalse(api.handle(req.method, req.parts(), new FakeHttp.Response().servlet()));
    }
}
