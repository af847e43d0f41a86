package io.pishkhan.camel;

import org.apache.camel.RoutesBuilder;

/**
 * Whiteboard service: a bundle that wants routes in the appliance's CamelContext registers a RouteProvider.
 *
 * <p>The Camel bundle owns the only CamelContext (also published as an {@code org.apache.camel.CamelContext}
 * service). When a provider appears it calls {@link #createRoutes()} and adds the routes; when the provider goes
 * away (its bundle stops) exactly the routes it added are stopped and removed. Route ids must be unique across the
 * appliance: prefix them with the bundle's short name.
 */
@FunctionalInterface
public interface RouteProvider {
    /** A fresh builder each call: the context may ask again after a restart. */
    RoutesBuilder createRoutes();
}
