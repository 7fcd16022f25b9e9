package dev.recsys.streams;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.streams.config.StreamsSettings;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./recsys streams}: runs the streams app until interrupted (Ctrl-C, SIGTERM) or until Streams fails. */
@Command(name = "streams", description = "The Kafka Streams app: a refreshed top-10 per rating, HTTP queries.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:after a requested shutdown", "1:failed (one line says why)", "2:usage error"})
public final class StreamsMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(StreamsMain.class);

    @Mixin
    private HelpOption help;

    @Mixin
    private StreamsSettings settings;

    public static void main(String[] args) {
        System.exit(Cli.run(new StreamsMain(), args));
    }

    @Override
    public Integer call() {
        StreamsApp app;
        try {
            app = StreamsApp.start(settings);
        } catch (TopicCheck.MissingTopicsException e) {
            System.err.println("recsys streams: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("recsys streams: cannot serve HTTP on " + settings.httpHost() + ":"
                    + settings.httpPort() + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            log.error("Streams failed to start", e);
            System.err.println("recsys streams: failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch shutdownDone = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("Shutting down");
            app.close();
            shutdownDone.countDown();
        }, "recsys-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            app.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (app.failed()) {
            log.error("Kafka Streams stopped in ERROR; exiting");
            Runtime.getRuntime().removeShutdownHook(hook);
            app.close();
            return 1;
        }
        // stopped by the hook: let it finish closing before the exit code is returned
        try {
            shutdownDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
