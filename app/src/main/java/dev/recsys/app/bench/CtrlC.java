package dev.recsys.app.bench;

import dev.recsys.ingest.replay.ReplayException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Ctrl-C during a benchmark interrupts its thread, which then closes what it started (broker, state directory,
 * generated files) before the JVM exits: the shutdown hook waits up to 30 s for that.
 */
final class CtrlC {
    private CtrlC() {
    }

    /**
     * Runs a benchmark's {@code body} under {@link #interrupts} and returns its exit code: the body's, 130 when
     * Ctrl-C stopped it, 1 with one line on stderr when it failed (the trace goes to the log).
     */
    static int exitCode(String bench, Logger log, Callable<Integer> body) {
        try {
            return interrupts(bench + "-bench", body);
        } catch (InterruptedException e) {
            System.out.println("\nStopped.");
            return 130;
        } catch (ReplayException e) {
            System.err.println("bench " + bench + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            log.error("bench {} failed", bench, e);
            System.err.println("bench " + bench + ": " + e.getMessage());
            return 1;
        }
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
