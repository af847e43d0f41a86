package io.pishkhan.console.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vaadin.flow.router.Route;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No container scans the bundle for routes, so {@link VaadinBootstrap#ROUTES} lists them by hand: a view missing
 * there breaks every page whose layout links to it ("Unable to create an instance of MainLayout").
 */
class RoutesTest {
    @Test
    void everyRouteClassIsRegistered() throws IOException, URISyntaxException {
        Path ui = Path.of(VaadinBootstrap.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/pishkhan/console/internal/ui");
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.list(ui)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList()) {
                String name = "io.pishkhan.console.internal.ui." + f.getFileName().toString().replace(".class", "");
                try {
                    Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                    if (c.isAnnotationPresent(Route.class)) {
                        annotated.add(c.getName());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
            }
        }
        Set<String> registered = new TreeSet<>();
        VaadinBootstrap.ROUTES.forEach(c -> registered.add(c.getName()));
        assertEquals(annotated, registered);
    }
}
