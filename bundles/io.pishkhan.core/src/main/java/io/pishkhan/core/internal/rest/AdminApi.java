package io.pishkhan.core.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import io.pishkhan.api.admin.ConfigField;
import io.pishkhan.api.admin.ConfigForm;
import io.pishkhan.api.admin.ConfigTransferService;
import io.pishkhan.api.admin.ConfigValidationException;
import io.pishkhan.api.admin.ConfigurationService;
import io.pishkhan.api.admin.PluginException;
import io.pishkhan.api.admin.PluginInfo;
import io.pishkhan.api.admin.PluginService;
import io.pishkhan.api.admin.TransferException;
import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Administration part of the REST API (admin role):
 *
 * <pre>
 * GET    /api/v1/admin/backups                  backups, newest first, and the one scheduled for restore
 * POST   /api/v1/admin/backups                  online backup now -&gt; 201 the backup
 * GET    /api/v1/admin/backups/{id}/archive     the backup as a zip download
 * POST   /api/v1/admin/backups/{id}/restore     restore it at the next start -&gt; 202
 * DELETE /api/v1/admin/backups/{id}
 * GET    /api/v1/admin/plugins                  installed plugins with kinds, state, health
 * POST   /api/v1/admin/plugins?file=NAME.jar    body = the jar or .kar -&gt; 201 the plugin (refusals: 400 with the reason)
 * PUT    /api/v1/admin/plugins/{id}             body = the new jar -&gt; the plugin
 * POST   /api/v1/admin/plugins/{id}/start|stop  DELETE /api/v1/admin/plugins/{id}
 * GET    /api/v1/admin/config                   configuration forms (from metatype)
 * GET    /api/v1/admin/config/{pid}             PUT /api/v1/admin/config/{pid} {"values":{"key":["v"]}}
 *                                               -&gt; the saved form, or 400 {"error","fields":{key: message}}
 * GET    /api/v1/admin/config/export[?passwords=true]   the whole configuration as a zip download
 * POST   /api/v1/admin/config/import                body = such a zip -&gt; the preview (400: why the archive is refused)
 * POST   /api/v1/admin/config/import/{previewId}/apply  {"items":["kind/id",...]} (absent or empty: all) -&gt;
 *                                               {"applied":[keys],"failed":{key: reason}}
 * </pre>
 */
final class AdminApi {
    /** Largest plugin upload read (the plugin service applies its own, usually smaller, limit). */
    static final int MAX_PLUGIN = 100 * 1024 * 1024;
    private final Supplier<BackupService> backups;
    private final Supplier<PluginService> plugins;
    private final Supplier<ConfigurationService> config;
    private final Supplier<ConfigTransferService> transfer;

    AdminApi(Supplier<BackupService> backups, Supplier<PluginService> plugins, Supplier<ConfigurationService> config) {
        this(backups, plugins, config, () -> null);
    }

    AdminApi(Supplier<BackupService> backups, Supplier<PluginService> plugins, Supplier<ConfigurationService> config,
            Supplier<ConfigTransferService> transfer) {
        this.backups = backups;
        this.plugins = plugins;
        this.config = config;
        this.transfer = transfer;
    }

    /** @return false when the path is not an admin resource */
    boolean handle(String method, String[] p, String actor, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (!p[0].equals("admin")) {
            return false;
        }
        if (p.length >= 2 && p[1].equals("plugins")) {
            PluginService s = plugins.get();
            if (s == null) {
                ApiServlet.error(resp, 503, "the plugin administration bundle is not installed");
            } else {
                try {
                    plugins(s, method, p, actor, req, resp);
                } catch (PluginException e) {
                    ApiServlet.error(resp, 400, e.getMessage());
                }
            }
        } else if (p.length >= 3 && p[1].equals("config") && (p[2].equals("export") || p[2].equals("import"))) {
            ConfigTransferService s = transfer.get();
            if (s == null) {
                ApiServlet.error(resp, 503, "the configuration transfer service is not installed");
            } else {
                try {
                    transfer(s, method, p, actor, req, resp);
                } catch (TransferException e) {
                    ApiServlet.error(resp, 400, e.getMessage());
                }
            }
        } else if (p.length >= 2 && p[1].equals("config")) {
            ConfigurationService s = config.get();
            if (s == null) {
                ApiServlet.error(resp, 503, "the configuration administration bundle is not installed");
            } else {
                config(s, method, p, actor, req, resp);
            }
        } else if (p.length >= 2 && p[1].equals("backups")) {
            try {
                backups(method, p, resp);
            } catch (IOException e) {
                if (resp.isCommitted()) {
                    throw e;
                }
                ApiServlet.error(resp, 500, e.getMessage());
            }
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
        return true;
    }

    private void backups(String method, String[] p, HttpServletResponse resp) throws IOException {
        BackupService s = backups.get();
        if (s == null) {
            ApiServlet.error(resp, 503, "the backup plugin is not installed");
            return;
        }
        if (p.length == 2 && method.equals("GET")) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pendingRestore", s.pendingRestore().orElse(null));
            out.put("backups", s.backups().stream().map(AdminApi::backup).toList());
            ApiServlet.write(resp, 200, out);
        } else if (p.length == 2 && method.equals("POST")) {
            ApiServlet.write(resp, 201, backup(s.backup()));
        } else if (p.length == 3 && method.equals("DELETE")) {
            find(s, p[2]);
            s.delete(p[2]);
            ApiServlet.write(resp, 200, Map.of("deleted", p[2]));
        } else if (p.length == 4 && p[3].equals("archive") && method.equals("GET")) {
            Backup b = find(s, p[2]);
            resp.setStatus(200);
            resp.setContentType("application/zip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"pishkhan-backup-" + b.id() + ".zip\"");
            s.export(b.id(), resp.getOutputStream());
        } else if (p.length == 4 && p[3].equals("restore") && method.equals("POST")) {
            Backup b = find(s, p[2]);
            s.scheduleRestore(b.id());
            ApiServlet.write(resp, 202, Map.of("pendingRestore", b.id(),
                    "message", "the backup is restored when the appliance next starts (bin/pishkhan restart)"));
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private static void plugins(PluginService s, String method, String[] p, String actor, HttpServletRequest req,
            HttpServletResponse resp) throws IOException, PluginException {
        if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, s.plugins().stream().map(AdminApi::plugin).toList());
        } else if (p.length == 2 && method.equals("POST")) {
            String file = req.getParameter("file");
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("parameter 'file' (the uploaded file's name, .jar or .kar) is required");
            }
            try (InputStream in = upload(req)) {
                ApiServlet.write(resp, 201, plugin(s.install(file, in, actor)));
            }
        } else if (p.length >= 3) {
            long id = pluginId(s, p[2]);
            if (p.length == 3 && method.equals("GET")) {
                ApiServlet.write(resp, 200, plugin(s.plugin(id).orElseThrow()));
            } else if (p.length == 3 && method.equals("PUT")) {
                try (InputStream in = upload(req)) {
                    ApiServlet.write(resp, 200, plugin(s.update(id, in, actor)));
                }
            } else if (p.length == 3 && method.equals("DELETE")) {
                s.uninstall(id, actor);
                ApiServlet.write(resp, 200, Map.of("uninstalled", id));
            } else if (p.length == 4 && p[3].equals("start") && method.equals("POST")) {
                ApiServlet.write(resp, 200, plugin(s.start(id, actor)));
            } else if (p.length == 4 && p[3].equals("stop") && method.equals("POST")) {
                ApiServlet.write(resp, 200, plugin(s.stop(id, actor)));
            } else {
                ApiServlet.error(resp, 404, "no such resource");
            }
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    private static void transfer(ConfigTransferService s, String method, String[] p, String actor,
            HttpServletRequest req, HttpServletResponse resp) throws IOException, TransferException {
        if (p.length == 3 && p[2].equals("export") && method.equals("GET")) {
            byte[] zip = s.export("true".equals(req.getParameter("passwords")), actor);
            resp.setStatus(200);
            resp.setContentType("application/zip");
            resp.setHeader("Content-Disposition", "attachment; filename=\"pishkhan-config.zip\"");
            resp.getOutputStream().write(zip);
        } else if (p.length == 3 && p[2].equals("import") && method.equals("POST")) {
            ApiServlet.write(resp, 200, preview(s.preview(upload(req))));
        } else if (p.length == 5 && p[2].equals("import") && p[4].equals("apply") && method.equals("POST")) {
            java.util.Set<String> keys = new java.util.LinkedHashSet<>();
            if (req.getContentLengthLong() > 0) {
                ApiServlet.body(req, 1024 * 1024).path("items").forEach(n -> keys.add(n.asText()));
            }
            TransferResult r = s.apply(p[3], keys, actor);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("applied", r.applied());
            out.put("failed", r.failed());
            ApiServlet.write(resp, 200, out);
        } else {
            ApiServlet.error(resp, 404, "no such resource");
        }
    }

    static Map<String, Object> preview(TransferPreview p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("previewId", p.previewId());
        out.put("sourceVersion", p.sourceVersion());
        out.put("createdAt", p.createdAt() == null ? null : p.createdAt().toString());
        List<Map<String, Object>> items = new ArrayList<>();
        for (TransferItem t : p.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", t.key());
            m.put("kind", t.kind());
            m.put("id", t.id());
            m.put("change", t.change().name());
            m.put("before", t.before());
            m.put("after", t.after());
            m.put("diff", t.diff());
            items.add(m);
        }
        out.put("items", items);
        out.put("notIncluded", p.notIncluded());
        return out;
    }

    private static InputStream upload(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > MAX_PLUGIN) {
            throw new IllegalArgumentException("upload larger than " + MAX_PLUGIN + " bytes");
        }
        return new java.io.FilterInputStream(req.getInputStream()) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > MAX_PLUGIN) {
                    throw new IllegalArgumentException("upload larger than " + MAX_PLUGIN + " bytes");
                }
            }
        };
    }

    private static long pluginId(PluginService s, String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plugin id must be a number");
        }
        if (s.plugin(n).isEmpty()) {
            throw new NoSuchElementException("no plugin " + id);
        }
        return n;
    }

    private static void config(ConfigurationService s, String method, String[] p, String actor,
            HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (p.length == 2 && method.equals("GET")) {
            ApiServlet.write(resp, 200, s.forms().stream().map(AdminApi::form).toList());
            return;
        }
        if (p.length != 3) {
            ApiServlet.error(resp, 404, "no such resource");
            return;
        }
        ConfigForm form = s.form(p[2]).orElseThrow(() -> new NoSuchElementException("no configuration " + p[2]));
        if (method.equals("GET")) {
            ApiServlet.write(resp, 200, form(form));
        } else if (method.equals("PUT")) {
            JsonNode values = ApiServlet.body(req).path("values");
            if (!values.isObject()) {
                throw new IllegalArgumentException("field 'values' must be an object of field id to a list of values");
            }
            Map<String, List<String>> in = new LinkedHashMap<>();
            values.fields().forEachRemaining(e -> {
                List<String> list = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> list.add(v.asText()));
                } else if (!e.getValue().isNull()) {
                    list.add(e.getValue().asText());
                }
                in.put(e.getKey(), list);
            });
            try {
                ApiServlet.write(resp, 200, form(s.save(form.pid(), in, actor)));
            } catch (ConfigValidationException e) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("error", "invalid configuration, nothing saved");
                out.put("status", 400);
                out.put("fields", e.errors());
                ApiServlet.write(resp, 400, out);
            }
        } else {
            ApiServlet.error(resp, 405, "method not allowed");
        }
    }

    static Map<String, Object> plugin(PluginInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("symbolicName", i.symbolicName());
        m.put("name", i.name());
        m.put("version", i.version());
        m.put("vendor", i.vendor());
        m.put("kinds", i.kinds());
        m.put("state", i.state());
        m.put("healthy", i.healthy());
        m.put("problem", i.problem());
        return m;
    }

    static Map<String, Object> form(ConfigForm f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", f.pid());
        m.put("name", f.name());
        m.put("description", f.description());
        m.put("bundle", f.bundle());
        m.put("factory", f.factory());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (ConfigField c : f.fields()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", c.id());
            x.put("name", c.name());
            x.put("description", c.description());
            x.put("type", c.type().name());
            x.put("cardinality", c.cardinality());
            x.put("defaults", c.defaults());
            x.put("required", c.required());
            x.put("min", c.min());
            x.put("max", c.max());
            x.put("options", c.options());
            fields.add(x);
        }
        m.put("fields", fields);
        m.put("values", f.values());
        return m;
    }

    private static Backup find(BackupService s, String id) {
        return s.backup(id).orElseThrow(() -> new NoSuchElementException("no backup " + id));
    }

    static Map<String, Object> backup(Backup b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("createdAt", b.createdAt().toString());
        m.put("sizeBytes", b.sizeBytes());
        m.put("location", b.location());
        m.put("contents", b.contents());
        return m;
    }
}
