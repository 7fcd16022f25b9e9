package dev.recsys.trainer.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs retrains on their own thread, one at a time, so the consumer keeps reading while a model trains. A failed
 * retrain is logged and counted, and the next trigger tries again; an Error (out of memory) is fatal to the service.
 */
public final class TrainingWorker implements JobRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingWorker.class);

    private final Retrainer retrainer;
    private final Consumer<Throwable> onFatal;
    private final ExecutorService executor;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();

    public TrainingWorker(Retrainer retrainer, Consumer<Throwable> onFatal) {
        this.retrainer = retrainer;
        this.onFatal = onFatal;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trainer-training");
            // an epoch still running when close() gives up must not keep the JVM alive
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> onFatal.accept(e));
            return thread;
        });
    }

    @Override
    public boolean busy() {
        return busy.get();
    }

    @Override
    public boolean canWarmStart() {
        return retrainer.canWarmStart();
    }

    @Override
    public boolean submit(TrainingJob job) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            executor.execute(() -> run(job));
            return true;
        } catch (RuntimeException e) {
            busy.set(false);
            throw e;
        }
    }

    public long failures() {
        return failures.get();
    }

    public Retrainer retrainer() {
        return retrainer;
    }

    private void run(TrainingJob job) {
        try {
            retrainer.run(job);
        } catch (TrainingCancelledException e) {
            LOG.info("{}", e.getMessage());
        } catch (ModelSink.PublishException e) {
            failures.incrementAndGet();
            LOG.error("{}; the version was not taken, the next trigger retrains and tries again", e.getMessage(), e);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.error("retrain failed ({}); the published model stays, the next trigger tries again", e, e);
        } catch (Error e) {
            onFatal.accept(e);
        } finally {
            busy.set(false);
        }
    }

    /** Waits up to timeout for a running training to stop (the service's cancel flag stops it between epochs). */
    public void close(Duration timeout) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a training epoch is still running after {}; leaving it to finish in the background",
                        timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofMinutes(2));
    }
}
