package io.pishkhan.console.internal.logic;

import io.pishkhan.api.store.AuditRecord;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The audit screen's search, done in memory over the newest records: free text (in the entity, action, detail,
 * actor or kind), actor, kind, and a range of days (both ends included, in the appliance's time zone). Blank or null
 * criteria match everything. Also the CSV of the records found.
 */
public record AuditFilter(String text, String actor, String kind, LocalDate from, LocalDate to) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    public boolean matches(AuditRecord r, ZoneId zone) {
        if (!blank(actor) && !equalsIgnoreCase(actor, r.actor())) {
            return false;
        }
        if (!blank(kind) && !equalsIgnoreCase(kind, r.kind())) {
            return false;
        }
        if (from != null || to != null) {
            if (r.at() == null) {
                return false;
            }
            if (from != null && r.at().isBefore(from.atStartOfDay(zone).toInstant())) {
                return false;
            }
            if (to != null && !r.at().isBefore(to.plusDays(1).atStartOfDay(zone).toInstant())) {
                return false;
            }
        }
        if (!blank(text)) {
            String q = text.strip().toLowerCase(Locale.ROOT);
            return has(r.entityId(), q) || has(r.action(), q) || has(r.detail(), q) || has(r.actor(), q)
                    || has(r.kind(), q);
        }
        return true;
    }

    public List<AuditRecord> apply(List<AuditRecord> records, ZoneId zone) {
        List<AuditRecord> out = new ArrayList<>();
        for (AuditRecord r : records) {
            if (matches(r, zone)) {
                out.add(r);
            }
        }
        return out;
    }

    /** The distinct non-blank values of a column (for the actor and kind choices), sorted. */
    public static List<String> distinct(List<AuditRecord> records, java.util.function.Function<AuditRecord, String> f) {
        TreeSet<String> s = new TreeSet<>();
        for (AuditRecord r : records) {
            String v = f.apply(r);
            if (!blank(v)) {
                s.add(v);
            }
        }
        return List.copyOf(s);
    }

    public static final List<String> CSV_HEADER = List.of("seq", "at", "actor", "kind", "entity", "action", "detail");

    /** CSV rows: the time as ISO-8601 UTC (machine-readable whatever the console language). */
    public static List<List<String>> csvRows(List<AuditRecord> records) {
        List<List<String>> rows = new ArrayList<>();
        for (AuditRecord r : records) {
            rows.add(List.of(Long.toString(r.seq()), r.at() == null ? "" : r.at().toString(), nz(r.actor()),
                    nz(r.kind()), nz(r.entityId()), nz(r.action()), nz(r.detail())));
        }
        return rows;
    }

    public static byte[] csv(List<AuditRecord> records) {
        return Csv.bytes(CSV_HEADER, csvRows(records));
    }

    /** A one-line preview of a long detail (the whole detail opens under the row). */
    public static String preview(String detail, int max) {
        if (detail == null) {
            return "";
        }
        String oneLine = detail.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, Math.max(0, max - 1)) + "…";
    }

    /**
     * A typed day: in Persian Jalali ({@code 1405/09/02}, Persian or Latin digits), or Gregorian when the year is 1700
     * or later; in English ISO ({@code 2026-11-23}).
     *
     * @throws IllegalArgumentException when it is not a day
     */
    public static LocalDate parseDay(String text, boolean persian) {
        if (persian) {
            String t = Dates.latinDigits(text == null ? "" : text.strip());
            String year = t.split("[/\\-.]")[0];
            boolean gregorian = year.length() == 4 && year.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(year) >= 1700;
            return Dates.parseDay(t, !gregorian);
        }
        return Dates.parseDay(text, false);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return b != null && a.strip().equalsIgnoreCase(b.strip());
    }

    private static boolean has(String s, String q) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(q);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
