package dev.recsys.app.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a benchmark interrupts its thread, which then closes what it started (broker, state directory,
 * generated files) before the JVM exits: the shutdown hook waits up to 30 s for that.
 */
final class CtrlC {
    private CtrlC() {
    }

    /** Runs {@code body} on this thread; Ctrl-C interrupts it (it sees an InterruptedException). */
    static <T> T interrupts(String name, Callable<T> body) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            finished.countDown();
        }
    }
}
