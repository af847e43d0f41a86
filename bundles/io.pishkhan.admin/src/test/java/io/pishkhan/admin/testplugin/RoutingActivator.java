package io.pishkhan.admin.testplugin;

import io.pishkhan.api.routing.RoutingStrategy;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into test plugin bundles (not loaded from the test class path): registers a routing strategy. */
public class RoutingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Object strategy = Proxy.newProxyInstance(RoutingStrategy.class.getClassLoader(),
                new Class<?>[] {RoutingStrategy.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> "test-plugin";
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    case "toString" -> "test routing strategy";
                    default -> null;
                });
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RoutingStrategy.PROP_STRATEGY_ID, "test-plugin");
        context.registerService(RoutingStrategy.class.getName(), strategy, props);
    }

    @Override
    public void stop(BundleContext context) {
        // services are unregistered by the framework
    }
}
