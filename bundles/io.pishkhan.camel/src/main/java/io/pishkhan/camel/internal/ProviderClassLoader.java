package io.pishkhan.camel.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets Camel resolve classes by name (exception types of onException, beans, types of convertBodyTo) from the
 * bundles that contributed routes: Camel itself only sees this bundle's class path. Loaders are removed again when
 * their provider goes away, so a stopped or updated bundle's classes are never served.
 */
final class ProviderClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> loaders = new CopyOnWriteArrayList<>();

    ProviderClassLoader() {
        super(null); // bootstrap parent: java.* first, then the providers
    }

    void add(ClassLoader loader) {
        if (loader != null && !loaders.contains(loader)) {
            loaders.add(loader);
        }
    }

    void remove(ClassLoader loader) {
        loaders.remove(loader);
    }

    int size() {
        return loaders.size();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : loaders) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException | NoClassDefFoundError notThere) {
                // try the next provider
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : loaders) {
            URL u = l.getResource(name);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader l : loaders) {
            all.addAll(Collections.list(l.getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
