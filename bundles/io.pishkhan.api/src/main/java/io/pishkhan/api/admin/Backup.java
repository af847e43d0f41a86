package io.pishkhan.api.admin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One backup of the appliance: the database (Derby online backup) and the configuration files.
 *
 * @param id        folder name, e.g. {@code 20261123-201500-123}
 * @param location  absolute path of the backup folder on the appliance's disk
 * @param sizeBytes total size of the files
 * @param contents  what it holds, e.g. {@code database}, {@code etc/io.pishkhan.core.cfg}
 */
public record Backup(String id, Instant createdAt, String location, long sizeBytes, List<String> contents) {
    public Backup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        contents = contents == null ? List.of() : List.copyOf(contents);
    }
}
