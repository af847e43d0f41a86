package io.pishkhan.console.internal.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.kb.ImportResult;
import io.pishkhan.api.kb.KnowledgeBase;
import io.pishkhan.api.kb.Passage;
import io.pishkhan.console.internal.Console;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.logic.Dates;
import io.pishkhan.console.internal.logic.KbText;
import io.pishkhan.console.internal.logic.RoutingText;
import io.pishkhan.console.internal.logic.TrainingText;
import io.pishkhan.console.internal.logic.UploadText;
import io.pishkhan.console.internal.web.ConsoleI18N;
import io.pishkhan.console.internal.web.ConsoleServlet;
import io.pishkhan.console.internal.web.RequiresRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Knowledge base ({@code /console/kb}): the articles with their customers' votes, an editor (admins) or a read-only
 * form (supervisors), CSV and Markdown imports, and a search box to try a query the way the bot and agent assist do.
 * Everything goes through {@link KnowledgeBase}; texts from data are set as text, never as HTML.
 */
@Route(value = "kb", layout = MainLayout.class)
@RequiresRole(ConsoleUser.SUPERVISOR)
public class KnowledgeBaseView extends VerticalLayout implements HasDynamicTitle {
    private static final long serialVersionUID = 1L;
    static final List<String> LANGUAGES = List.of("fa", "en");
    /** The search box's "both languages" choice. */
    static final String ANY = "*";
    private static final int SEARCH_LIMIT = 10;

    private final transient Console console = ConsoleServlet.console();
    private final boolean fa = ConsoleI18N.isPersian(getLocale());
    private final boolean editable = AdminSupport.mayEdit();
    private final Span status = AdminSupport.statusLine("kb-status");
    private final Grid<Article> grid = new Grid<>();
    private transient Map<String, long[]> votes = Map.of();

    private final TextField id = new TextField();
    private final TextField title = new TextField();
    private final TextArea body = new TextArea();
    private final TextField tags = new TextField();
    private final Select<String> language = new Select<>();
    private final TextField channels = new TextField();
    private final Checkbox published = new Checkbox();
    private final TextField link = new TextField();
    private final Button delete = new Button();

    private final Span importResult = new Span();
    private final Div importErrors = new Div();
    private final Select<String> importLanguage = new Select<>();

    private final TextField query = new TextField();
    private final Select<String> searchLanguage = new Select<>();
    private final TextField searchChannel = new TextField();
    private final Div results = new Div();

    public KnowledgeBaseView() {
        setWidthFull();
        add(new H3(t("kb.title")), status);
        if (console.knowledgeBase().isEmpty()) {
            add(AdminSupport.notInstalled("kb-missing", t("kb.missing")));
            return;
        }
        add(articlesGrid(), new H4(t(editable ? "kb.editor" : "kb.article")), editor());
        if (editable) {
            add(new H4(t("kb.import")), importPanel());
        }
        add(new H4(t("kb.search")), searchPanel());
        refresh();
        edit(null);
    }

    @Override
    public String getPageTitle() {
        return t("nav.kb") + " · " + t("app.name");
    }

    private String t(String key, Object... args) {
        return getTranslation(key, args);
    }

    private String n(long v) {
        return RoutingText.digits(v, fa);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Runs a call on the knowledge base; a refusal goes to the status line. Empty when it failed. */
    private <T> Optional<T> act(Function<KnowledgeBase, T> call) {
        Optional<KnowledgeBase> kb = console.knowledgeBase();
        if (kb.isEmpty()) {
            AdminSupport.error(status, t("kb.missing"));
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call.apply(kb.get()));
        } catch (RuntimeException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return Optional.empty();
        }
    }

    private void refresh() {
        console.knowledgeBase().ifPresent(kb -> {
            try {
                votes = kb.feedbackCounts();
            } catch (RuntimeException e) {
                votes = Map.of();
            }
            grid.setItems(kb.articles());
            grid.recalculateColumnWidths();
        });
    }

    private String languageLabel(String l) {
        if (l == null || ANY.equals(l)) {
            return t("kb.language.any");
        }
        String key = "kb.language." + l;
        String v = t(key);
        return v.equals(key) ? l : v;
    }

    private long vote(Article a, int i) {
        long[] v = votes.get(a.id());
        return v == null || v.length <= i ? 0 : v[i];
    }

    // ---------------------------------------------------------------- articles

    private Component articlesGrid() {
        grid.setId("kb-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(a -> nz(a.title())).setHeader(t("kb.field.title")).setFlexGrow(1)
                .setTooltipGenerator(a -> nz(a.title()));
        grid.addColumn(a -> languageLabel(a.language())).setHeader(t("kb.field.language")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(a -> KbText.formatList(a.tags())).setHeader(t("kb.field.tags")).setAutoWidth(true);
        grid.addColumn(a -> a.channels().isEmpty() ? t("kb.channels.all") : KbText.formatList(a.channels()))
                .setHeader(t("kb.field.channels")).setAutoWidth(true);
        grid.addColumn(a -> a.published() ? "✓" : "—").setHeader(t("kb.field.published")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(a -> Dates.format(a.updatedAt(), console.settings().zone(), fa)
                + (a.updatedBy() == null ? "" : " · " + a.updatedBy())).setHeader(t("kb.field.updated"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> n(vote(a, 0))).setHeader("👍").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(a -> n(vote(a, 1))).setHeader("👎").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(a -> {
            Button b = new Button(t(editable ? "kb.edit" : "kb.open"), e -> edit(a));
            b.setId("kb-edit-" + a.id());
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            return b;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> edit(e.getItem()));
        grid.setPartNameGenerator(a -> a.published() ? null : "pk-draft");
        grid.setHeight("320px");
        return grid;
    }

    // ---------------------------------------------------------------- editor

    private Component editor() {
        id.setId("kb-id");
        id.setLabel(t("kb.field.id"));
        id.setReadOnly(true);
        id.getElement().setAttribute("dir", "ltr");
        title.setId("kb-title");
        title.setLabel(t("kb.field.title"));
        title.setMaxLength(300);
        body.setId("kb-body");
        body.setLabel(t("kb.field.body"));
        body.setWidthFull();
        body.setMinHeight("200px");
        body.setMaxHeight("480px");
        tags.setId("kb-tags");
        tags.setLabel(t("kb.field.tags"));
        tags.setPlaceholder("cards, lost card");
        tags.getElement().setAttribute("dir", "ltr");
        language.setId("kb-language");
        language.setLabel(t("kb.field.language"));
        language.setItems(LANGUAGES);
        language.setItemLabelGenerator(this::languageLabel);
        language.addValueChangeListener(e -> direction(e.getValue()));
        channels.setId("kb-channels");
        channels.setLabel(t("kb.field.channels"));
        channels.setPlaceholder(t("kb.channels.placeholder"));
        channels.getElement().setAttribute("dir", "ltr");
        published.setId("kb-published");
        published.setLabel(t("kb.field.published"));
        link.setId("kb-link");
        link.setLabel(t("kb.field.link"));
        link.setPlaceholder("https://");
        link.getElement().setAttribute("dir", "ltr");

        FormLayout f = new FormLayout(id, language, title, tags, channels, link, published);
        f.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 3));
        f.setColspan(title, 2);
        VerticalLayout v = new VerticalLayout(f, body);
        v.setId("kb-form");
        v.setPadding(false);
        v.setWidthFull();
        for (var field : List.of(title, tags, channels, link)) {
            field.setReadOnly(!editable);
        }
        body.setReadOnly(!editable);
        language.setReadOnly(!editable);
        published.setReadOnly(!editable);
        if (editable) {
            Button save = new Button(t("kb.save"), e -> save());
            save.setId("kb-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            delete.setText(t("kb.delete"));
            delete.setId("kb-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.addClickListener(e -> confirmDelete());
            Button fresh = new Button(t("kb.new"), e -> edit(null));
            fresh.setId("kb-new");
            v.add(new HorizontalLayout(save, delete, fresh));
        }
        return v;
    }

    /** Persian articles right-to-left, English ones left-to-right (title and body). */
    private void direction(String lang) {
        String dir = KbText.direction(lang);
        title.getElement().setAttribute("dir", dir);
        body.getElement().setAttribute("dir", dir);
    }

    /** Shows an article in the editor; null: an empty form for a new one. */
    void edit(Article a) {
        id.setValue(a == null ? "" : a.id());
        id.setPlaceholder(t("kb.id.new"));
        title.setValue(a == null ? "" : nz(a.title()));
        body.setValue(a == null ? "" : nz(a.body()));
        tags.setValue(a == null ? "" : KbText.formatList(a.tags()));
        String l = a == null ? (fa ? "fa" : "en") : a.language();
        language.setValue(LANGUAGES.contains(l) ? l : null);
        direction(l);
        channels.setValue(a == null ? "" : KbText.formatList(a.channels()));
        published.setValue(a != null && a.published());
        link.setValue(a == null ? "" : nz(a.link()));
        delete.setEnabled(a != null);
    }

    private void save() {
        String ttl = RoutingText.blankToNull(title.getValue());
        if (ttl == null) {
            AdminSupport.error(status, t("input.required", title.getLabel()));
            return;
        }
        if (language.getValue() == null) {
            AdminSupport.error(status, t("input.required", language.getLabel()));
            return;
        }
        Article draft = new Article(id.getValue().strip(), ttl, body.getValue(), KbText.parseList(tags.getValue()),
                language.getValue(), KbText.parseList(channels.getValue()), published.getValue(),
                RoutingText.blankToNull(link.getValue()), null, AdminSupport.actor());
        act(kb -> kb.save(draft, AdminSupport.actor())).ifPresent(saved -> {
            refresh();
            edit(saved);
            AdminSupport.ok(status, t("kb.saved", nz(saved.title())));
        });
    }

    private void confirmDelete() {
        String articleId = RoutingText.blankToNull(id.getValue());
        if (articleId == null) {
            return;
        }
        Dialog d = new Dialog();
        d.setId("kb-delete-dialog");
        d.setHeaderTitle(t("kb.delete.title"));
        Span what = new Span(title.getValue());
        what.getElement().setAttribute("dir", "auto");
        Button ok = new Button(t("kb.delete"), e -> {
            d.close();
            delete(articleId, title.getValue());
        });
        ok.setId("kb-delete-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(t("cancel"), e -> d.close());
        cancel.setId("kb-delete-cancel");
        d.add(what);
        d.getFooter().add(cancel, ok);
        d.open();
    }

    void delete(String articleId, String articleTitle) {
        act(kb -> kb.delete(articleId, AdminSupport.actor())).ifPresent(deleted -> {
            refresh();
            if (deleted) {
                edit(null);
                AdminSupport.ok(status, t("kb.deleted", articleTitle));
            } else {
                AdminSupport.error(status, t("kb.notFound", articleTitle));
            }
        });
    }

    // ---------------------------------------------------------------- import

    private Component importPanel() {
        UI ui = UI.getCurrent();
        Upload csv = upload("kb-import-csv", UploadText.CSV, (name, bytes) -> ui.access(() ->
                importFile(false, name, bytes)));
        Span csvHint = new Span(t("kb.import.csv.hint"));
        csvHint.addClassName("pk-label");
        csvHint.getElement().setAttribute("dir", "auto");

        importLanguage.setId("kb-import-language");
        importLanguage.setLabel(t("kb.import.md.language"));
        importLanguage.setItems(LANGUAGES);
        importLanguage.setItemLabelGenerator(this::languageLabel);
        importLanguage.setValue(fa ? "fa" : "en");
        Upload md = upload("kb-import-md", UploadText.MARKDOWN, (name, bytes) -> ui.access(() ->
                importFile(true, name, bytes)));
        Span mdHint = new Span(t("kb.import.md.hint"));
        mdHint.addClassName("pk-label");
        mdHint.getElement().setAttribute("dir", "auto");

        importResult.setId("kb-import-result");
        importErrors.setId("kb-import-errors");
        importErrors.addClassName("pk-problems");
        VerticalLayout csvBox = new VerticalLayout(new Span(t("kb.import.csv")), csvHint, csv);
        csvBox.setPadding(false);
        VerticalLayout mdBox = new VerticalLayout(new Span(t("kb.import.md")), mdHint, importLanguage, md);
        mdBox.setPadding(false);
        HorizontalLayout both = new HorizontalLayout(csvBox, mdBox);
        both.setWidthFull();
        VerticalLayout v = new VerticalLayout(both, importResult, importErrors);
        v.setPadding(false);
        v.setWidthFull();
        return v;
    }

    /** The bytes of one uploaded file. */
    interface FileReceiver extends java.io.Serializable {
        void receive(String fileName, byte[] bytes);
    }

    private Upload upload(String uploadId, List<String> extensions, FileReceiver receiver) {
        Upload u = new Upload(UploadHandler.inMemory((meta, bytes) -> receiver.receive(meta.fileName(), bytes)));
        u.setId(uploadId);
        List<String> accepted = new ArrayList<>(extensions);
        accepted.addAll(List.of("text/csv", "text/plain", "text/markdown"));
        u.setAcceptedFileTypes(accepted.toArray(String[]::new));
        u.setMaxFiles(1);
        u.setMaxFileSize(UploadText.MAX_KB_BYTES);
        u.setDropAllowed(true);
        u.addFileRejectedListener(e -> AdminSupport.error(status, t("upload.rejected",
                n(UploadText.kilobytes(UploadText.MAX_KB_BYTES)))));
        return u;
    }

    /** Imports an uploaded file: CSV, or Markdown in the chosen language. */
    void importFile(boolean markdown, String fileName, byte[] bytes) {
        String text;
        try {
            text = UploadText.read(fileName, bytes, UploadText.MAX_KB_BYTES,
                    markdown ? UploadText.MARKDOWN : UploadText.CSV);
        } catch (IllegalArgumentException e) {
            AdminSupport.error(status, AdminSupport.errorText(e, getLocale()));
            return;
        }
        String lang = importLanguage.getValue() == null ? (fa ? "fa" : "en") : importLanguage.getValue();
        act(kb -> markdown ? kb.importMarkdown(text, lang, AdminSupport.actor())
                : kb.importCsv(text, AdminSupport.actor())).ifPresent(r -> {
                    showImport(fileName, r);
                    refresh();
                });
    }

    private void showImport(String fileName, ImportResult r) {
        String summary = t("kb.imported", nz(fileName), n(r.imported()), n(r.errors().size()));
        importResult.setText(summary);
        importResult.getElement().setAttribute("dir", "auto");
        importResult.getElement().setAttribute("data-imported", Integer.toString(r.imported()));
        importResult.getElement().setAttribute("data-errors", Integer.toString(r.errors().size()));
        importErrors.removeAll();
        int i = 0;
        for (String e : r.errors()) {
            Div line = new Div();
            line.setId("kb-import-error-" + i++);
            line.addClassName("pk-problem");
            line.getElement().setAttribute("dir", "auto");
            line.setText(e);
            importErrors.add(line);
        }
        if (r.errors().isEmpty()) {
            AdminSupport.ok(status, summary);
        } else {
            AdminSupport.error(status, summary);
        }
    }

    // ---------------------------------------------------------------- search

    private Component searchPanel() {
        query.setId("kb-search-text");
        query.setLabel(t("kb.search.query"));
        query.getElement().setAttribute("dir", "auto");
        query.setWidth("360px");
        query.setMaxLength(1000);
        searchLanguage.setId("kb-search-language");
        searchLanguage.setLabel(t("kb.field.language"));
        searchLanguage.setItems(ANY, "fa", "en");
        searchLanguage.setItemLabelGenerator(this::languageLabel);
        searchLanguage.setValue(ANY);
        searchChannel.setId("kb-search-channel");
        searchChannel.setLabel(t("kb.search.channel"));
        searchChannel.setPlaceholder("webchat");
        searchChannel.getElement().setAttribute("dir", "ltr");
        searchChannel.setWidth("160px");
        Button run = new Button(t("kb.search.run"), e -> search());
        run.setId("kb-search-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        query.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, e -> search());
        HorizontalLayout controls = new HorizontalLayout(query, searchLanguage, searchChannel, run);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        results.setId("kb-search-results");
        results.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "6px");
        results.setWidthFull();
        VerticalLayout v = new VerticalLayout(controls, results);
        v.setPadding(false);
        v.setWidthFull();
        return v;
    }

    void search() {
        String q = RoutingText.blankToNull(query.getValue());
        results.removeAll();
        if (q == null) {
            AdminSupport.error(status, t("input.required", query.getLabel()));
            return;
        }
        String lang = ANY.equals(searchLanguage.getValue()) ? null : searchLanguage.getValue();
        String channel = RoutingText.blankToNull(searchChannel.getValue());
        act(kb -> kb.search(q, lang, channel, SEARCH_LIMIT)).ifPresent(found -> {
            if (found.isEmpty()) {
                Span none = new Span(t("kb.search.none"));
                none.setId("kb-search-none");
                none.addClassName("pk-label");
                results.add(none);
                return;
            }
            int i = 0;
            for (Passage p : found) {
                results.add(passage("kb-result-" + i++, p));
            }
        });
    }

    private Component passage(String elementId, Passage p) {
        Div card = new Div();
        card.setId(elementId);
        card.addClassName("pk-card");
        card.getElement().setAttribute("data-article", nz(p.articleId()));
        Span ttl = new Span(nz(p.title()));
        ttl.getElement().setAttribute("dir", "auto");
        ttl.getStyle().set("font-weight", "600");
        Span score = new Span(" · " + t("kb.search.score", TrainingText.decimal(p.score(), fa)) + " · "
                + languageLabel(p.language()));
        score.addClassName("pk-label");
        Div text = new Div();
        text.setText(nz(p.text()));
        text.getElement().setAttribute("dir", "auto");
        text.getStyle().set("white-space", "pre-wrap");
        card.add(new Div(ttl, score), text);
        if (p.link() != null && !p.link().isBlank()) {
            card.add(linkOf(p.link()));
        }
        return card;
    }

    /** A link shown left-to-right; only http(s) links are clickable, anything else stays text. */
    static Component linkOf(String url) {
        Component c;
        if (url.startsWith("https://") || url.startsWith("http://")) {
            Anchor a = new Anchor(url, url);
            a.setTarget("_blank");
            a.getElement().setAttribute("rel", "noopener noreferrer");
            c = a;
        } else {
            c = new Span(url);
        }
        c.getElement().setAttribute("dir", "ltr");
        c.getElement().getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)");
        return c;
    }
}
