package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import io.pishkhan.api.admin.ConfigTransferService;
import io.pishkhan.api.admin.TransferException;
import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferViewTest {
    private static final ConsoleUser ADMIN = new ConsoleUser("admin", Set.of("admin"));

    /** Previews archives that read "good"; applying reports one failure. */
    static final class FakeTransfer implements ConfigTransferService {
        Set<String> applied;
        String actor;

        @Override
        public byte[] export(boolean includePasswords, String actor) {
            return new byte[0];
        }

        @Override
        public TransferPreview preview(InputStream zip) throws TransferException {
            try {
                if (!new String(zip.readAllBytes(), StandardCharsets.UTF_8).equals("good")) {
                    throw new TransferException("checksum mismatch");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new TransferPreview("p1", "0.1.0", Instant.parse("2026-11-23T10:00:00Z"), List.of(
                    new TransferItem("skill", "fa", Change.UNCHANGED, "x", "x", ""),
                    new TransferItem("queue", "sales", Change.CHANGED, "a", "b", "- a\n+ b"),
                    new TransferItem("kb.article", "a1", Change.ADDED, null, "c", "+ c")),
                    List.of("bot intent models"));
        }

        @Override
        public TransferResult apply(String previewId, Set<String> keys, String actor) {
            this.applied = keys;
            this.actor = actor;
            return new TransferResult(List.of("queue/sales"), Map.of("kb.article/a1", "knowledge base not running"));
        }
    }

    static FakeConsole console(FakeTransfer t) {
        return new FakeConsole(true) {
            @Override
            public Optional<ConfigTransferService> configTransfer() {
                return Optional.ofNullable(t);
            }
        };
    }

    private static String text(Component root, String id) {
        return ((HasText) get(root, id)).getText();
    }

    @Test
    void uploadShowsTheDifferencesAndApplyAllAsksFirst() {
        FakeTransfer fake = new FakeTransfer();
        try (ViewHarness h = new ViewHarness(console(fake), ADMIN, ConsoleI18N.EN)) {
            TransferView v = h.show(new TransferView());
            assertTrue(find(v, "transfer-export").isPresent());
            assertFalse(((Button) get(v, "transfer-apply-all")).isEnabled(), "nothing uploaded yet");

            v.preview("junk".getBytes(StandardCharsets.UTF_8));
            assertEquals("The archive cannot be imported: checksum mismatch", text(v, "transfer-status"));

            v.preview("good".getBytes(StandardCharsets.UTF_8));
            assertTrue(text(v, "transfer-summary").startsWith("1 added, 1 changed, 0 removed, 1 unchanged"),
                    text(v, "transfer-summary"));
            assertTrue(text(v, "transfer-summary").contains("bot intent models"));
            Grid<TransferItem> grid = get(v, "transfer-grid");
            assertEquals(List.of("kb.article/a1", "queue/sales", "skill/fa"),
                    grid.getListDataView().getItems().map(TransferItem::key).toList());

            ((Button) get(v, "transfer-apply-all")).click();
            h.ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
            Dialog d = (Dialog) find(h.ui, "transfer-confirm").orElseThrow();
            assertTrue(text(d, "transfer-confirm-text").startsWith("2 items"), text(d, "transfer-confirm-text"));
            assertEquals(null, fake.applied, "not before the confirmation");
            ((Button) AdminViewsTest.deep(d.getElement(), "transfer-confirm-ok").orElseThrow()).click();
            assertEquals(Set.of(), fake.applied, "all");
            assertEquals("1 items applied, 1 failed (see below).", text(v, "transfer-status"));
            assertEquals("kb.article/a1: knowledge base not running", text(v, "transfer-failures"));
        }
    }

    @Test
    void withoutTheServiceThePageSaysSo() {
        try (ViewHarness h = new ViewHarness(console(null), ADMIN, ConsoleI18N.FA)) {
            assertTrue(find(h.show(new TransferView()), "transfer-missing").isPresent());
        }
    }
}
