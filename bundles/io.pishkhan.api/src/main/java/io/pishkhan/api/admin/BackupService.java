package io.pishkhan.api.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Online backup of the database and the configuration while the appliance keeps serving; restore on the next start
 * (a database cannot be replaced under a running appliance).
 */
public interface BackupService {
    /** Takes a backup now (the database stays online); throws {@link IllegalStateException} when not possible. */
    Backup backup() throws IOException;

    /** Backups on disk, newest first. */
    List<Backup> backups();

    Optional<Backup> backup(String id);

    /** Writes the backup as one zip archive (for download). */
    void export(String id, OutputStream out) throws IOException;

    /**
     * Marks a backup to be restored when the appliance next starts ({@code bin/pishkhan start} applies it before
     * Karaf starts and keeps the replaced database aside).
     */
    void scheduleRestore(String id) throws IOException;

    /** The backup scheduled for restore, if any. */
    Optional<String> pendingRestore();

    void delete(String id) throws IOException;
}
