package io.pishkhan.core.internal.rest;

import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.BackupService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
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
 * </pre>
 */
final class AdminApi {
    private final Supplier<BackupService> backups;

    AdminApi(Supplier<BackupService> backups) {
        this.backups = backups;
    }

    /** @return false when the path is not an admin resource */
    boolean handle(String method, String[] p, HttpServletResponse resp) throws IOException {
        if (!p[0].equals("admin")) {
            return false;
        }
        if (p.length >= 2 && p[1].equals("backups")) {
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
