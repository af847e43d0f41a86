package io.pishkhan.console.internal.logic;

import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configuration transfer page without Vaadin: rows, counts, selection, the result, the file name. */
public final class TransferText {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private TransferText() {
    }

    /** Differences first (added, changed, removed), unchanged last; by kind and id within each. */
    public static List<TransferItem> rows(TransferPreview p) {
        List<TransferItem> out = new ArrayList<>(p.items());
        out.sort(Comparator.comparing((TransferItem t) -> t.change().ordinal()).thenComparing(TransferItem::kind)
                .thenComparing(TransferItem::id));
        return out;
    }

    /** How many items of each change (every change present, 0 when none). */
    public static Map<Change, Long> counts(TransferPreview p) {
        Map<Change, Long> m = new EnumMap<>(Change.class);
        for (Change c : Change.values()) {
            m.put(c, 0L);
        }
        p.items().forEach(t -> m.merge(t.change(), 1L, Long::sum));
        return m;
    }

    /** Keys of the selected rows that change something (unchanged rows are never applied). */
    public static Set<String> keys(Collection<TransferItem> selected) {
        Set<String> out = new LinkedHashSet<>();
        selected.stream().filter(t -> t.change() != Change.UNCHANGED).map(TransferItem::key).sorted()
                .forEach(out::add);
        return out;
    }

    /** Whether there is anything to apply. */
    public static boolean anyChange(TransferPreview p) {
        return p.items().stream().anyMatch(t -> t.change() != Change.UNCHANGED);
    }

    /** The i18n key of a change ({@code transfer.change.added}...). */
    public static String changeKey(Change c) {
        return "transfer.change." + c.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One line per failed item: {@code kind/id: reason}, sorted. */
    public static String failures(TransferResult r) {
        return String.join("\n", r.failed().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    /** {@code pishkhan-config-20261123-2210.zip} in the appliance's time zone. */
    public static String fileName(Instant at, ZoneId zone) {
        return "pishkhan-config-" + STAMP.format(at.atZone(zone)) + ".zip";
    }

    /** Before/after for a tooltip or a details pane: the diff when there is one, else the text itself. */
    public static String details(TransferItem t) {
        if (t.diff() != null && !t.diff().isBlank()) {
            return t.diff();
        }
        return t.after() != null ? t.after() : t.before() == null ? "" : t.before();
    }
}
