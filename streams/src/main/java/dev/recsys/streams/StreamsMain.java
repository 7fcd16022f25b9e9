package dev.recsys.streams;

import dev.recsys.config.UsageException;
import dev.recsys.streams.config.StreamsFlags;
import dev.recsys.streams.config.StreamsSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ./recsys streams}: runs the streams app until interrupted (Ctrl-C, SIGTERM) or until Streams fails. */
public final class StreamsMain {
    private static final Logger log = LoggerFactory.getLogger(StreamsMain.class);

    private StreamsMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** 0 after a requested shutdown, 1 on failure, 2 on a usage error. */
    public static int run(String... args) {
        StreamsSettings settings;
        try {
            settings = StreamsFlags.parse(args, System.getenv());
        } catch (UsageException e) {
            return usage(System.err, "recsys streams: " + e.getMessage());
        }
        if (settings == null) {
            System.out.print(StreamsFlags.USAGE);
            return 0;
        }
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

    private static int usage(PrintStream err, String line) {
        err.println(line);
        err.print(StreamsFlags.USAGE);
        return 2;
    }
}
