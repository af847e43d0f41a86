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
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.pishkhan.api.kb.Article;
import io.pishkhan.api.nlu.IntentModelInfo;
import io.pishkhan.api.nlu.TrainingJob;
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
            IntentsView in = h.show(new IntentsView());
            assertEquals("تشخیص نیت نصب نشده است.", text(in, "intents-missing"));
            assertFalse(find(in, "intents-models-grid").isPresent());
            FlowsView fl = h.show(new FlowsView());
            assertTrue(find(fl, "flows-missing").isPresent());
            assertFalse(find(fl, "flows-source").isPresent());
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

    @Test
    void adminTrainsFollowsTheProgressActivatesAndTries() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            IntentsView v = h.show(new IntentsView());
            assertEquals("fa", value(v, "intents-language"));
            assertEquals("هنوز آموزشی برای این زبان انجام نشده است.", text(v, "intents-job"));
            assertFalse(((Button) get(v, "intents-train")).isEnabled());
            assertFalse(v.polling());

            v.receiveFile("x.csv", utf8("sentence,intent\na,b\n"));
            assertEquals("error", attr(v, "intents-status", "data-kind"));
            assertEquals("x.csv: سرستون باید ستون‌های text و label را نام ببرد.", text(v, "intents-status"));
            assertFalse(((Button) get(v, "intents-train")).isEnabled());

            String csv = "text,label\nکارتم گم شد,card.lost\nموجودی حساب,balance\nیک جوک بگو,oos\n";
            v.receiveFile("train.csv", utf8(csv));
            assertEquals("train.csv: ۳ نمونه، ۲ نیت، ۱ خارج از حوزه.", text(v, "intents-csv-summary"));
            assertEquals("3", attr(v, "intents-csv-summary", "data-examples"));
            assertTrue(((Button) get(v, "intents-train")).isEnabled());

            click(v, "intents-train");
            assertEquals("error", attr(v, "intents-status", "data-kind"), "a comment is required");
            assertTrue(c.intents.trained.isEmpty());
            set(v, "intents-comment", "first model");
            click(v, "intents-train");
            assertEquals(List.of("fa|admin|first model"), c.intents.trained);
            assertTrue(v.polling());
            assertEquals("QUEUED", attr(v, "intents-job", "data-state"));
            assertFalse(((Button) get(v, "intents-train")).isEnabled());

            c.intents.update("job-1", TrainingJob.State.RUNNING, 0.42, null, 0);
            v.pollJob();
            assertTrue(text(v, "intents-job").startsWith("در حال آموزش… ۴۲٪"), text(v, "intents-job"));
            assertEquals(0.42, ((ProgressBar) get(v, "intents-progress")).getValue(), 1e-9);
            assertTrue(v.polling());

            c.intents.update("job-1", TrainingJob.State.SUCCEEDED, 0.9, null, 1);
            v.pollJob();
            assertFalse(v.polling(), "polling stops with the job");
            assertEquals("SUCCEEDED", attr(v, "intents-job", "data-state"));
            assertEquals(1.0, ((ProgressBar) get(v, "intents-progress")).getValue(), 1e-9);
            assertEquals("ok", attr(v, "intents-status", "data-kind"));
            assertEquals("آموزش پایان یافت: مدل نسخهٔ ۱ فعال است.", text(v, "intents-status"));
            assertEquals(1, items(v, "intents-models-grid").size());

            // a failing run shows the service's message
            v.receiveFile("train.csv", utf8(csv));
            set(v, "intents-comment", "again");
            click(v, "intents-train");
            c.intents.update("job-2", TrainingJob.State.FAILED, 0.1, "only one intent has examples", 0);
            v.pollJob();
            assertFalse(v.polling());
            assertEquals("error", attr(v, "intents-status", "data-kind"));
            assertTrue(text(v, "intents-status").startsWith("آموزش ناموفق بود: only one intent has examples"),
                    text(v, "intents-status"));
            assertTrue(get(v, "intents-progress").getElement().getThemeList().contains("error"));

            // a third model, then back to the first
            v.receiveFile("train.csv", utf8(csv));
            set(v, "intents-comment", "more data");
            click(v, "intents-train");
            c.intents.update("job-3", TrainingJob.State.SUCCEEDED, 1, null, 2);
            v.pollJob();
            List<IntentModelInfo> ms = items(v, "intents-models-grid");
            assertEquals(List.of(2, 1), ms.stream().map(IntentModelInfo::version).toList());
            v.activate(1);
            assertEquals("activate fa 1 admin", c.intents.trained.get(c.intents.trained.size() - 1));
            assertEquals("ok", attr(v, "intents-status", "data-kind"));
            ms = items(v, "intents-models-grid");
            assertTrue(ms.get(1).active());
            assertFalse(ms.get(0).active());

            // try it
            set(v, "intents-try-text", "کارتم گم شد");
            click(v, "intents-try-run");
            assertEquals("fa", c.intents.classifiedIn);
            assertEquals("card.lost", text(v, "intents-try-label"));
            assertEquals("۸۷٫۰٪", text(v, "intents-try-confidence"));
            assertEquals("خیر", text(v, "intents-try-oos"));
            assertEquals("balance · ۱۰٫۰٪", text(v, "intents-try-alt-1"));
            set(v, "intents-try-text", "tell me a joke");
            click(v, "intents-try-run");
            assertEquals("(خارج از حوزه)", text(v, "intents-try-label"));
            assertEquals("بله", text(v, "intents-try-oos"));

            // another language: its own (no) models
            set(v, "intents-language", "en");
            assertTrue(items(v, "intents-models-grid").isEmpty());
            assertEquals("هنوز آموزشی برای این زبان انجام نشده است.", text(v, "intents-job"));
        }
    }

    @Test
    void supervisorsFollowARunningJobButDoNotTrain() {
        FakeConsole c = new FakeConsole(true);
        c.intents.train("en", "text,label\na,b\n", "admin", "x");
        try (ViewHarness h = new ViewHarness(c, SUPERVISOR, ConsoleI18N.EN)) {
            IntentsView v = h.show(new IntentsView());
            assertFalse(find(v, "intents-upload").isPresent());
            assertFalse(find(v, "intents-train").isPresent());
            assertEquals("QUEUED", attr(v, "intents-job", "data-state"), "the running job of the language");
            assertTrue(v.polling());
            c.intents.update("job-1", TrainingJob.State.RUNNING, 0.5, "cross-validating", 0);
            v.pollJob();
            assertTrue(text(v, "intents-job").startsWith("Training… 50% · cross-validating"), text(v, "intents-job"));
            h.ui.remove(v);
            assertFalse(v.polling(), "no polling once the view is gone");
            assertTrue(h.ui.getPollInterval() < 0);
        }
    }

    @Test
    void adminValidatesSavesAndDeletesFlows() {
        FakeConsole c = new FakeConsole(true);
        try (ViewHarness h = new ViewHarness(c, ADMIN, ConsoleI18N.FA)) {
            FlowsView v = h.show(new FlowsView());
            assertEquals(FlowsView.SAMPLE, value(v, "flows-source"), "no flows yet: the sample");
            assertEquals("ltr", attr(v, "flows-source", "dir"));
            assertTrue(get(v, "flows-source").getElement().getClassList().contains("pk-code"));
            assertFalse(((Button) get(v, "flows-delete")).isEnabled());

            set(v, "flows-source", "{\"slots\": []}");
            click(v, "flows-validate");
            assertEquals("line 1: \"intent\" is required", text(v, "flows-problem-0"));
            assertEquals("error", attr(v, "flows-status", "data-kind"));
            click(v, "flows-save");
            assertTrue(c.flows.flows.isEmpty(), "refused");
            assertEquals("line 1: \"intent\" is required", text(v, "flows-problem-0"));

            set(v, "flows-source", FlowsView.SAMPLE);
            click(v, "flows-validate");
            assertTrue(find(v, "flows-valid").isPresent());
            click(v, "flows-save");
            assertEquals("ok", attr(v, "flows-status", "data-kind"), text(v, "flows-status"));
            assertEquals(FlowsView.SAMPLE, c.flows.flows.get("request.status"));
            assertEquals(List.of("admin"), c.flows.actors);
            List<io.pishkhan.console.internal.logic.FlowText.Summary> rows = items(v, "flows-grid");
            assertEquals(1, rows.size());
            assertEquals("request.status", rows.get(0).intent());
            assertEquals(1, rows.get(0).slots());
            assertEquals("جریان نیت request.status", text(v, "flows-editing"));
            assertTrue(((Button) get(v, "flows-delete")).isEnabled());

            click(v, "flows-new");
            set(v, "flows-source", "{\"intent\": \"balance\", \"answer\": \"<b>ok</b>\"}");
            click(v, "flows-save");
            assertEquals(2, items(v, "flows-grid").size());

            // a new view opens the first flow
            FlowsView again = h.show(new FlowsView());
            assertEquals("{\"intent\": \"balance\", \"answer\": \"<b>ok</b>\"}", value(again, "flows-source"));

            v.delete("balance");
            assertFalse(c.flows.flows.containsKey("balance"));
            assertEquals("ok", attr(v, "flows-status", "data-kind"));
            assertEquals(FlowsView.SAMPLE, value(v, "flows-source"), "the remaining flow is shown");
            v.delete("balance");
            assertEquals("error", attr(v, "flows-status", "data-kind"));
            assertEquals(List.of("admin", "admin", "admin", "admin"), c.flows.actors);
        }
    }

    @Test
    void supervisorsReadAndValidateFlowsOnly() {
        FakeConsole c = new FakeConsole(true);
        c.flows.save("{\"intent\": \"balance\"}", "admin");
        try (ViewHarness h = new ViewHarness(c, SUPERVISOR, ConsoleI18N.EN)) {
            FlowsView v = h.show(new FlowsView());
            assertTrue(((HasValue<?, ?>) get(v, "flows-source")).isReadOnly());
            assertFalse(find(v, "flows-save").isPresent());
            assertFalse(find(v, "flows-delete").isPresent());
            click(v, "flows-validate");
            assertEquals("The flow is valid.", text(v, "flows-valid"));
        }
    }
}
