package dev.recsys.trainer;

import dev.recsys.config.UsageException;
import dev.recsys.trainer.config.TrainerFlags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** {@code ./recsys trainer [flags]}: runs the trainer until Ctrl-C (or SIGTERM), or until it fails. */
public final class TrainerMain {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerMain.class);

    private TrainerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return 0 after a clean shutdown, 1 when the service failed, 2 for a usage error */
    public static int run(String... args) {
        TrainerConfig config;
        try {
            config = TrainerFlags.parse(args, System.getenv());
        } catch (UsageException e) {
            System.err.println("recsys trainer: " + e.getMessage());
            System.err.print(TrainerFlags.USAGE);
            return 2;
        }
        if (config == null) {
            System.out.print(TrainerFlags.USAGE);
            return 0;
        }
        return runUntilStopped(new TrainerService(config));
    }

    private static int runUntilStopped(TrainerService service) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            service.close();
            done.countDown();
        }, "trainer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        service.stopped().whenComplete((ok, error) -> {
            failure.set(error);
            done.countDown();
        });
        try {
            service.start();
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("trainer could not start: {}", e.getMessage());
            LOG.debug("start failure", e);
            failure.set(e);
        }
        service.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
        return failure.get() == null ? 0 : 1;
    }
}
