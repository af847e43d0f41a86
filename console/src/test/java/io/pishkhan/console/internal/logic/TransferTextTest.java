package io.pishkhan.console.internal.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferTextTest {
    static TransferItem item(String kind, String id, Change c) {
        return new TransferItem(kind, id, c, c == Change.ADDED ? null : "a", c == Change.REMOVED ? null : "b",
                c == Change.UNCHANGED ? "" : "- a\n+ b");
    }

    final TransferPreview preview = new TransferPreview("p1", "0.1.0", Instant.parse("2026-11-23T10:00:00Z"),
            List.of(item("skill", "fa", Change.UNCHANGED), item("queue", "sales", Change.CHANGED),
                    item("queue", "old", Change.REMOVED), item("kb.article", "a1", Change.ADDED),
                    item("queue", "new", Change.ADDED)), List.of());

    @Test
    void rowsShowDifferencesFirstAndCountEachChange() {
        assertEquals(List.of("kb.article/a1", "queue/new", "queue/sales", "queue/old", "skill/fa"),
                TransferText.rows(preview).stream().map(TransferItem::key).toList());
        assertEquals(Map.of(Change.ADDED, 2L, Change.CHANGED, 1L, Change.REMOVED, 1L, Change.UNCHANGED, 1L),
                TransferText.counts(preview));
        assertTrue(TransferText.anyChange(preview));
        assertFalse(TransferText.anyChange(new TransferPreview("p2", "0.1.0", null,
                List.of(item("skill", "fa", Change.UNCHANGED)), List.of())));
    }

    @Test
    void selectionNeverAppliesUnchangedRows() {
        assertEquals(Set.of("queue/sales", "queue/old"), TransferText.keys(List.of(item("skill", "fa",
                Change.UNCHANGED), item("queue", "sales", Change.CHANGED), item("queue", "old", Change.REMOVED))));
        assertTrue(TransferText.keys(List.of(item("skill", "fa", Change.UNCHANGED))).isEmpty());
    }

    @Test
    void textsForTheResultTheFileAndTheDetails() {
        assertEquals("kb.article/a1: the knowledge base is not running\nqueue/x: invalid",
                TransferText.failures(new TransferResult(List.of("queue/sales"),
                        Map.of("queue/x", "invalid", "kb.article/a1", "the knowledge base is not running"))));
        assertEquals("pishkhan-config-20261123-1330.zip",
                TransferText.fileName(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("Asia/Tehran")));
        assertEquals("transfer.change.removed", TransferText.changeKey(Change.REMOVED));
        assertEquals("- a\n+ b", TransferText.details(item("queue", "sales", Change.CHANGED)));
        assertEquals("b", TransferText.details(item("skill", "fa", Change.UNCHANGED)));
    }
}
