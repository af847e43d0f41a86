package io.pishkhan.camel.internal;

import io.pishkhan.camel.RouteProvider;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the appliance's single CamelContext, publishes it as a service and adds/removes the routes of every
 * {@link RouteProvider} service. All Camel jars are nested in this bundle, so Camel's class path scanning
 * (FactoryFinder, type converters, languages) runs with this bundle's class loader as TCCL.
 */
@Component(immediate = true, service = {})
public class CamelContextOwner {
    private static final Logger LOG = LoggerFactory.getLogger(CamelContextOwner.class);
    static final String CONTEXT_NAME = "pishkhan";

    private final Map<RouteProvider, Set<String>> routesByProvider = new IdentityHashMap<>();
    private final Map<RouteProvider, Boolean> pending = new LinkedHashMap<>();
    private final ProviderClassLoader providerClasses = new ProviderClassLoader();
    private DefaultCamelContext camel;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    public synchronized void activate(BundleContext bundleContext) throws Exception {
        camel = withCamelClassLoader(() -> {
            DefaultCamelContext ctx = new DefaultCamelContext();
            ctx.setApplicationContextClassLoader(camelClassLoader());
            ctx.getCamelContextExtension().setName(CONTEXT_NAME);
            ctx.setUseMDCLogging(true);
            ctx.getShutdownStrategy().setTimeout(10); // seconds; in-flight work is persisted and recovered
            ctx.getClassResolver().addClassLoader(providerClasses);
            ctx.start();
            return ctx;
        });
        LOG.info("CamelContext {} {} started", CONTEXT_NAME, camel.getVersion());
        for (RouteProvider p : List.copyOf(pending.keySet())) {
            addProvider(p);
        }
        pending.clear();
        if (bundleContext != null) {
            registration = bundleContext.registerService(CamelContext.class, camel, null);
        }
    }

    @Deactivate
    public synchronized void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // bundle stopping
            }
            registration = null;
        }
        if (camel != null) {
            withCamelClassLoaderQuietly(() -> {
                camel.stop();
                return null;
            });
            camel = null;
        }
        routesByProvider.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void bindRouteProvider(RouteProvider provider) {
        if (camel == null) {
            pending.put(provider, Boolean.TRUE);
            return;
        }
        addProvider(provider);
    }

    public synchronized void unbindRouteProvider(RouteProvider provider) {
        pending.remove(provider);
        Set<String> ids = routesByProvider.remove(provider);
        if (routesByProvider.keySet().stream().noneMatch(p -> p.getClass().getClassLoader() == provider.getClass().getClassLoader())) {
            providerClasses.remove(provider.getClass().getClassLoader());
        }
        if (ids == null || camel == null) {
            return;
        }
        for (String id : ids) {
            withCamelClassLoaderQuietly(() -> {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
                return null;
            });
        }
        LOG.info("removed routes {}", ids);
    }

    /** Class loaders of the current providers, for tests. */
    synchronized int providerLoaders() {
        return providerClasses.size();
    }

    /** The context, for tests. */
    synchronized CamelContext context() {
        return camel;
    }

    private void addProvider(RouteProvider provider) {
        providerClasses.add(provider.getClass().getClassLoader());
        Set<String> before = routeIds();
        try {
            withCamelClassLoader(() -> {
                camel.addRoutes(provider.createRoutes());
                return null;
            });
            Set<String> added = new HashSet<>(routeIds());
            added.removeAll(before);
            routesByProvider.put(provider, added);
            LOG.info("added routes {} from {}", added, provider.getClass().getName());
        } catch (Exception e) {
            // a broken provider must not take the context down: report it and roll back what it added
            LOG.error("route provider {} failed; its routes are not started", provider.getClass().getName(), e);
            Set<String> added = new HashSet<>(routeIds());
            added.removeAll(before);
            for (String id : added) {
                withCamelClassLoaderQuietly(() -> {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                    return null;
                });
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }

    static ClassLoader camelClassLoader() {
        return DefaultCamelContext.class.getClassLoader();
    }

    static <T> T withCamelClassLoader(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(camelClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void withCamelClassLoaderQuietly(Callable<?> work) {
        try {
            withCamelClassLoader(work);
        } catch (Exception e) {
            LOG.warn("Camel operation failed", e);
        }
    }
}
