package io.pishkhan.console.internal.logic;

import io.pishkhan.api.admin.Backup;
import io.pishkhan.api.admin.PluginInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Texts of the plugin and backup screens: the kinds a plugin is grouped by, its health line, which actions its state
 * allows, the file types an upload accepts, and sizes as people read them.
 */
public final class AdminText {
    /** The extension points in the order the plugins grid groups them; anything else is {@code other}. */
    public static final List<String> KINDS = List.of("channel", "routing", "bot", "analytics", "other");
    /** Uploads a plugin install or update accepts. */
    public static final List<String> PLUGIN_FILES = List.of(".jar", ".kar", ".zip");
    /** Largest plugin file the console accepts (the browser checks too). */
    public static final int MAX_PLUGIN_BYTES = 64 * 1024 * 1024;

    private AdminText() {
    }

    /** The kind a plugin is listed under: its first known kind in {@link #KINDS} order, else {@code other}. */
    public static String primaryKind(PluginInfo p) {
        for (String k : KINDS) {
            if (p.kinds().contains(k)) {
                return k;
            }
        }
        return "other";
    }

    /** Plugins by kind (channel, routing, bot, analytics, other), then name, then id. */
    public static List<PluginInfo> sorted(List<PluginInfo> plugins) {
        List<PluginInfo> out = new ArrayList<>(plugins);
        out.sort(Comparator.comparingInt((PluginInfo p) -> KINDS.indexOf(primaryKind(p)))
                .thenComparing(p -> displayName(p).toLowerCase(Locale.ROOT)).thenComparingLong(PluginInfo::id));
        return out;
    }

    /** Plugins of one kind ({@code null} or blank: all). A plugin with several kinds is found under each. */
    public static List<PluginInfo> ofKind(List<PluginInfo> plugins, String kind) {
        if (kind == null || kind.isBlank()) {
            return sorted(plugins);
        }
        return sorted(plugins).stream().filter(p -> "other".equals(kind) ? primaryKind(p).equals("other")
                : p.kinds().contains(kind)).toList();
    }

    public static String displayName(PluginInfo p) {
        return p.name() == null || p.name().isBlank() ? p.symbolicName() : p.name();
    }

    /** Empty when healthy, else the reason (a generic text when the service gave none). */
    public static String problem(PluginInfo p, String noReason) {
        if (p.healthy()) {
            return "";
        }
        return p.problem() == null || p.problem().isBlank() ? noReason : p.problem();
    }

    /** Start is offered to a bundle that is not running; stop to one that is (or is starting). */
    public static boolean mayStart(PluginInfo p) {
        return !"ACTIVE".equals(p.state()) && !"STARTING".equals(p.state()) && !"UNINSTALLED".equals(p.state());
    }

    public static boolean mayStop(PluginInfo p) {
        return "ACTIVE".equals(p.state()) || "STARTING".equals(p.state());
    }

    /** Whether an upload's name has one of the extensions (any case). */
    public static boolean accepted(String fileName, List<String> extensions) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(n::endsWith);
    }

    /** A size: bytes under 1 KB, else KB or MB with one decimal; Persian digits and separator in Persian. */
    public static String size(long bytes, boolean persian) {
        String s;
        if (bytes < 1024) {
            s = bytes + (persian ? " بایت" : " B");
        } else if (bytes < 1024L * 1024) {
            s = oneDecimal(bytes / 1024.0) + (persian ? " کیلوبایت" : " KB");
        } else if (bytes < 1024L * 1024 * 1024) {
            s = oneDecimal(bytes / (1024.0 * 1024)) + (persian ? " مگابایت" : " MB");
        } else {
            s = oneDecimal(bytes / (1024.0 * 1024 * 1024)) + (persian ? " گیگابایت" : " GB");
        }
        return persian ? Dates.persianDigits(s.replace('.', '٫')) : s;
    }

    private static String oneDecimal(double d) {
        String s = String.format(Locale.ROOT, "%.1f", d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Backups newest first (the service's order is not trusted). */
    public static List<Backup> newestFirst(List<Backup> backups) {
        List<Backup> out = new ArrayList<>(backups);
        out.sort(Comparator.comparing(Backup::createdAt).reversed().thenComparing(Backup::id));
        return out;
    }

    /** What a backup holds, one line: {@code database, 5 files in etc/}. */
    public static String contents(Backup b, boolean persian) {
        long db = b.contents().stream().filter(c -> c.startsWith("database")).count();
        long etc = b.contents().stream().filter(c -> c.startsWith("etc/")).count();
        long other = b.contents().size() - db - etc;
        List<String> parts = new ArrayList<>();
        if (db > 0) {
            parts.add(persian ? "پایگاه داده" : "database");
        }
        if (etc > 0) {
            parts.add(persian ? Dates.persianDigits(etc + " پرونده از etc/") : etc + (etc == 1 ? " file" : " files")
                    + " in etc/");
        }
        if (other > 0) {
            parts.add(persian ? Dates.persianDigits(other + " مورد دیگر") : other + " other");
        }
        return String.join(persian ? "، " : ", ", parts);
    }
}
