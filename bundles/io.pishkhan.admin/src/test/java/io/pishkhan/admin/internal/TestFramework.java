package io.pishkhan.admin.internal;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** A real embedded Felix framework with the Pishkhan API bundle installed, in target/. */
final class TestFramework implements AutoCloseable {
    final Framework framework;
    final Path dir;

    TestFramework(String extraSystemPackages) throws Exception {
        dir = Path.of("target", "osgi", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        if (extraSystemPackages != null) {
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, extraSystemPackages);
        }
        framework = new Felix(props);
        framework.start();
        install(System.getProperty("pishkhan.test.api")).start();
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Bundle install(String jarPath) throws Exception {
        Path p = Path.of(jarPath);
        try (InputStream in = Files.newInputStream(p)) {
            return context().installBundle(p.toUri().toString(), in);
        }
    }

    Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** An {@link AdminConfig} with its defaults, some overridden. */
    static AdminConfig config(Map<String, Object> overrides) {
        return (AdminConfig) Proxy.newProxyInstance(AdminConfig.class.getClassLoader(),
                new Class<?>[] {AdminConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> AdminConfig.class;
                        case "hashCode" -> 0;
                        case "equals" -> proxy == args[0];
                        default -> "AdminConfig";
                    };
                });
    }
}
