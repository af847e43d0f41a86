package io.pishkhan.console.internal.ui;

import static io.pishkhan.console.internal.ui.ViewHarness.find;
import static io.pishkhan.console.internal.ui.ViewHarness.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.pishkhan.api.kb.Article;
import io.pishkhan.console.internal.logic.ConsoleUser;
import io.pishkhan.console.internal.web.ConsoleI18N;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chatbot screens (knowledge base, intents, flows) built and driven on the server against in-memory services. */
class ChatbotViewsTest {
    static final ConsoleUser ADMIN = new ConsoleUser("admin", Set.of("admin"));
    static final ConsoleUser SUPERVISOR = new ConsoleUser("sam", Set.of("supervisor"));

    @SuppressWarnings("unchecked")
    static <V> void set(Component root, String id, V value) {
        ((HasValue<?, V>) get(root, id)).setValue(value);
    }

    static Object value(Component root, String id) {
        return ((HasValue<?, ?>) get(root, id)).getValue();
    }

    static void click(Component root, String id) {
        ((Button) get(root, id)).click();
    }

    static String text(Component root, String id) {
        return ((HasText) get(root, id)).getText();
    }

    static String attr(Component root, String id, String name) {
        return get(root, id).getElement().getAttribute(name);
    }

    static <T> List<T> items(Component root, String id) {
        Grid<T> g = get(root, id);
        return g.getListDataView().getItems().toList();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void screensSayNotInstalledWithoutTheEngines() {
        FakeConsole c = new FakeConsole(false);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            KnowledgeBaseView kb = h.show(new KnowledgeBaseView());
            assertEquals("پایگاه دانش نصب نشده است.", text(kb, "kb-missing"));
            assertFalse(find(kb, "kb-grid").isPresent());
        }
    }

    @Test
    void adminWritesImportsAndSearchesArticles() {
        FakeConsole c = new FakeConsole(true);
        c.kb.votes.put("a1", new long[] {3, 1});
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            KnowledgeBaseView v = h.show(new KnowledgeBaseView());
            assertEquals("fa", value(v, "kb-language"), "a new article starts in the console's language");
            assertEquals("rtl", attr(v, "kb-body", "dir"));
            assertEquals("ltr", attr(v, "kb-link", "dir"));
            assertEquals("ltr", attr(v, "kb-tags", "dir"));

            // the service's refusal is shown as it said it
            set(v, "kb-title", "مسدود کردن کارت");
            click(v, "kb-save");
            assertEquals("error", attr(v, "kb-status", "data-kind"));
            assertEquals("body is required", text(v, "kb-status"));

            set(v, "kb-body", "<script>alert(1)</script> کارت را از برنامه مسدود کنید.");
            set(v, "kb-tags", "کارت، مسدودی ; cards");
            set(v, "kb-channels", "webchat");
            set(v, "kb-published", true);
            set(v, "kb-link", "https://bank.example/cards");
            click(v, "kb-save");
            assertEquals("ok", attr(v, "kb-status", "data-kind"), text(v, "kb-status"));
            Article a = c.kb.articles.get("a1");
            assertNotNull(a);
            assertEquals(Set.of("کارت", "مسدودی", "cards"), a.tags());
            assertEquals(Set.of("webchat"), a.channels());
            assertTrue(a.published());
            assertEquals("https://bank.example/cards", a.link());
            assertEquals("fa", a.language());
            assertEquals(List.of("admin"), c.kb.actors);
            assertEquals("a1", value(v, "kb-id"), "the editor shows the saved article");
            assertEquals(1, items(v, "kb-grid").size());

            // English: left to right
            click(v, "kb-new");
            assertEquals("", value(v, "kb-id"));
            set(v, "kb-language", "en");
            assertEquals("ltr", attr(v, "kb-title", "dir"));
            set(v, "kb-title", "Block a card");
            set(v, "kb-body", "Block it in the app.");
            click(v, "kb-save");
            assertEquals(2, c.kb.articles.size());
            assertEquals("en", c.kb.articles.get("a2").language());
            assertFalse(c.kb.articles.get("a2").published());

            // imports: counts and the errors list; a bad file never reaches the service
            v.importFile(false, "faq.csv", utf8("title,body,tags,language\nWhat is IBAN,A number,,en\n,x,,en\n"));
            assertEquals("1", attr(v, "kb-import-result", "data-imported"));
            assertEquals("1", attr(v, "kb-import-result", "data-errors"));
            assertEquals("faq.csv: ۱ مقاله درون‌ریزی شد، ۱ خطا.", text(v, "kb-import-result"));
            assertEquals("line 3: title is required", text(v, "kb-import-error-0"));
            assertEquals("error", attr(v, "kb-status", "data-kind"));
            assertEquals(3, items(v, "kb-grid").size());

            set(v, "kb-import-language", "en");
            v.importFile(true, "guide.md", utf8("# Opening hours\nWe are open 8-17.\n# Fees\nNo fees.\n"));
            assertEquals("2", attr(v, "kb-import-result", "data-imported"));
            assertFalse(find(v, "kb-import-error-0").isPresent());
            assertEquals("ok", attr(v, "kb-status", "data-kind"));
            assertEquals("en", c.kb.articles.get("a5").language());

            int before = c.kb.articles.size();
            v.importFile(true, "guide.docx", utf8("# x\ny"));
            assertEquals("«guide.docx» پرونده‌ای از نوع .md .markdown .txt نیست.", text(v, "kb-status"));
            v.importFile(false, "big.csv", new byte[3 * 1024 * 1024]);
            assertEquals("«big.csv» بزرگ‌تر از ۲۰۴۸ کیلوبایت است.", text(v, "kb-status"));
            assertEquals(before, c.kb.articles.size());

            // search: passages with scores, markup shown as text
            set(v, "kb-search-text", "کارت مسدود");
            set(v, "kb-search-channel", "webchat");
            click(v, "kb-search-run");
            assertEquals(Arrays.asList("کارت مسدود", null, "webchat", 10), c.kb.lastSearch);
            Component r = get(v, "kb-result-0");
            assertEquals("a1", r.getElement().getAttribute("data-article"));
            assertTrue(r.getElement().getTextRecursively().contains("<script>alert(1)</script>"),
                    "markup stays text");
            assertTrue(r.getElement().getTextRecursively().contains("امتیاز ۲٫۰۰"),
                    r.getElement().getTextRecursively());
            set(v, "kb-search-language", "en");
            click(v, "kb-search-run");
            assertTrue(find(v, "kb-search-none").isPresent());

            // delete
            v.edit(c.kb.articles.get("a2"));
            v.delete("a2", "Block a card");
            assertFalse(c.kb.articles.containsKey("a2"));
            assertEquals("ok", attr(v, "kb-status", "data-kind"));
        }
    }

    @Test
    void supervisorsReadArticlesAndSearchButDoNotEdit() {
        FakeConsole c = new FakeConsole(true);
        c.kb.save(new Article("", "Fees", "No fees.", Set.of(), "en", Set.of(), true, null, null, null), "admin");
        try (ViewHarness h = new ViewHarness(c, SUPERVISOR, ConsoleI18N.EN)) {
            KnowledgeBaseView v = h.show(new KnowledgeBaseView());
            assertFalse(find(v, "kb-save").isPresent());
            assertFalse(find(v, "kb-import-csv").isPresent());
            assertTrue(((HasValue<?, ?>) get(v, "kb-title")).isReadOnly());
            v.edit(c.kb.articles.get("a1")); // what the row's button (kb-edit-a1) or a row click does
            assertEquals("No fees.", value(v, "kb-body"));
            set(v, "kb-search-text", "fees");
            click(v, "kb-search-run");
            assertTrue(find(v, "kb-result-0").isPresent());
        }
    }
}
