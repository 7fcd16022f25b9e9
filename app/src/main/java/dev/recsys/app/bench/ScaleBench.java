package dev.recsys.app.bench;

import dev.recsys.app.LocalTopics;
import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.model.History;
import dev.recsys.model.RatingData;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.StreamsApp;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.trainer.TrainerConfig;
import dev.recsys.trainer.TrainerService;
import dev.recsys.trainer.TrainerStats;
import dev.recsys.trainer.TrainerStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench scale}: the costs that grow with the data, measured one service at a time on an embedded
 * broker at a given size. A synthetic set is generated in ml-latest's layout; ingest sends all but the last
 * {@code --new-ratings} at full speed; the trainer starts on that log alone (read, first model), then the held-back
 * ratings are sent and it retrains (incremental); its largest model record is read back from the topic; the trainer
 * stops and the streams app starts on the log with that model and catches up over {@code --catchup-ratings}, then its
 * state's changelog bytes per rating are read; last, the app's model times the per-rating scoring of a sample of users
 * against the exhaustive one and counts equal top 10s.
 *
 * <p>Heap peaks are of this JVM, sampled every 100 ms while a service runs alone with the broker: the broker is in
 * them, so they bound the service's from above. Both the peak of the heap in use (garbage not yet collected included)
 * and the peak after a collection (live data) are given.
 */
@Command(name = "scale", description = "How ingest, trainer, model message, streams and scoring grow with the data.")
public final class ScaleBench implements Callable<Integer>, Validated {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleBench.class);
    private static final int TOP_N = 10;
    private static final Duration TRAINER_TIMEOUT = Duration.ofHours(1);
    private static final Duration STREAMS_TIMEOUT = Duration.ofHours(1);

    @Mixin
    private HelpOption help;

    @Mixin
    private final SyntheticSetOptions set = new SyntheticSetOptions(SyntheticMovieLens.DEFAULT_USERS,
            SyntheticMovieLens.DEFAULT_MOVIES, SyntheticMovieLens.DEFAULT_RATINGS);

    @Option(names = "--new-ratings", paramLabel = "N", defaultValue = "10000",
            description = "The set's last N ratings, sent after the first model for an incremental retrain "
                    + "(default: ${DEFAULT-VALUE}).")
    private int newRatings;

    @Option(names = "--catchup-ratings", paramLabel = "N", defaultValue = "1000000",
            description = "The streams app's catch-up is timed over the first N ratings of the log, or all when "
                    + "fewer (default: ${DEFAULT-VALUE}).")
    private long catchupRatings;

    @Option(names = "--scoring-users", paramLabel = "N", defaultValue = "1000",
            description = "Users whose per-rating scoring is timed and compared with the exhaustive one "
                    + "(default: ${DEFAULT-VALUE}).")
    private int scoringUsers;

    @Option(names = "--streams-threads", paramLabel = "N",
            description = "The streams app's stream threads, as its --threads (default: this machine's cores).")
    private int streamsThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--trainer-arg", paramLabel = "FLAG",
            description = "A trainer flag on top of the bench's, such as --trainer-arg=--epochs=3; repeatable.")
    private List<String> trainerArgs = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private String json;

    @Override
    public void validate() {
        Validated.require(newRatings >= 1 && newRatings < set.ratings / 2,
                "--new-ratings must be at least 1 and under half the ratings, got " + newRatings);
        Validated.require(catchupRatings >= 1, "--catchup-ratings must be at least 1, got " + catchupRatings);
        Validated.require(scoringUsers >= 1, "--scoring-users must be at least 1, got " + scoringUsers);
        Validated.require(streamsThreads >= 1, "--streams-threads must be at least 1, got " + streamsThreads);
    }

    @Override
    public Integer call() {
        return CtrlC.exitCode("scale", LOG, () -> {
            Path work = Files.createTempDirectory("recsys-scale-bench-");
            String scope = "scale-bench-" + UUID.randomUUID();
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                Map<String, Object> result = measure(kafka, work, scope);
                BenchFigures.print(result, json);
                return 0;
            } finally {
                MockSchemaRegistry.drop(scope);
                TempDirs.deleteQuietly(work);
            }
        });
    }

    private Map<String, Object> measure(EmbeddedKafka kafka, Path work, String scope) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", set.users);
        out.put("movies", set.movies);
        out.put("ratings", set.ratings);
        Path data = work.resolve("data");
        long start = System.nanoTime();
        status("generating %,d users, %,d movies, %,d ratings", set.users, set.movies, set.ratings);
        // ml-latest's layout: written user by user in memory of users and movies, and its reader exercised at size
        SyntheticMovieLens.write(data, SyntheticMovieLens.Format.ML_LATEST, set.users, set.movies, set.ratings,
                set.seed, written -> { });
        out.put("synth_seconds", seconds(start));

        LocalTopics.create(kafka);
        String registry = "mock://" + scope;
        ReplayConfig replay = ReplayConfig.defaults().withDataDir(data).withKafka(kafka.bootstrapServers(), registry);
        long logged = set.ratings - newRatings;
        status("ingest: sending %,d ratings at full speed", logged);
        ReplaySummary ingest = replay(replay.withRange(0, logged));
        out.put("ingest_events_per_s", Math.round(ingest.ratingsSent() / ingest.ratingsSeconds()));

        trainer(kafka, registry, replay.withRange(logged, newRatings), out);
        streams(kafka, registry, work.resolve("state"), data, out);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        out.put("seconds", seconds(start));
        return out;
    }

    /** The trainer alone: reads the log, trains the first model, retrains on the new ratings; then its records. */
    private void trainer(EmbeddedKafka kafka, String registry, ReplayConfig rest, Map<String, Object> out)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry, "--http-port", "-1", "--min-ratings", "1",
                // the held-back ratings make the second retrain due, nothing else
                "--retrain-every-ratings", Integer.toString(newRatings), "--retrain-interval", "0"));
        args.addAll(trainerArgs);
        HeapPeak heap = HeapPeak.start();
        long start = System.nanoTime();
        try (TrainerService trainer = new TrainerService(TrainerConfig.parse(args.toArray(String[]::new)))) {
            trainer.start();
            status("trainer: reading the log");
            await("the trainer reads the log", TRAINER_TIMEOUT, trainer, () -> trainer.stats().caughtUp());
            out.put("trainer_read_seconds", seconds(start));
            out.put("trainer_ratings_held", trainer.stats().ratingsHeld());
            long read = System.nanoTime();
            status("trainer: training the first model on %,d ratings", trainer.stats().ratingsHeld());
            await("the first model", TRAINER_TIMEOUT, trainer, () -> decided(trainer.stats()) >= 1);
            out.put("first_model_seconds", seconds(read));
            status("ingest: sending the %,d new ratings; trainer: retraining", newRatings);
            replay(rest);
            long sent = System.nanoTime();
            await("the retrain on the new ratings", TRAINER_TIMEOUT, trainer, () -> decided(trainer.stats()) >= 2);
            out.put("incremental_retrain_seconds", seconds(sent));
            out.put("models_published", trainer.stats().versionsPublished());
            TrainerStatus.Published last = trainer.status().published();
            // 1 when the retrain on the new ratings was incremental and published (see the trainer's README)
            out.put("last_model_incremental", last == null ? null : last.metrics().get("incremental"));
            out.put("last_model_train_seconds", last == null ? null : last.metrics().get("train_seconds"));
        }
        out.put("trainer_heap_mb_peak", heap.stop().usedMb());
        out.put("trainer_live_heap_mb_peak", heap.liveMb());
        ModelRecords records = ModelRecords.read(kafka.bootstrapServers());
        out.put("model_message_bytes", records.largestBytes());
        out.put("model_records", records.count());
    }

    /** The streams app alone on the log: catch-up rate, state bytes per rating; then its model's scoring. */
    private void streams(EmbeddedKafka kafka, String registry, Path state, Path data, Map<String, Object> out)
            throws Exception {
        StreamsSettings settings = StreamsSettings.parse("--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry, "--state-dir", state.toString(), "--http-host", "127.0.0.1",
                "--http-port", "0", "--threads", Integer.toString(streamsThreads));
        long target = Math.min(catchupRatings, set.ratings);
        HeapPeak heap = HeapPeak.start();
        try (StreamsApp app = StreamsApp.start(settings);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            status("streams: catching up over %,d ratings of the log", target);
            String group = settings.applicationId();
            long deadline = System.nanoTime() + STREAMS_TIMEOUT.toNanos();
            long first = -1;
            long firstProcessed = 0;
            GroupProgress progress = GroupProgress.of(admin, group, Topics.RATINGS);
            while (progress.processed() < target) {
                if (app.failed() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the streams app " + (app.failed() ? "failed" : "did not catch up"
                            + " within " + STREAMS_TIMEOUT) + " at " + progress.processed() + " ratings");
                }
                if (first < 0 && progress.processed() > 0) {
                    // from the first commit: start-up and the model's load are not catch-up
                    first = System.nanoTime();
                    firstProcessed = progress.processed();
                }
                Thread.sleep(200);
                progress = GroupProgress.of(admin, group, Topics.RATINGS);
            }
            double seconds = (System.nanoTime() - (first < 0 ? System.nanoTime() : first)) / 1e9;
            long processed = progress.processed() - firstProcessed;
            out.put("streams_catchup_ratings", progress.processed());
            out.put("streams_threads", streamsThreads);
            out.put("streams_catchup_events_per_s", seconds > 0 ? Math.round(processed / seconds) : null);
            out.put("streams_heap_mb_peak", heap.stop().usedMb());
            out.put("streams_live_heap_mb_peak", heap.liveMb());
            Map<String, Long> changelogs = ChangelogBytes.byStore(admin, group);
            out.put("state_bytes_per_rating", ScoreBench.round(ChangelogBytes.perRating(changelogs,
                    progress.processed())));
            out.put("state_bytes_by_store", changelogs);
            LoadedModel model = app.models().currentOrNull();
            if (model == null) {
                throw new IllegalStateException("the streams app has no model after catching up");
            }
            out.put("model_version", model.version());
            scoring(model, data, out);
        }
    }

    /** The app's per-rating scoring and the exhaustive one, for a seeded sample of users with their histories. */
    private void scoring(LoadedModel model, Path data, Map<String, Object> out) {
        Map<Integer, History> histories = sampleHistories(data);
        int[] userIds = histories.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        status("scoring: %,d users over %,d movies, two stages and exhaustive", userIds.length,
                model.scorer().movieCount());
        ScoringCost cost = ScoringCost.measure(model.scorer(), histories, userIds, TOP_N, 3);
        out.put("scoring_users", userIds.length);
        out.put("model_movies", model.scorer().movieCount());
        out.put("streams_ms_per_full_scoring", ScoreBench.round(cost.recommend().medianMs()));
        out.put("streams_ms_per_full_scoring_p99", ScoreBench.round(cost.recommend().p99Ms()));
        out.put("exhaustive_ms_per_scoring", ScoreBench.round(cost.full().medianMs()));
        out.put("two_stage_recall", ScoreBench.round(cost.twoStageEqualShare()));
        out.put("ranked_share", ScoreBench.round(cost.rankedShare()));
        out.put("predicted_mean", ScoreBench.round(cost.predictedMean()));
        out.put("predicted_max", cost.predictedMax());
    }

    /** The histories of a seeded sample of the set's users, from the files: one pass, only their ratings kept. */
    private Map<Integer, History> sampleHistories(Path data) {
        Set<Integer> chosen = new HashSet<>();
        Random random = new Random(set.seed);
        int wanted = Math.min(scoringUsers, set.users);
        while (chosen.size() < wanted) {
            chosen.add(1 + random.nextInt(set.users));
        }
        Map<Integer, RatingData> ratings = new HashMap<>();
        MovieLensReader.open(data).ratings(e -> {
            if (chosen.contains(e.getUserId())) {
                ratings.computeIfAbsent(e.getUserId(), u -> new RatingData(64))
                        .add(e.getUserId(), e.getMovieId(), e.getRating());
            }
        }, ErrorSink.failFast());
        Map<Integer, History> histories = new HashMap<>();
        ratings.forEach((user, rated) -> histories.put(user, History.byUser(rated).get(user)));
        return histories;
    }

    private static ReplaySummary replay(ReplayConfig config) {
        try (Replayer replayer = new Replayer(config)) {
            return replayer.run(progress -> { });
        }
    }

    private static long decided(TrainerStats stats) {
        return stats.versionsPublished() + stats.versionsRejected();
    }

    private static void await(String what, Duration timeout, TrainerService trainer, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (trainer.stopped().isDone() || trainer.stats().trainingFailures() > 0) {
                throw new IllegalStateException("the trainer failed before " + what + ": " + trainer.status().error());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    private static void status(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench scale: " + format + " ...%n", args);
    }

    /** The peak of this JVM's heap, sampled on a thread of its own until stopped. */
    private static final class HeapPeak {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long used;
        private volatile long live;

        private HeapPeak() {
            thread = new Thread(this::sample, "scale-bench-heap");
            thread.setDaemon(true);
        }

        static HeapPeak start() {
            System.gc();
            HeapPeak peak = new HeapPeak();
            peak.thread.start();
            return peak;
        }

        private void sample() {
            while (running) {
                used = Math.max(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                live = Math.max(live, SoakProbe.heapAfterLastGc());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        HeapPeak stop() throws InterruptedException {
            running = false;
            thread.join();
            return this;
        }

        long usedMb() {
            return used >> 20;
        }

        long liveMb() {
            return live >> 20;
        }
    }

    /** The model topic's records as the broker holds them: how many, and the largest value. */
    private record ModelRecords(int count, long largestBytes) {
        static ModelRecords read(String bootstrapServers) {
            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MODEL_BYTES * 2);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_UPDATES).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                int count = 0;
                long largest = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read the model topic to its end");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        count++;
                        largest = Math.max(largest, record.serializedValueSize());
                    }
                }
                return new ModelRecords(count, largest);
            }
        }
    }
}
