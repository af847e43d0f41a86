package io.pishkhan.kb.internal;

import io.pishkhan.api.kb.Article;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.lucene.codecs.Codec;

/**
 * Run by {@link PlainClassLoaderTest} inside a class loader that sees only Lucene, the api and this bundle's
 * classes: indexes two articles and returns "codec-name codec-loader-is-ours|hit ids".
 */
public final class IsolatedIndexProbe implements Supplier<String> {
    @Override
    public String get() {
        try (ArticleIndex index = new ArticleIndex()) {
            index.put(new Article("a", "کارت بانکی", "کارت گم‌شده را مسدود کنید.", Set.of(), "fa", Set.of(), true, null,
                    null, null));
            index.put(new Article("b", "Lost card", "Block a lost card at once.", Set.of(), "en", Set.of(), true, null,
                    null, null));
            Codec codec = Codec.getDefault();
            boolean ours = codec.getClass().getClassLoader() == getClass().getClassLoader();
            String hits = index.search("كارت گمشده", "fa", null, 5).stream().map(ArticleIndex.Hit::id)
                    .collect(Collectors.joining(","))
                    + ";" + index.search("lost cards", "en", null, 5).stream().map(ArticleIndex.Hit::id)
                            .collect(Collectors.joining(","));
            return codec.getName() + " " + ours + "|" + hits;
        }
    }
}
