package dev.recsys.app.bench;

import dev.recsys.app.demo.Demo;
import dev.recsys.app.demo.LocalStack;
import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplayProgress;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.trainer.TrainerStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/**
 * {@code ./recsys bench soak}: a long run of the whole stack in one JVM (as {@code bench online}: broker, trainer
 * retraining and publishing as it goes, streams app hot-swapping its models) under a paced replay of a large synthetic
 * set, sampled every few seconds for heap, resident set, state on disk and lag; fails when the heap after warm-up keeps
 * growing beyond what the trainer's rating log accounts for ({@link HeapVerdict}).
 */
@Command(name = "soak", description = "A long run of the whole stack: fails when the heap keeps growing.",
        footer = {"%nReplays a synthetic set through the stack in one JVM (trainer and streams app, as the",
            "demo) and samples the heap after a full GC, the heap, RSS, the streams state on disk and",
            "the app's lag. Verdict: from the end of the warm-up to the end of the replay, a",
            "least-squares line through the heap after GC less the trainer's rating log (which grows",
            "with the ratings by design) may rise by at most --max-growth-percent of the max heap; exit",
            "code 1 when it rises more, when the run has too few samples to tell, or when the app did",
            "not keep up. What else grows with the ratings by design is bounded below the warm-up: the",
            "ratings a retrain trains on and the histories each streams task keeps in memory (the two",
            "options below)."})
public final class SoakBench implements Callable<Integer>, Validated {
    private static final Logger LOG = LoggerFactory.getLogger(SoakBench.class);
    // after the replay, the app must catch up within this; longer means it did not keep up with --rate
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final int TABLE_ROWS = 13;

    @Mixin
    private HelpOption help;

    // about ml-100k's 106 ratings per user; the movies stay ml-100k's so that the model fits on its topic
    @Mixin
    private final SyntheticSetOptions set = new SyntheticSetOptions(20_000, SyntheticMovieLens.DEFAULT_MOVIES,
            2_000_000);

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
            description = "Ratings per second of the replay (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--sample-seconds", paramLabel = "S", defaultValue = "10",
            description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    private double sampleSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Samples before this are warm-up (default: the first 25%% of the samples).")
    private Double warmupSeconds;

    @Option(names = "--max-growth-percent", paramLabel = "P", defaultValue = "10",
            description = "The most the heap may grow after warm-up, as a share of the max heap "
                    + "(default: ${DEFAULT-VALUE}).")
    private double maxGrowthPercent;

    // the two caches that fill with the ratings, bounded below what the warm-up brings (500,000 ratings of the
    // default run), so that what the verdict fits is the steady state; past them the heap has no reason to grow
    @Option(names = "--max-training-ratings", paramLabel = "N", defaultValue = "300000",
            description = "The trainer's --max-training-ratings: a retrain's working copy stops growing there "
                    + "(default: ${DEFAULT-VALUE}).")
    private long maxTrainingRatings;

    @Option(names = "--history-cache-entries", paramLabel = "N", defaultValue = "50000",
            description = "The streams app's --history-cache-entries, per task (default: ${DEFAULT-VALUE}).")
    private long historyCacheEntries;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every sample and the verdict as JSON.")
    private String json;

    @Override
    public void validate() {
        require(rate > 0 && Double.isFinite(rate), "--rate must be a positive number, got " + rate);
        require(sampleSeconds > 0, "--sample-seconds must be positive, got " + sampleSeconds);
        require(warmupSeconds == null || warmupSeconds >= 0, "--warmup-seconds must not be negative");
        require(maxGrowthPercent > 0, "--max-growth-percent must be positive, got " + maxGrowthPercent);
        require(maxTrainingRatings >= 1, "--max-training-ratings must be at least 1, got " + maxTrainingRatings);
        require(historyCacheEntries >= 0, "--history-cache-entries must not be negative, got "
                + historyCacheEntries);
    }

    @Override
    public Integer call() {
        return CtrlC.exitCode("soak", LOG, () -> {
            Path data = Files.createTempDirectory("recsys-soak-bench-");
            try {
                return run(data);
            } finally {
                TempDirs.deleteQuietly(data);
            }
        });
    }

    private int run(Path data) throws Exception {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT,
                "Generating a synthetic MovieLens: %,d users, %,d movies, %,d ratings (seed %d)%n",
                set.users, set.movies, set.ratings, set.seed);
        SyntheticMovieLens.write(data, set.users, set.movies, set.ratings, set.seed);
        System.out.println("Starting an embedded Kafka broker, the mock schema registry, the streams app and the"
                + " trainer ...");
        HeapVerdict.Rule rule = new HeapVerdict.Rule(warmupSeconds == null ? -1 : warmupSeconds, 0.25,
                maxGrowthPercent / 100, Runtime.getRuntime().maxMemory());
        List<String> trainerArgs = new ArrayList<>(Demo.TRAINER_ARGS);
        trainerArgs.addAll(List.of("--max-training-ratings", Long.toString(maxTrainingRatings)));
        try (LocalStack stack = LocalStack.start("soak-bench-" + UUID.randomUUID(), 0, trainerArgs,
                List.of("--history-cache-entries", Long.toString(historyCacheEntries)));
             SoakProbe probe = new SoakProbe(stack)) {
            System.out.printf(Locale.ROOT,
                    "Replaying %,d ratings at %,.0f/s, a sample every %.0f s (max heap %,d MB)%n",
                    set.ratings, rate, sampleSeconds, rule.maxHeapBytes() >> 20);
            ReplayConfig replay = ReplayConfig.defaults().withDataDir(data)
                    .withKafka(stack.bootstrapServers(), stack.schemaRegistryUrl()).withPacing(Pacing.rate(rate));
            Run run = soak(replay, stack, probe);
            HeapVerdict verdict = HeapVerdict.judge(run.samples(), rule);
            report(run, stack.trainer().stats(), rule, verdict, (System.nanoTime() - started) / 1e9);
            return verdict.outcome() == HeapVerdict.Outcome.PASS && run.drained() ? 0 : 1;
        }
    }

    private record Run(List<SoakSample> samples, ReplaySummary summary, boolean drained) {
    }

    /** Replays while sampling, then samples on until the app has caught up with every rating sent. */
    private Run soak(ReplayConfig config, LocalStack stack, SoakProbe probe) throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        AtomicReference<ReplayProgress> progress = new AtomicReference<>();
        try (Replayer replayer = new Replayer(config)) {
            long start = System.nanoTime();
            CompletableFuture<ReplaySummary> done = CompletableFuture.supplyAsync(() -> replayer.run(progress::set));
            long next = start;
            long doneAt = -1;
            while (true) {
                if (stack.streams().failed()) {
                    throw new IllegalStateException("the streams app failed (its log says why)");
                }
                if (doneAt < 0 && done.isDone()) {
                    doneAt = System.nanoTime();
                }
                if (System.nanoTime() >= next) {
                    ReplaySummary summary = doneAt < 0 ? null : summary(done);
                    long sent = summary != null ? summary.ratingsSent()
                            : progress.get() == null ? 0 : progress.get().sent();
                    SoakSample sample = probe.sample((System.nanoTime() - start) / 1e9, sent);
                    samples.add(sample);
                    System.out.println(SoakReport.progress(sample));
                    next += Math.round(sampleSeconds * 1e9);
                    if (summary != null && sample.lag() == 0 && sample.ratingsProcessed() >= sent) {
                        return new Run(samples, summary, true);
                    }
                    if (summary != null && System.nanoTime() - doneAt > DRAIN_TIMEOUT.toNanos()) {
                        System.err.printf(Locale.ROOT, "bench soak: the app still lags %,d ratings %d min after the"
                                + " replay: it did not keep up with %,.0f/s%n", sample.lag(),
                                DRAIN_TIMEOUT.toMinutes(), rate);
                        return new Run(samples, summary, false);
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private static ReplaySummary summary(CompletableFuture<ReplaySummary> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void report(Run run, TrainerStats trainer, HeapVerdict.Rule rule, HeapVerdict verdict, double seconds)
            throws Exception {
        System.out.println();
        SoakReport.table(run.samples(), TABLE_ROWS).forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nreplay: %,d ratings in %.0f s (%,.0f/s, asked %,.0f/s); models published: %d;"
                        + " %s%n", run.summary().ratingsSent(), run.summary().ratingsSeconds(),
                run.summary().ratingsSent() / run.summary().ratingsSeconds(), rate, trainer.versionsPublished(),
                run.drained() ? "the app caught up" : "the app did NOT catch up");
        System.out.printf(Locale.ROOT, "bounds: a retrain trains on at most %,d ratings; each task keeps %,d history"
                + " entries in memory%n", maxTrainingRatings, historyCacheEntries);
        System.out.println("rule: " + rule.describe());
        System.out.println(verdict.line());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ratings", run.summary().ratingsSent());
        out.put("users", set.users);
        out.put("movies", set.movies);
        out.put("seed", set.seed);
        out.put("rate", rate);
        out.put("replay_events_per_s", Math.round(run.summary().ratingsSent() / run.summary().ratingsSeconds()));
        out.put("caught_up", run.drained());
        out.put("seconds", Math.round(seconds));
        out.put("sample_seconds", sampleSeconds);
        out.put("max_heap_bytes", rule.maxHeapBytes());
        out.put("max_training_ratings", maxTrainingRatings);
        out.put("history_cache_entries", historyCacheEntries);
        out.put("models_published", trainer.versionsPublished());
        out.put("models_rejected", trainer.versionsRejected());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("verdict", verdict.json(rule));
        out.put("samples", run.samples().stream().map(SoakSample::json).toList());
        BenchFigures.write(out, json);
    }
}
