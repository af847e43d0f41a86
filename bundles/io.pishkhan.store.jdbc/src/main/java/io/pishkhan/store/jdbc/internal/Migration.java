package io.pishkhan.store.jdbc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration script, {@code V<version>__<description>.sql}.
 *
 * <p>Scripts live on the bundle class path under a location (default {@value #DEFAULT_LOCATION}), listed in order
 * in the file {@code <location>/index.txt}: a bundle class loader cannot list a folder, so the index names them.
 * The checksum is the SHA-256 of the script text with line endings normalised, taken before placeholders are
 * replaced, so it is the same on every database.
 *
 * @param version     positive, unique, applied in ascending order
 * @param description from the file name, underscores read as spaces
 * @param script      the file name
 * @param sql         the script text as written (may contain {@code ${name}} placeholders)
 */
record Migration(int version, String description, String script, String sql) {
    static final String DEFAULT_LOCATION = "db/migration";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w[\\w.-]*)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(sql, "sql");
        if (version <= 0) {
            throw new IllegalArgumentException("migration version must be positive: " + script);
        }
        sql = sql.replace("\r\n", "\n").replace('\r', '\n');
        if (sql.startsWith("\uFEFF")) {
            sql = sql.substring(1);
        }
    }

    /** A migration from its file name ({@code V2__add_events.sql}) and text. */
    static Migration of(String script, String sql) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration script name must look like V1__description.sql: "
                    + script);
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), script, sql);
    }

    /** Hex SHA-256 of the script text. */
    String checksum() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements of the script, placeholders replaced, comments removed, split at {@code ;}. */
    List<String> statements(Map<String, String> placeholders) {
        return split(replacePlaceholders(sql, placeholders));
    }

    /** Reads the migrations listed in {@code location/index.txt} through the given class loader. */
    static List<Migration> load(ClassLoader loader, String location) {
        String index = location + "/index.txt";
        List<Migration> result = new ArrayList<>();
        for (String line : read(loader, index).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            result.add(of(name, read(loader, location + "/" + name)));
        }
        result.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < result.size(); i++) {
            if (result.get(i).version() == result.get(i - 1).version()) {
                throw new MigrationException("two migration scripts have version " + result.get(i).version()
                        + ": " + result.get(i - 1).script() + " and " + result.get(i).script());
            }
        }
        return List.copyOf(result);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("migration resource not found on the class path: " + resource);
            }
            StringBuilder sb = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                char[] buf = new char[4096];
                for (int n; (n = r.read(buf)) > 0;) {
                    sb.append(buf, 0, n);
                }
            }
            return sb.toString();
        } catch (IOException e) {
            throw new MigrationException("cannot read migration resource " + resource, e);
        }
    }

    static String replacePlaceholders(String sql, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new MigrationException("unknown placeholder ${" + m.group(1) + "} in migration script");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Splits SQL text at semicolons that are outside string literals, quoted identifiers and comments; drops
     * {@code --} and {@code /* *}{@code /} comments and empty statements.
     */
    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new MigrationException("unterminated /* comment in migration script");
                }
                current.append(' ');
                i = end + 2;
            } else if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (true) {
                    end = text.indexOf(ch, end);
                    if (end < 0) {
                        throw new MigrationException("unterminated quote " + ch + " in migration script");
                    }
                    if (end + 1 < n && text.charAt(end + 1) == ch) {
                        end += 2; // doubled quote inside the literal
                    } else {
                        break;
                    }
                }
                current.append(text, i, end + 1);
                i = end + 1;
            } else if (ch == ';') {
                addStatement(statements, current);
                i++;
            } else {
                current.append(ch);
                i++;
            }
        }
        addStatement(statements, current);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
        current.setLength(0);
    }
}
