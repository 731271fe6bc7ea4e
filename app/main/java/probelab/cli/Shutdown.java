package probelab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a serving command block until Ctrl-C or SIGTERM and then close things in order: the JVM runs shutdown hooks
 * and halts when they return, so the hook waits (up to 30 s) for the main thread to report that it is done.
 */
final class Shutdown {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    static Shutdown onSignal() {
        Shutdown s = new Shutdown();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.requested.countDown();
            try {
                s.done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "probelab-shutdown"));
        return s;
    }

    void await() throws InterruptedException {
        requested.await();
    }

    void done() {
        done.countDown();
    }
}
