package io.pishkhan.backup.internal;

import io.pishkhan.api.admin.Backup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

/**
 * The backup folder and its operations, without OSGi. A backup is a folder {@code <root>/<id>/} holding
 * {@code database/<dbname>/} (Derby's online backup), {@code etc/} (copied configuration files) and
 * {@code backup.properties} (written last: a folder without it is an incomplete backup and is not listed).
 */
final class Backups {
    static final String MANIFEST = "backup.properties";
    static final String PENDING = "restore-pending";
    private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-\\d{3}(-\\d+)?");
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Path root;
    private final Path etc;
    private final Path data;
    private final List<String> etcGlobs;
    private final Clock clock;

    Backups(DataSource dataSource, Path root, Path etc, Path data, List<String> etcGlobs, Clock clock) {
        this.dataSource = dataSource;
        this.root = root.toAbsolutePath().normalize();
        this.etc = etc;
        this.data = data;
        this.etcGlobs = List.copyOf(etcGlobs);
        this.clock = clock;
    }

    Path root() {
        return root;
    }

    /** Online backup: Derby copies the database while transactions go on; then the configuration files. */
    synchronized Backup backup() throws IOException {
        Instant now = clock.instant();
        Files.createDirectories(root);
        String id = ID_FORMAT.format(now);
        Path dir = root.resolve(id);
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(ID_FORMAT.format(now) + "-" + n);
        }
        id = dir.getFileName().toString();
        Path tmp = root.resolve(".incomplete-" + id);
        Files.createDirectories(tmp);
        boolean done = false;
        try {
            String dbName;
            try (Connection c = dataSource.getConnection()) {
                String product = c.getMetaData().getDatabaseProductName();
                if (!product.toLowerCase(java.util.Locale.ROOT).contains("derby")) {
                    throw new IllegalStateException("online backup from the appliance supports the embedded Derby"
                            + " database only; this appliance uses " + product + ": back it up with its own tools"
                            + " (e.g. pg_dump)");
                }
                dbName = databaseName(c.getMetaData().getURL());
                try (CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                    call.setString(1, tmp.resolve("database").toString());
                    call.execute();
                }
            } catch (SQLException e) {
                throw new IOException("database backup failed: " + e.getMessage(), e);
            }
            List<String> contents = new ArrayList<>();
            contents.add("database/" + dbName);
            if (etc != null && Files.isDirectory(etc)) {
                Path etcOut = Files.createDirectories(tmp.resolve("etc"));
                for (Path f : etcFiles()) {
                    Files.copy(f, etcOut.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    contents.add("etc/" + f.getFileName());
                }
            }
            Properties p = new Properties();
            p.setProperty("id", id);
            p.setProperty("createdAt", now.toString());
            p.setProperty("database", dbName);
            p.setProperty("contents", String.join(",", contents));
            try (Writer w = Files.newBufferedWriter(tmp.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                p.store(w, "Pishkhan backup");
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return read(dir).orElseThrow(() -> new IOException("backup written but unreadable"));
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    List<Path> etcFiles() throws IOException {
        List<PathMatcher> matchers = etcGlobs.stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g.trim())).toList();
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(etc)) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && matchers.stream().anyMatch(m -> m.matches(f.getFileName()))) {
                    out.add(f);
                }
            }
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    static String databaseName(String url) {
        // jdbc:derby:/opt/pishkhan/data/derby/pishkhan;create=true  or  jdbc:derby:memory:x
        String s = url == null ? "" : url.replaceFirst("^jdbc:derby:", "");
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        s = s.replaceFirst("^(directory|memory|classpath|jar):", "");
        String name = s.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isBlank()) {
            throw new IllegalStateException("cannot tell the database name from " + url);
        }
        return name;
    }

    List<Backup> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> ID.matcher(d.getFileName().toString()).matches())
                    .map(this::read).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Backup::createdAt).reversed().thenComparing(Backup::id,
                            Comparator.reverseOrder()))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Optional<Backup> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return read(root.resolve(id));
    }

    private Optional<Backup> read(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            p.load(r);
            String contents = p.getProperty("contents", "");
            return Optional.of(new Backup(dir.getFileName().toString(), Instant.parse(p.getProperty("createdAt")),
                    dir.toString(), size(dir), contents.isBlank() ? List.of() : List.of(contents.split(","))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void zip(String id, OutputStream out) throws IOException {
        Backup b = find(id).orElseThrow(() -> new IllegalArgumentException("no backup " + id));
        Path dir = Path.of(b.location());
        ZipOutputStream zip = new ZipOutputStream(out);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(id + "/" + dir.relativize(f).toString().replace('\\', '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
    }

    /** Writes {@code <data>/restore-pending} naming the backup folder; {@code bin/pishkhan start} applies it. */
    void scheduleRestore(String id) throws IOException {
        Backup b = find(id).orElseThrow(() -> new IllegalArgumentException("no backup " + id));
        Files.createDirectories(data);
        Path tmp = data.resolve(PENDING + ".tmp");
        Files.writeString(tmp, b.location() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, data.resolve(PENDING), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<String> pendingRestore() {
        Path f = data.resolve(PENDING);
        try {
            if (!Files.isRegularFile(f)) {
                return Optional.empty();
            }
            String path = Files.readString(f, StandardCharsets.UTF_8).trim();
            return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path).getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void delete(String id) throws IOException {
        Backup b = find(id).orElseThrow(() -> new IllegalArgumentException("no backup " + id));
        if (pendingRestore().filter(id::equals).isPresent()) {
            throw new IllegalStateException("backup " + id + " is scheduled for restore; cancel that first");
        }
        deleteTree(Path.of(b.location()));
    }

    /** Deletes the oldest backups beyond {@code keep} (0 keeps all); never the one scheduled for restore. */
    List<String> prune(int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        if (keep <= 0) {
            return deleted;
        }
        List<Backup> all = list();
        String pending = pendingRestore().orElse(null);
        for (Backup b : all.subList(Math.min(keep, all.size()), all.size())) {
            if (!b.id().equals(pending)) {
                deleteTree(Path.of(b.location()));
                deleted.add(b.id());
            }
        }
        return deleted;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
