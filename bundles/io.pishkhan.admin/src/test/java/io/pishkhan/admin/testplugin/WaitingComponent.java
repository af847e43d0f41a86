package io.pishkhan.admin.testplugin;

/** Packed into a test plugin bundle as a DS component with a reference nobody satisfies. */
public class WaitingComponent {
    public void activate() {
        // nothing
    }
}
