package io.pishkhan.kb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots a bare Felix framework with SCR, installs the built bundle with the api and Jackson, registers a
 * ConfigStore made of a dynamic proxy, and drives the KnowledgeBase service by reflection (its types come from the
 * api bundle's class loader). Proves that the manifest resolves, the DS component activates, the seed CSV is read
 * from the bundle and the embedded Lucene finds its codecs (SPI) inside OSGi.
 */
class OsgiBundleIT {
    private static Framework framework;
    private static Bundle kbBundle;
    private static Object kb;

    private static Path m2(String group, String artifact, String version) {
        return Path.of(System.getProperty("m2.repo"), group.replace('.', '/'), artifact, version,
                artifact + "-" + version + ".jar");
    }

    @BeforeAll
    static void boot() throws Exception {
        Path cache = Path.of("target", "felix-it-cache");
        if (Files.exists(cache)) {
            try (Stream<Path> walk = Files.walk(cache)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "com.sun.*"); // as Karaf's etc/config.properties
        config.put("ds.loglevel", "warn"); // SCR reports activation failures on the console
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(config);
        assertNotNull((FrameworkFactory) new org.apache.felix.framework.FrameworkFactory());
        framework.start();
        BundleContext ctx = framework.getBundleContext();

        String jackson = System.getProperty("jackson.version");
        List<Path> jars = List.of(
                m2("org.osgi", "org.osgi.util.function", "1.2.0"),
                m2("org.osgi", "org.osgi.util.promise", "1.3.0"),
                m2("org.osgi", "org.osgi.service.component", "1.5.1"),
                m2("org.apache.felix", "org.apache.felix.scr", System.getProperty("felix.scr.version")),
                // slf4j-api 2.x needs a service loader mediator (Karaf has pax-logging); 1.7 is a plain bundle
                m2("org.slf4j", "slf4j-api", "1.7.36"),
                m2("org.slf4j", "slf4j-simple", "1.7.36"),
                m2("com.fasterxml.jackson.core", "jackson-core", jackson),
                m2("com.fasterxml.jackson.core", "jackson-annotations", jackson),
                m2("com.fasterxml.jackson.core", "jackson-databind", jackson),
                m2("io.pishkhan", "io.pishkhan.api", System.getProperty("project.version")),
                Path.of(System.getProperty("kb.bundle")));
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            assertTrue(Files.exists(jar), "missing " + jar);
            bundles.add(ctx.installBundle(jar.toUri().toString()));
        }
        Bundle api = bundles.get(bundles.size() - 2);
        kbBundle = bundles.get(bundles.size() - 1);
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start(); // throws a BundleException naming the missing requirement when it does not resolve
            }
        }
        Class<?> storeType = api.loadClass("io.pishkhan.api.store.ConfigStore");
        Object store = Proxy.newProxyInstance(storeType.getClassLoader(), new Class<?>[] {storeType},
                new ProxyStore(api.loadClass("io.pishkhan.api.store.ConfigEntry")));
        // registered and looked up through the api bundle: the system bundle would see the api classes of the
        // test class path instead, and Felix would (rightly) hide services of another class space from it
        BundleContext apiContext = api.getBundleContext();
        apiContext.registerService(storeType.getName(), store, new Hashtable<>());

        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(apiContext, "io.pishkhan.api.kb.KnowledgeBase", null);
        tracker.open();
        kb = tracker.waitForService(30_000);
        assertNotNull(kb, "KnowledgeBase service not registered (component did not activate)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static Object call(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void bundleIsActiveAndLuceneIsEmbedded() throws Exception {
        assertEquals(Bundle.ACTIVE, kbBundle.getState());
        Class<?> codec = kbBundle.loadClass("org.apache.lucene.codecs.Codec");
        Object def = codec.getMethod("getDefault").invoke(null);
        assertEquals("Lucene912", call(def, "getName"));
        assertEquals(kbBundle.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader(),
                codec.getClassLoader());
    }

    @Test
    void seedArticlesAreSearchableInsideOsgi() throws Exception {
        assertEquals(20, ((List<?>) call(kb, "articles")).size());
        List<?> fa = (List<?>) call(kb, "search", "كارتم گم شده", "fa", "webchat", 3);
        assertEquals("گم شدن یا سرقت کارت بانکی", call(fa.get(0), "title"));
        List<?> en = (List<?>) call(kb, "search", "forgot my password", null, null, 3);
        assertEquals("Reset your internet banking password", call(en.get(0), "title"));
    }

    @Test
    void importGoesThroughTheRegisteredStore() throws Exception {
        Object result = call(kb, "importCsv", "title,body,language\nOSGi probe,Resolved inside Felix.,en\n", "it");
        assertEquals(1, call(result, "imported"));
        List<?> hits = (List<?>) call(kb, "search", "felix", "en", null, 3);
        assertEquals("OSGi probe", call(hits.get(0), "title"));
    }

    /** ConfigStore over maps, as an InvocationHandler (the interface lives in the api bundle). */
    private static final class ProxyStore implements InvocationHandler {
        private final Map<String, TreeMap<String, Object>> entries = new HashMap<>();
        private final Constructor<?> entry;

        ProxyStore(Class<?> entryType) throws NoSuchMethodException {
            this.entry = entryType.getConstructor(String.class, String.class, String.class, Instant.class, String.class);
        }

        @Override
        public synchronized Object invoke(Object proxy, Method m, Object[] a) throws Exception {
            switch (m.getName()) {
                case "list":
                    return List.copyOf(entries.getOrDefault((String) a[0], new TreeMap<>()).values());
                case "get":
                    return java.util.Optional.ofNullable(entries.getOrDefault((String) a[0], new TreeMap<>()).get(a[1]));
                case "put": {
                    Object e = entry.newInstance(a[0], a[1], a[2], Instant.now(), a[3]);
                    entries.computeIfAbsent((String) a[0], k -> new TreeMap<>()).put((String) a[1], e);
                    return e;
                }
                case "delete":
                    return entries.getOrDefault((String) a[0], new TreeMap<>()).remove(a[1]) != null;
                case "audit":
                    return null;
                case "auditLog":
                    return List.of();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == a[0];
                case "toString":
                    return "ProxyStore";
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        }
    }
}
