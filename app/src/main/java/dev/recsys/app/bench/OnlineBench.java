package dev.recsys.app.bench;

import dev.recsys.app.bench.OnlineHitRate.Figures;
import dev.recsys.app.demo.LocalStack;
import dev.recsys.config.UsageException;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplayException;
import dev.recsys.ingest.replay.ReplayProgress;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.RatingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./recsys bench online}: how good the live recommendations are. The whole stack runs in one JVM as in
 * {@code ./recsys demo} (embedded broker, mock registry, trainer retraining as the replay goes, streams app); a
 * paced replay goes through it; two plain consumers read back the ratings and the lists; {@link OnlineHitRate}
 * scores every rating against the list its user held just before it, and a most-popular chart on the same stream.
 */
public final class OnlineBench {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineBench.class);
    // the demo's trainer settings (Demo.TRAINER_ENV): models are published early and often during the replay
    private static final Map<String, String> TRAINER_ENV = Map.of(
            "TRAINER_MIN_RATINGS", "2000",
            "TRAINER_RETRAIN_EVERY_RATINGS", "5000",
            "TRAINER_RETRAIN_INTERVAL", "PT30S");
    // the app answers thousands of ratings a second (bench pipeline): two minutes behind the replay is a stall
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private OnlineBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        OnlineBenchOptions options;
        try {
            options = OnlineBenchOptions.parse(args);
        } catch (UsageException e) {
            System.err.println("bench online: " + e.getMessage());
            System.err.println(OnlineBenchOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.println(OnlineBenchOptions.USAGE);
            return 0;
        }
        // Ctrl-C interrupts the run, which then closes the stack (broker, state directory) before the JVM exits
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "online-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new Session(options).run();
        } catch (InterruptedException e) {
            System.out.println("\nStopped.");
            return 130;
        } catch (ReplayException e) {
            System.err.println("bench online: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("Online bench failed", e);
            System.err.println("bench online: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
    }

    /** One run: start the stack, replay, wait for the answers, score, report. */
    private static final class Session {
        private final OnlineBenchOptions options;
        private final long started = System.nanoTime();
        private long lastProgress;

        Session(OnlineBenchOptions options) {
            this.options = options;
        }

        int run() throws Exception {
            Path generated = null;
            Path data = options.data();
            try {
                if (data == null) {
                    generated = Files.createTempDirectory("recsys-online-bench-");
                    status("Generating the synthetic MovieLens 100k (seed " + SyntheticMovieLens.DEFAULT_SEED + ")");
                    SyntheticMovieLens.write(generated, SyntheticMovieLens.DEFAULT_USERS,
                            SyntheticMovieLens.DEFAULT_MOVIES, SyntheticMovieLens.DEFAULT_RATINGS,
                            SyntheticMovieLens.DEFAULT_SEED);
                    data = generated;
                } else if (!Files.isDirectory(data)) {
                    System.err.println("bench online: no MovieLens directory at " + data);
                    return 2;
                }
                return measure(data);
            } finally {
                if (generated != null) {
                    ScoreBench.deleteQuietly(generated);
                }
            }
        }

        private int measure(Path data) throws Exception {
            status("Starting an embedded Kafka broker, the mock schema registry, the streams app and the trainer ...");
            try (LocalStack stack = LocalStack.start("online-bench-" + UUID.randomUUID(), 0, TRAINER_ENV);
                 OnlineStream stream = new OnlineStream(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
                ReplayConfig replay = ReplayConfig.defaults()
                        .withDataDir(data)
                        .withKafka(stack.bootstrapServers(), stack.schemaRegistryUrl())
                        .withPacing(Pacing.rate(options.rate()))
                        .withRange(0, options.ratings() == 0 ? Long.MAX_VALUE : options.ratings());
                status(String.format(Locale.ROOT, "Replaying %s: %s ratings at %,.0f/s",
                        options.data() == null ? "the synthetic MovieLens 100k" : data,
                        options.ratings() == 0 ? "all" : String.format(Locale.ROOT, "%,d", options.ratings()),
                        options.rate()));
                long replayStarted = System.nanoTime();
                ReplaySummary summary = replay(replay, stream, stack);
                status(String.format(Locale.ROOT, "Replay done: %,d ratings sent in %.0f s; waiting for every list",
                        summary.ratingsSent(), summary.ratingsSeconds()));
                boolean complete = drain(stream, summary.ratingsSent(), stack);
                double streamSeconds = (System.nanoTime() - replayStarted) / 1e9;
                Figures figures = OnlineHitRate.measure(stream.steps());
                OnlineReport.Run run = new OnlineReport.Run(options.data() == null ? "synthetic"
                        : options.data().toString(), options.rate(), summary.ratingsSent(), stream.counts().lists(),
                        stream.modelVersions(), (System.nanoTime() - started) / 1e9, streamSeconds, complete);
                System.out.println();
                OnlineReport.table(figures, run).forEach(System.out::println);
                List<String> anomalies = stream.anomalies();
                anomalies.forEach(line -> System.out.println("  WARNING: " + line));
                System.out.println();
                BenchFigures.print(OnlineReport.figures(figures, run), options.json());
                return complete && anomalies.isEmpty() ? 0 : 1;
            }
        }

        private ReplaySummary replay(ReplayConfig config, OnlineStream stream, LocalStack stack) throws Exception {
            AtomicReference<ReplayProgress> progress = new AtomicReference<>();
            try (Replayer replayer = new Replayer(config)) {
                CompletableFuture<ReplaySummary> done =
                        CompletableFuture.supplyAsync(() -> replayer.run(progress::set));
                try {
                    while (!done.isDone()) {
                        check(stream, stack);
                        progress(progress.get(), true, stream, stack);
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    replayer.close();
                    throw e;
                }
                try {
                    return done.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            }
        }

        /** Waits until every rating sent has been read back with its list; false after the timeout. */
        private boolean drain(OnlineStream stream, long sent, LocalStack stack) throws InterruptedException {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (stream.counts().ratings() < sent || !stream.allAnswered()) {
                check(stream, stack);
                if (System.nanoTime() > deadline) {
                    reportMissing(stream, sent);
                    return false;
                }
                progress(null, false, stream, stack);
                Thread.sleep(200);
            }
            progress(null, false, stream, stack);
            return true;
        }

        private void reportMissing(OnlineStream stream, long sent) {
            OnlineStream.Counts counts = stream.counts();
            List<RatingEvent> missing = stream.unanswered(5);
            System.err.printf(Locale.ROOT, "bench online: gave up waiting after %d s: %,d of %,d ratings read back"
                    + " from ratings, %,d lists read; ratings without a list, first ones: %s%n",
                    DRAIN_TIMEOUT.toSeconds(), counts.ratings(), sent, counts.lists(),
                    missing.isEmpty() ? "none" : missing.stream()
                            .map(r -> "user " + r.getUserId() + " movie " + r.getMovieId() + " (" + r.getSource()
                                    + " line " + r.getSequence() + ")").collect(Collectors.joining(", ")));
            System.err.println("bench online: a rating the streams app sent to ratings-dlq has no list (its log says"
                    + " why); the figures below count only ratings whose previous list arrived");
        }

        private static void check(OnlineStream stream, LocalStack stack) {
            if (stream.failure() != null) {
                throw new IllegalStateException("reading the topics back failed: " + stream.failure(),
                        stream.failure());
            }
            if (stack.streams().failed()) {
                throw new IllegalStateException("the streams app failed (its log says why)");
            }
        }

        private void progress(ReplayProgress replay, boolean replaying, OnlineStream stream, LocalStack stack) {
            long now = System.nanoTime();
            if (now - lastProgress < PROGRESS_EVERY_NANOS) {
                return;
            }
            lastProgress = now;
            OnlineStream.Counts counts = stream.counts();
            long inUse = stack.streams().models().currentVersion();
            String sent = replay == null ? (replaying ? "replay starting" : "replay done")
                    : replay.phase() != ReplayProgress.Phase.RATINGS && replay.phase() != ReplayProgress.Phase.DONE
                    ? "replay reading its files, sending the catalogue"
                    : String.format(Locale.ROOT, "sent %,d of %,d ratings", replay.sent(), replay.total());
            status(String.format(Locale.ROOT, "%s | read back %,d ratings, %,d lists (%,d by a model) | model in use:"
                            + " %s | trainer %s", sent, counts.ratings(), counts.lists(), counts.modelLists(),
                    inUse < 0 ? "none yet (popularity)" : "v" + inUse, stack.trainer().status().state().json()));
        }

        private void status(String line) {
            System.out.printf(Locale.ROOT, "%5.0f s  %s%n", (System.nanoTime() - started) / 1e9, line);
        }
    }
}
