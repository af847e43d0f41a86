package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Not a test (kept out of the test run): measures search() over a synthetic knowledge base. Run with
 * {@code java -cp target/classes:target/test-classes:<test class path> io.pishkhan.kb.internal.SearchLatency [articles]},
 * see the README.
 */
public final class SearchLatency {
    private static final String[] FA = ("کارت بانکی حساب انتقال وجه سقف رمز عبور اینترنت‌بانک همراه‌بانک شعبه ساعت کاری "
            + "تسهیلات وام قسط کارمزد حواله پایا ساتنا پیگیری درخواست مرکز تماس مسدود سرقت گم‌شده المثنی موجودی "
            + "گردش چک صیاد سپرده سود ارز قبض شارژ پیامک خودپرداز کارتخوان پذیرنده نشانی ایمیل تلفن ثبت‌نام").split(" ");
    private static final String[] EN = ("card bank account transfer limit password internet banking mobile branch hours "
            + "loan instalment fee charge PAYA SATNA tracking request call centre blocked stolen lost replacement "
            + "balance statement cheque deposit interest currency bill top-up SMS ATM terminal merchant address "
            + "email phone registration").split(" ");
    private static final String[] QUERIES = {"کارتم گم شده", "سقف انتقال کارت به کارت", "رمز عبور را فراموش کرده‌ام",
        "ساعت کاری شعبه", "کارمزد حواله ساتنا", "وام قرض الحسنه", "كارت مسدود شده", "پیگیری درخواست",
        "I lost my card", "daily transfer limit", "forgot my password", "branch opening hours", "SATNA fee",
        "apply for a loan", "card blocked wrong PIN", "track my request"};

    private SearchLatency() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Random rnd = new Random(42);
        InMemoryConfigStore store = new InMemoryConfigStore();
        KnowledgeBaseImpl seeded = new KnowledgeBaseImpl(store, true, 10);
        long t0 = System.nanoTime();
        for (int i = seeded.articles().size(); i < n; i++) {
            boolean fa = i % 2 == 0;
            String[] words = fa ? FA : EN;
            seeded.save(new Article("", sentence(rnd, words, 5), body(rnd, words), Set.of(words[rnd.nextInt(words.length)]),
                    fa ? "fa" : "en", Set.of(), true, null, null, null), "bench");
        }
        long saveMs = (System.nanoTime() - t0) / 1_000_000;
        long r0 = System.nanoTime();
        KnowledgeBaseImpl kb = new KnowledgeBaseImpl(store, false, 10);
        long rebuildMs = (System.nanoTime() - r0) / 1_000_000;
        seeded.deactivate();
        System.out.printf("%d articles (avg body %d chars); %d saves took %d ms (%.2f ms each); rebuild at activation %d ms%n",
                kb.articles().size(), (int) kb.articles().stream().mapToInt(a -> a.body().length()).average().orElse(0),
                n - 20, saveMs, saveMs / (double) Math.max(1, n - 20), rebuildMs);
        for (int i = 0; i < 3000; i++) { // warm-up
            kb.search(QUERIES[i % QUERIES.length], i % 3 == 0 ? null : (i % QUERIES.length < 8 ? "fa" : "en"), "webchat", 3);
        }
        int runs = 5000;
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            String q = QUERIES[i % QUERIES.length];
            String lang = i % 3 == 0 ? null : (i % QUERIES.length < 8 ? "fa" : "en");
            long s = System.nanoTime();
            kb.search(q, lang, "webchat", 3);
            micros[i] = (System.nanoTime() - s) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("search() limit 3, %d runs: p50 %d us, p90 %d us, p99 %d us, max %d us%n", runs,
                micros[runs / 2], micros[runs * 9 / 10], micros[runs * 99 / 100], micros[runs - 1]);
        StringBuilder csv = new StringBuilder("title,body,language\n");
        for (Article a : kb.articles()) {
            csv.append('"').append(a.title().replace("\"", "\"\"")).append(" x\",\"")
                    .append(a.body().replace("\"", "\"\"")).append("\",").append(a.language()).append('\n');
        }
        KnowledgeBaseImpl fresh = new KnowledgeBaseImpl(new InMemoryConfigStore(), false, 10);
        long i0 = System.nanoTime();
        int imported = fresh.importCsv(csv.toString(), "bench").imported();
        System.out.printf("importCsv of %d rows: %d ms%n", imported, (System.nanoTime() - i0) / 1_000_000);
        fresh.deactivate();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap used after GC: %d MB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        kb.deactivate();
    }

    private static String sentence(Random rnd, String[] words, int len) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < len; i++) {
            w.add(words[rnd.nextInt(words.length)]);
        }
        return String.join(" ", w);
    }

    private static String body(Random rnd, String[] words) {
        StringBuilder b = new StringBuilder();
        int paragraphs = 3 + rnd.nextInt(5);
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < 3 + rnd.nextInt(4); s++) {
                b.append(sentence(rnd, words, 6 + rnd.nextInt(10))).append(". ");
            }
            b.append("\n\n");
        }
        return b.toString();
    }
}
