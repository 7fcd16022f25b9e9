package dev.recsys.app.bench;

import dev.recsys.app.bench.OnlineHitRate.Figures;
import dev.recsys.app.demo.Demo;
import dev.recsys.app.demo.LocalStack;
import dev.recsys.app.demo.ReplayOptions;
import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.replay.ReplayConfig;
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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench online}: how good the live recommendations are. The whole stack runs in one JVM as in
 * {@code ./recsys demo} (embedded broker, mock registry, trainer retraining as the replay goes, streams app); a
 * paced replay goes through it; two plain consumers read back the ratings and the lists; {@link OnlineHitRate}
 * scores every rating against the list its user held just before it, and a most-popular chart on the same stream.
 */
@Command(name = "online", description = "Hit rate at 10 of the live lists against a most-popular chart.",
        footer = {"%nReplays through the whole stack in one JVM (as ./recsys demo, the trainer retraining as it does",
            "there) and measures the hit rate at 10 of the live lists: a rating is a hit when its movie was in the",
            "list the user's previous rating brought. The baseline is a most-popular chart on the same stream."})
public final class OnlineBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineBench.class);
    // the app answers thousands of ratings a second (bench pipeline): two minutes behind the replay is a stall
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Mixin
    private HelpOption help;

    @Mixin
    private final ReplayOptions options = new ReplayOptions(0, 1000);

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private String json;

    @Override
    public Integer call() {
        return CtrlC.exitCode("online", LOG, () -> new Session(options, json).run());
    }

    /** One run: start the stack, replay, wait for the answers, score, report. */
    private static final class Session {
        private final ReplayOptions options;
        private final String json;
        private final long started = System.nanoTime();
        private long lastProgress;

        Session(ReplayOptions options, String json) {
            this.options = options;
            this.json = json;
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
                    TempDirs.deleteQuietly(generated);
                }
            }
        }

        private int measure(Path data) throws Exception {
            status("Starting an embedded Kafka broker, the mock schema registry, the streams app and the trainer ...");
            try (LocalStack stack = LocalStack.start("online-bench-" + UUID.randomUUID(), 0,
                    // the demo's trainer: models are published early and often during the replay
                    Demo.TRAINER_ARGS, List.of());
                 OnlineStream stream = new OnlineStream(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
                ReplayConfig replay = options.config(data, stack);
                status(String.format(Locale.ROOT, "Replaying %s: %s ratings at %,.0f/s",
                        options.data() == null ? "the synthetic MovieLens 100k" : data, options.ratingsText(),
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
                BenchFigures.print(OnlineReport.figures(figures, run), json);
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
