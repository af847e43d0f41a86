package io.pishkhan.admin.testplugin;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed into a test plugin bundle: its start fails like an exception in activate. */
public class FailingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("vendor database not reachable");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
