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

    /** Installs what it is given; refuses files named bad*. */
    static final class FakePlugins implements io.pishkhan.api.admin.PluginService {
        final java.util.Map<Long, io.pishkhan.api.admin.PluginInfo> installed = new java.util.TreeMap<>();

        @Override
        public List<io.pishkhan.api.admin.PluginInfo> plugins() {
            return List.copyOf(installed.values());
        }

        @Override
        public Optional<io.pishkhan.api.admin.PluginInfo> plugin(long id) {
            return Optional.ofNullable(installed.get(id));
        }

        @Override
        public io.pishkhan.api.admin.PluginInfo install(String fileName, java.io.InputStream content, String actor)
                throws io.pishkhan.api.admin.PluginException {
            try {
                String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                if (fileName.startsWith("bad")) {
                    throw new io.pishkhan.api.admin.PluginException("not an OSGi bundle: no Bundle-SymbolicName", null);
                }
                long id = 100 + installed.size();
                var info = new io.pishkhan.api.admin.PluginInfo(id, "vendor." + text, text, "1.0.0", "ACME",
                        List.of("channel"), "ACTIVE", true, null, "pishkhan-plugin:" + fileName);
                installed.put(id, info);
                return info;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public io.pishkhan.api.admin.PluginInfo update(long id, java.io.InputStream content, String actor) {
            return installed.get(id);
        }

        private io.pishkhan.api.admin.PluginInfo state(long id, String state) {
            var i = installed.get(id);
            var n = new io.pishkhan.api.admin.PluginInfo(id, i.symbolicName(), i.name(), i.version(), i.vendor(),
                    i.kinds(), state, true, null, i.location());
            installed.put(id, n);
            return n;
        }

        @Override
        public io.pishkhan.api.admin.PluginInfo start(long id, String actor) {
            return state(id, "ACTIVE");
        }

        @Override
        public io.pishkhan.api.admin.PluginInfo stop(long id, String actor) {
            return state(id, "RESOLVED");
        }

        @Override
        public void uninstall(long id, String actor) {
            installed.remove(id);
        }
    }

    /** One form "io.pishkhan.demo" with an integer field "size" in 1..10. */
    static final class FakeConfig implements io.pishkhan.api.admin.ConfigurationService {
        java.util.Map<String, List<String>> values = java.util.Map.of("size", List.of("5"));
        String savedBy;

        private io.pishkhan.api.admin.ConfigForm form() {
            return new io.pishkhan.api.admin.ConfigForm("io.pishkhan.demo", "Demo", "A demo", "io.pishkhan.demo",
                    false, List.of(new io.pishkhan.api.admin.ConfigField("size", "Size", "How many",
                            io.pishkhan.api.admin.ConfigField.Type.INTEGER, 0, List.of("5"), false, "1", "10",
                            java.util.Map.of())), values);
        }

        @Override
        public List<io.pishkhan.api.admin.ConfigForm> forms() {
            return List.of(form());
        }

        @Override
        public Optional<io.pishkhan.api.admin.ConfigForm> form(String pid) {
            return pid.equals("io.pishkhan.demo") ? Optional.of(form()) : Optional.empty();
        }

        @Override
        public java.util.Map<String, String> validate(String pid, java.util.Map<String, List<String>> v) {
            String size = v.getOrDefault("size", List.of("5")).get(0);
            return size.matches("\\d+") && Integer.parseInt(size) >= 1 && Integer.parseInt(size) <= 10
                    ? java.util.Map.of() : java.util.Map.of("size", "must be a whole number from 1 to 10");
        }

        @Override
        public io.pishkhan.api.admin.ConfigForm save(String pid, java.util.Map<String, List<String>> v, String actor)
                throws io.pishkhan.api.admin.ConfigValidationException {
            var errors = validate(pid, v);
            if (!errors.isEmpty()) {
                throw new io.pishkhan.api.admin.ConfigValidationException(errors);
            }
            values = java.util.Map.copyOf(v);
            savedBy = actor;
            return form();
        }
    }

    final FakeBackups service = new FakeBackups();
    BackupService available = service;
    final FakePlugins plugins = new FakePlugins();
    final FakeConfig config = new FakeConfig();
    final AdminApi api = new AdminApi(() -> available, () -> plugins, () -> config);

    FakeHttp.Response call(String method, String path) throws IOException {
        return call(new FakeHttp.Request(method, path));
    }

    FakeHttp.Response call(FakeHttp.Request req) throws IOException {
        FakeHttp.Response resp = new FakeHttp.Response();
        assertTrue(api.handle(req.method, req.parts(), "admin", req.servlet(), resp.servlet()), "handled");
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
    void pluginsInstallStopStartUninstallAndRefusalsAreReadable() throws IOException {
        FakeHttp.Response installed = call(new FakeHttp.Request("POST", "/admin/plugins").param("file", "sms.jar")
                .body("sms"));
        assertEquals(201, installed.status);
        long id = json(installed).get("id").asLong();
        assertEquals("channel", json(installed).get("kinds").get(0).asText());
        assertEquals("RESOLVED", json(call("POST", "/admin/plugins/" + id + "/stop")).get("state").asText());
        assertEquals("ACTIVE", json(call("POST", "/admin/plugins/" + id + "/start")).get("state").asText());
        assertEquals(1, json(call("GET", "/admin/plugins")).size());

        FakeHttp.Response refused = call(new FakeHttp.Request("POST", "/admin/plugins").param("file", "bad.jar")
                .body("x"));
        assertEquals(400, refused.status);
        assertEquals("not an OSGi bundle: no Bundle-SymbolicName", json(refused).get("error").asText());
        try {
            call("POST", "/admin/plugins");
            throw new AssertionError("a missing file name is a 400");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("'file'"), e.getMessage());
        }
        try {
            call("POST", "/admin/plugins/999/stop");
            throw new AssertionError("an unknown plugin is a 404");
        } catch (java.util.NoSuchElementException e) {
            assertEquals("no plugin 999", e.getMessage());
        }
        assertEquals(200, call("DELETE", "/admin/plugins/" + id).status);
        assertEquals(0, json(call("GET", "/admin/plugins")).size());
    }

    @Test
    void configFormsAreServedAndSavedWithFieldErrors() throws IOException {
        JsonNode forms = json(call("GET", "/admin/config"));
        assertEquals("io.pishkhan.demo", forms.get(0).get("pid").asText());
        assertEquals("INTEGER", forms.get(0).get("fields").get(0).get("type").asText());
        assertEquals("10", forms.get(0).get("fields").get(0).get("max").asText());

        FakeHttp.Response bad = call(new FakeHttp.Request("PUT", "/admin/config/io.pishkhan.demo")
                .body("{\"values\":{\"size\":[\"42\"]}}"));
        assertEquals(400, bad.status);
        assertEquals("must be a whole number from 1 to 10", json(bad).get("fields").get("size").asText());
        assertEquals("5", config.values.get("size").get(0), "nothing saved");

        FakeHttp.Response saved = call(new FakeHttp.Request("PUT", "/admin/config/io.pishkhan.demo")
                .body("{\"values\":{\"size\":7}}"));
        assertEquals(200, saved.status);
        assertEquals("7", json(saved).get("values").get("size").get(0).asText());
        assertEquals("admin", config.savedBy);
    }

    @Test
    void otherPathsAreNotAdmin() throws IOException {
        FakeHttp.Request req = new FakeHttp.Request("GET", "/kb/articles");
        assertFalse(api.handle(req.method, req.parts(), "admin", req.servlet(), new FakeHttp.Response().servlet()));
    }

    /** Exports "zip[passwords]"; previews archives that read "good", refuses the rest; one preview "p1". */
    static final class FakeTransfer implements io.pishkhan.api.admin.ConfigTransferService {
        java.util.Set<String> appliedKeys;
        String actor;

        @Override
        public byte[] export(boolean includePasswords, String actor) {
            this.actor = actor;
            return ("zip" + (includePasswords ? "+passwords" : "")).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public io.pishkhan.api.admin.TransferPreview preview(java.io.InputStream zip)
                throws io.pishkhan.api.admin.TransferException {
            try {
                if (!new String(zip.readAllBytes(), StandardCharsets.UTF_8).equals("good")) {
                    throw new io.pishkhan.api.admin.TransferException("manifest.json is missing");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new io.pishkhan.api.admin.TransferPreview("p1", "0.1.0", Instant.parse("2026-11-23T10:00:00Z"),
                    List.of(new io.pishkhan.api.admin.TransferItem("queue", "sales",
                            io.pishkhan.api.admin.TransferItem.Change.CHANGED, "{\"name\":\"a\"}",
                            "{\"name\":\"b\"}", "- a\n+ b")), List.of("bot intent models"));
        }

        @Override
        public io.pishkhan.api.admin.TransferResult apply(String previewId, java.util.Set<String> keys, String actor)
                throws io.pishkhan.api.admin.TransferException {
            if (!previewId.equals("p1")) {
                throw new io.pishkhan.api.admin.TransferException("unknown or expired preview " + previewId);
            }
            this.appliedKeys = keys;
            this.actor = actor;
            return new io.pishkhan.api.admin.TransferResult(List.of("queue/sales"),
                    java.util.Map.of("kb.article/a1", "the knowledge base is not running"));
        }
    }

    final FakeTransfer transfer = new FakeTransfer();
    io.pishkhan.api.admin.ConfigTransferService transferAvailable = transfer;
    final AdminApi transferApi = new AdminApi(() -> available, () -> plugins, () -> config,
            () -> transferAvailable);

    FakeHttp.Response callTransfer(FakeHttp.Request req) throws IOException {
        FakeHttp.Response resp = new FakeHttp.Response();
        assertTrue(transferApi.handle(req.method, req.parts(), "root", req.servlet(), resp.servlet()), "handled");
        return resp;
    }

    @Test
    void configExportImportPreviewAndApply() throws IOException {
        FakeHttp.Response zip = callTransfer(new FakeHttp.Request("GET", "/admin/config/export"));
        assertEquals(200, zip.status);
        assertEquals("application/zip", zip.contentType);
        assertTrue(zip.headers.get("Content-Disposition").contains("pishkhan-config.zip"));
        assertEquals("zip", zip.body.toString(StandardCharsets.UTF_8));
        assertEquals("root", transfer.actor);
        FakeHttp.Response withPasswords = callTransfer(new FakeHttp.Request("GET", "/admin/config/export")
                .param("passwords", "true"));
        assertEquals("zip+passwords", withPasswords.body.toString(StandardCharsets.UTF_8));

        FakeHttp.Response preview = callTransfer(new FakeHttp.Request("POST", "/admin/config/import").body("good"));
        assertEquals(200, preview.status);
        JsonNode p = json(preview);
        assertEquals("p1", p.get("previewId").asText());
        assertEquals("0.1.0", p.get("sourceVersion").asText());
        assertEquals("queue/sales", p.get("items").get(0).get("key").asText());
        assertEquals("CHANGED", p.get("items").get(0).get("change").asText());
        assertEquals("- a\n+ b", p.get("items").get(0).get("diff").asText());
        assertEquals("bot intent models", p.get("notIncluded").get(0).asText());

        FakeHttp.Response bad = callTransfer(new FakeHttp.Request("POST", "/admin/config/import").body("junk"));
        assertEquals(400, bad.status);
        assertTrue(json(bad).get("error").asText().contains("manifest.json is missing"));

        FakeHttp.Response applied = callTransfer(new FakeHttp.Request("POST", "/admin/config/import/p1/apply")
                .body("{\"items\":[\"queue/sales\",\"kb.article/a1\"]}"));
        assertEquals(200, applied.status);
        assertEquals(java.util.Set.of("queue/sales", "kb.article/a1"), transfer.appliedKeys);
        assertEquals("queue/sales", json(applied).get("applied").get(0).asText());
        assertEquals("the knowledge base is not running", json(applied).get("failed").get("kb.article/a1").asText());

        FakeHttp.Response all = callTransfer(new FakeHttp.Request("POST", "/admin/config/import/p1/apply"));
        assertEquals(200, all.status);
        assertTrue(transfer.appliedKeys.isEmpty(), "no body: every item");

        FakeHttp.Response unknown = callTransfer(new FakeHttp.Request("POST", "/admin/config/import/zz/apply"));
        assertEquals(400, unknown.status);
        assertTrue(json(unknown).get("error").asText().contains("unknown or expired preview"));
        assertEquals(404, callTransfer(new FakeHttp.Request("GET", "/admin/config/import")).status);

        transferAvailable = null;
        assertEquals(503, callTransfer(new FakeHttp.Request("GET", "/admin/config/export")).status);
        assertEquals(503, call("GET", "/admin/config/export").status, "not wired: 503, not a PID lookup");
    }
}
