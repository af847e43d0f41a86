package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.streams.UploadHandler;
import io.pishkhan.api.admin.ConfigTransferService;
import io.pishkhan.api.admin.TransferException;
import io.pishkhan.api.admin.TransferItem;
import io.pishkhan.api.admin.TransferItem.Change;
import io.pishkhan.api.admin.TransferPreview;
import io.pishkhan.api.admin.TransferResult;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.TransferText;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration transfer ({@code /console/transfer}, admins): download the whole configuration as an archive
 * (optionally with passwords); upload an archive from another appliance, see every difference (kind, item, change,
 * before/after) and apply the selected ones, or all, after a confirmation; the result lists what failed.
 */
@Route(value = "transfer", layout = MainLayout.class)
@RequiresRole(ConsoleUser.ADMIN)
public class TransferView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final int MAX_UPLOAD = 64 * 1024 * 1024;

    private final transient Console console = ConsoleServlet.console();
    private final Span status = AdminSupport.statusLine("transfer-status");
    private final Span summary = new Span();
    private final Pre details = new Pre();
    private final Pre failures = new Pre();
    private final Grid<TransferItem> grid = new Grid<>();
    private final Button applySelected = new Button();
    private final Button applyAll = new Button();
    private final Checkbox passwords = new Checkbox();
    private transient TransferPreview preview;

    public TransferView() {
        setWidthFull();
        add(new H3(t("nav.transfer")), status);
        if (console.configTransfer().isEmpty()) {
            add(AdminSupport.notInstalled("transfer-missing", t("transfer.missing")));
            return;
        }
        passwords.setLabel(t("transfer.passwords"));
        passwords.setId("transfer-passwords");
        Anchor download = new Anchor(zip(), t("transfer.export"));
        download.setId("transfer-export");
        download.getElement().setAttribute("download", true);
        download.getElement().setAttribute("router-ignore", true);
        passwords.addValueChangeListener(e -> download.setHref(zip()));
        HorizontalLayout exportBar = new HorizontalLayout(download, passwords);
        exportBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((meta, bytes) -> ui.access(() -> preview(bytes))));
        upload.setId("transfer-upload");
        upload.setAcceptedFileTypes(".zip", "application/zip");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_UPLOAD);
        upload.setDropAllowed(true);
        upload.addFileRejectedListener(e -> AdminSupport.error(status, t("transfer.rejected")));
        Span hint = new Span(t("transfer.hint"));
        hint.addClassName("pk-label");

        summary.setId("transfer-summary");
        details.setId("transfer-details");
        details.getElement().setAttribute("dir", "ltr");
        failures.setId("transfer-failures");
        failures.getElement().setAttribute("dir", "ltr");
        grid.setId("transfer-grid");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(TransferItem::kind).setHeader(t("transfer.kind")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TransferItem::id).setHeader(t("transfer.item")).setAutoWidth(true);
        grid.addColumn(i -> t(TransferText.changeKey(i.change()))).setHeader(t("transfer.change")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(i -> firstLine(TransferText.details(i))).setHeader(t("transfer.diff")).setFlexGrow(1)
                .setTooltipGenerator(TransferText::details);
        grid.addItemClickListener(e -> details.setText(TransferText.details(e.getItem())));
        grid.setHeight("420px");
        applySelected.setText(t("transfer.apply.selected"));
        applySelected.setId("transfer-apply-selected");
        applySelected.addClickListener(e -> confirmApply(TransferText.keys(grid.getSelectedItems())));
        applyAll.setText(t("transfer.apply.all"));
        applyAll.setId("transfer-apply-all");
        applyAll.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        applyAll.addClickListener(e -> confirmApply(Set.of()));
        HorizontalLayout applyBar = new HorizontalLayout(applySelected, applyAll);
        add(exportBar, hint, upload, summary, grid, applyBar, details, failures);
        show(null);
    }

    @Override
    public String getPageTitle() {
        return t("nav.transfer") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    @SuppressWarnings("deprecation")
    private StreamResource zip() {
        boolean withPasswords = passwords.getValue();
        String actor = AdminSupport.actor();
        StreamResource r = new StreamResource(TransferText.fileName(Instant.now(), console.settings().zone()),
                (out, session) -> {
                    ConfigTransferService s = console.configTransfer()
                            .orElseThrow(() -> new IOException("configuration transfer not installed"));
                    try {
                        out.write(s.export(withPasswords, actor));
                    } catch (TransferException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
        r.setContentType("application/zip");
        r.setCacheTime(0);
        return r;
    }

    void preview(byte[] zip) {
        Optional<ConfigTransferService> s = console.configTransfer();
        if (s.isEmpty()) {
            AdminSupport.error(status, t("transfer.missing"));
            return;
        }
        try {
            show(s.get().preview(new ByteArrayInputStream(zip)));
            AdminSupport.ok(status, t("transfer.previewed", preview.sourceVersion()));
        } catch (TransferException | RuntimeException e) {
            show(null);
            AdminSupport.error(status, t("transfer.invalid", e.getMessage()));
        }
    }

    private void show(TransferPreview p) {
        preview = p;
        grid.setItems(p == null ? java.util.List.of() : TransferText.rows(p));
        details.setText("");
        failures.setText("");
        boolean any = p != null && TransferText.anyChange(p);
        applySelected.setEnabled(any);
        applyAll.setEnabled(any);
        if (p == null) {
            summary.setText("");
            return;
        }
        Map<Change, Long> c = TransferText.counts(p);
        String text = t("transfer.summary", c.get(Change.ADDED), c.get(Change.CHANGED), c.get(Change.REMOVED),
                c.get(Change.UNCHANGED));
        if (!p.notIncluded().isEmpty()) {
            text += " · " + t("transfer.notincluded") + ": " + String.join("; ", p.notIncluded());
        }
        summary.setText(text);
    }

    private void confirmApply(Set<String> keys) {
        if (preview == null) {
            return;
        }
        if (keys.isEmpty() && !grid.getSelectedItems().isEmpty() && applySelected.isEnabled()
                && TransferText.keys(grid.getSelectedItems()).isEmpty()) {
            AdminSupport.error(status, t("transfer.nothing"));
            return;
        }
        long n = keys.isEmpty() ? TransferText.keys(preview.items()).size() : keys.size();
        Dialog d = new Dialog();
        d.setId("transfer-confirm");
        d.setHeaderTitle(t("transfer.confirm.title"));
        Paragraph p = new Paragraph(t("transfer.confirm", n));
        p.setId("transfer-confirm-text");
        d.add(p);
        Button ok = new Button(t("transfer.apply"), e -> {
            d.close();
            apply(keys);
        });
        ok.setId("transfer-confirm-ok");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("transfer-confirm-cancel");
        d.getFooter().add(cancel, ok);
        d.setWidth("480px");
        d.open();
    }

    void apply(Set<String> keys) {
        Optional<ConfigTransferService> s = console.configTransfer();
        if (s.isEmpty() || preview == null) {
            AdminSupport.error(status, t("transfer.missing"));
            return;
        }
        try {
            TransferResult r = s.get().apply(preview.previewId(), keys, AdminSupport.actor());
            if (r.failed().isEmpty()) {
                AdminSupport.ok(status, t("transfer.applied", r.applied().size()));
            } else {
                AdminSupport.error(status, t("transfer.applied.failed", r.applied().size(), r.failed().size()));
            }
            failures.setText(TransferText.failures(r));
            applySelected.setEnabled(false);
            applyAll.setEnabled(false);
        } catch (TransferException | RuntimeException e) {
            AdminSupport.error(status, t("transfer.invalid", e.getMessage()));
        }
    }
}
