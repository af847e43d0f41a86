package io.pishkhan.admin.testplugin;

/** Packed into a test plugin bundle as a DS component whose activate throws. */
public class FailingComponent {
    public void activate() {
        throw new IllegalStateException("no modem on /dev/ttyS0");
    }
}
