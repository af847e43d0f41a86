package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.pishkhan.api.kb.Article;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;

/**
 * Lucene finds its codecs through Java SPI (META-INF/services). In OSGi there is no application class path and
 * the thread context class loader is whatever the caller's thread had. This test runs the index in a class loader
 * that sees only the Lucene jars, the api and this module's classes (parent: the platform loader), with a thread
 * context class loader that sees nothing, the way a bundle class loader would run it.
 */
class PlainClassLoaderTest {
    private static URL location(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    @SuppressWarnings("unchecked")
    void indexWorksInAnIsolatedClassLoaderWithoutTheContextClassLoader() throws Exception {
        URL[] urls = {location(IndexWriter.class), location(PersianAnalyzer.class), location(Article.class),
            location(ArticleIndex.class), location(IsolatedIndexProbe.class)};
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader("isolated", urls, ClassLoader.getPlatformClassLoader());
                URLClassLoader empty = new URLClassLoader("empty", new URL[0], null)) {
            Class<?> probeClass = isolated.loadClass(IsolatedIndexProbe.class.getName());
            assertNotSame(IsolatedIndexProbe.class, probeClass);
            Thread.currentThread().setContextClassLoader(empty);
            Supplier<String> probe = (Supplier<String>) probeClass.getConstructor().newInstance();
            assertEquals("Lucene912 true|a;b", probe.get());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
