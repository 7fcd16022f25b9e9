package dev.recsys.app.demo;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplayProgress;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.trainer.TrainerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./recsys demo}: the whole system in one JVM — embedded broker, mock registry, trainer, streams app and a
 * paced replay — with a live view of what it does and a summary at the end. Ctrl-C ends it cleanly at any point.
 */
@Command(name = "demo", description = "Everything in one JVM: embedded broker, in-memory registry, trainer, "
        + "streams, a paced replay and a live view.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:failed", "2:usage error", "130:Ctrl-C"})
public final class Demo implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    // the demo's trainer publishes early and often, so that versions can be watched arriving
    public static final List<String> TRAINER_ARGS = List.of("--min-ratings", "2000", "--retrain-every-ratings", "5000",
            "--retrain-interval", "PT30S");
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    // the live latency figures cover this much of the recent past
    static final Duration LIVE_WINDOW = Duration.ofSeconds(10);
    // start-up (JIT, first transactions, the first model trained on the same cores) is reported apart
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    @Mixin
    private HelpOption help;

    @Mixin
    private DemoOptions options;

    @Override
    public Integer call() {
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            main.interrupt();
            awaitQuietly(finished, Duration.ofSeconds(30));
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Session(options, System.out).run();
        } catch (InterruptedException e) {
            System.out.println("\nStopped.");
            return 130;
        } catch (Exception e) {
            log.error("The demo failed: {}", e.getMessage(), e);
            return 1;
        } finally {
            finished.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One run of the demo. */
    private static final class Session {
        private final DemoOptions options;
        private final PrintStream out;
        private final long started = System.nanoTime();

        Session(DemoOptions options, PrintStream out) {
            this.options = options;
            this.out = out;
        }

        int run() throws Exception {
            ReplayOptions replayOptions = options.replay();
            Path data = replayOptions.data() != null ? replayOptions.data() : synthesize();
            if (!Files.isDirectory(data)) {
                System.err.println("demo: no MovieLens directory at " + data);
                return 2;
            }
            int user = options.user() != null ? options.user() : UserChoice.mostActive(data, replayOptions.ratings());
            int port = portOrFree(options.httpPort());
            status("Starting an embedded Kafka broker, the streams app (HTTP port " + port + ") and the trainer ...");
            String scope = "demo-" + UUID.randomUUID();
            List<String> trainerArgs = new ArrayList<>(TRAINER_ARGS);
            trainerArgs.addAll(List.of("--http-port", Integer.toString(portOrFree(TrainerConfig.DEFAULT_HTTP_PORT))));
            try (LocalStack stack = LocalStack.start(scope, port, trainerArgs, List.of());
                 Observer observer = new Observer(stack.bootstrapServers(), stack.schemaRegistryUrl(), user)) {
                ReplayConfig replay = replayOptions.config(data, stack);
                String heading = String.format(Locale.ROOT, "recsys demo: %s, %s ratings at %.0f/s, watching user %d",
                        replayOptions.data() == null ? "synthetic MovieLens 100k" : data.toString(),
                        replayOptions.ratingsText(), replayOptions.rate(), user);
                String page = "http://localhost:" + stack.streams().httpPort() + "/#user=" + user;
                status("The live page: " + page);
                boolean terminal = System.console() != null;
                if (terminal) {
                    // log lines would tear the redrawn screen: on a terminal only warnings get through
                    Configurator.setLevel("dev.recsys", Level.WARN);
                }
                LiveView view = new LiveView(out, terminal, heading, page, user, stack.trainer()::status);
                ReplaySummary summary = replayWatching(replay, observer, view);
                drain(observer, summary.ratingsSent(), view);
                printSummary(summary, observer, stack.streams().httpPort(), stack.trainer().httpPort(), user);
                linger();
            }
            return 0;
        }

        private Path synthesize() throws IOException {
            Path dir = Files.createTempDirectory("recsys-synthetic-");
            status("Generating a synthetic MovieLens 100k (seed " + SyntheticMovieLens.DEFAULT_SEED + ") in " + dir);
            SyntheticMovieLens.write(dir, SyntheticMovieLens.DEFAULT_USERS, SyntheticMovieLens.DEFAULT_MOVIES,
                    SyntheticMovieLens.DEFAULT_RATINGS, SyntheticMovieLens.DEFAULT_SEED);
            return dir;
        }

        private ReplaySummary replayWatching(ReplayConfig config, Observer observer, LiveView view)
                throws Exception {
            AtomicReference<ReplayProgress> progress = new AtomicReference<>();
            try (Replayer replayer = new Replayer(config)) {
                CompletableFuture<ReplaySummary> done = CompletableFuture.supplyAsync(() -> replayer.run(progress::set));
                try {
                    while (!done.isDone()) {
                        show(view, progress.get(), observer);
                        Thread.sleep(500);
                    }
                } catch (InterruptedException e) {
                    replayer.close();
                    throw e;
                }
                show(view, progress.get(), observer);
                return done.join();
            }
        }

        private void show(LiveView view, ReplayProgress progress, Observer observer) {
            view.render(progress, observer.snapshot(), observer.recentLatency(LIVE_WINDOW), elapsed());
        }

        /** Waits until every rating sent has its recommendation (or the timeout), still showing the view. */
        private void drain(Observer observer, long sent, LiveView view) throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (observer.snapshot().recommendations() < sent && System.nanoTime() < deadline) {
                show(view, null, observer);
                Thread.sleep(500);
            }
        }

        private void printSummary(ReplaySummary replay, Observer observer, int port, int trainerPort, int user) {
            Observer.Snapshot snapshot = observer.snapshot();
            Latencies.Summary latency = observer.latency();
            out.println();
            out.println("Summary after " + LiveView.clock(elapsed()));
            replay.lines().forEach(line -> out.println("  " + line));
            out.printf(Locale.ROOT, "  %,d recommendations for %,d ratings (%,d by a model, the rest by popularity)%n",
                    snapshot.recommendations(), replay.ratingsSent(), snapshot.fromModel());
            Latencies.Summary steady = observer.latencyAfter(WARM_UP);
            out.printf(Locale.ROOT, "  latency from a rating's send to its recommendation: p50 %d ms, p99 %d ms,"
                    + " max %d ms%n", latency.p50(), latency.p99(), latency.max());
            out.printf(Locale.ROOT, "    after the first %d s (start-up): p50 %d ms, p99 %d ms, max %d ms over %,d"
                    + " recommendations%n", WARM_UP.toSeconds(), steady.p50(), steady.p99(), steady.max(),
                    steady.count());
            out.printf(Locale.ROOT, "  %d model versions published%n", snapshot.models().size());
            LiveView.modelLines(snapshot.models(), Integer.MAX_VALUE).forEach(line -> out.println("  " + line));
            if (options.linger() == 0) {
                return; // it stops now: nothing left to query
            }
            out.println();
            out.println("The app is answering on http://localhost:" + port + " :");
            out.println("  http://localhost:" + port + "/#user=" + user + "   the live page, in a browser");
            out.println("  curl http://localhost:" + port + "/users/" + user + "/recommendations");
            out.println("  curl http://localhost:" + port + "/model");
            out.println("  curl http://localhost:" + port + "/ready");
            out.println("  curl http://localhost:" + port + "/metrics        # Prometheus text, Kafka's metrics too");
            out.println("The trainer's status (state, the training in progress, the last publish decision):");
            out.println("  curl http://localhost:" + trainerPort + "/status");
        }

        private void linger() throws InterruptedException {
            if (options.linger() == 0) {
                return;
            }
            if (options.linger() < 0) {
                out.println("Ctrl-C stops it.");
                new CountDownLatch(1).await();
            }
            out.println("It stops in " + options.linger() + " s (Ctrl-C: now; --linger -1 keeps it running).");
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.linger()));
        }

        private void status(String line) {
            out.println(LiveView.clock(elapsed()) + "  " + line);
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    /** The requested port if it is free now, else any free one (the demo should not fail over a busy 8080). */
    static int portOrFree(int requested) throws IOException {
        try (ServerSocket socket = new ServerSocket(requested)) {
            return socket.getLocalPort();
        } catch (IOException busy) {
            try (ServerSocket socket = new ServerSocket(0)) {
                log.info("Port {} is taken; the HTTP server takes {} instead", requested, socket.getLocalPort());
                return socket.getLocalPort();
            }
        }
    }
}
