package dev.recsys.trainer;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.HelpOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./recsys trainer [flags]}: runs the trainer until Ctrl-C (or SIGTERM), or until it fails. */
@Command(name = "trainer", description = "The retraining service: rating log in, model versions out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:after a clean stop", "1:the service failed (one ERROR line says why)", "2:usage error"})
public final class TrainerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerMain.class);

    @Mixin
    private HelpOption help;

    @Mixin
    private TrainerConfig config;

    public static void main(String[] args) {
        System.exit(Cli.run(new TrainerMain(), args));
    }

    @Override
    public Integer call() {
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
