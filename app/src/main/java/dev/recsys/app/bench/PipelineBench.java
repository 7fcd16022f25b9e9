package dev.recsys.app.bench;

import dev.recsys.app.LocalTopics;
import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ProgressListener;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.StreamsApp;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.serde.AppSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench pipeline}: the whole path on one machine. An embedded broker, a model trained on a synthetic
 * MovieLens-sized set and published, the streams app running, then (1) a full-speed replay of every rating through
 * ingest's Replayer, for throughput, and (2) a replay paced at a fixed rate, for latency under a steady load. Latency
 * is from a rating's send to its recommendation being readable by a read_committed consumer. Then what the state
 * cost: the changelog bytes per rating processed, and the time a fresh instance takes to restore the stores from them.
 */
@Command(name = "pipeline", description = "End-to-end throughput and latency of the app on a local broker.")
public final class PipelineBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBench.class);
    private static final String SCOPE = "pipeline-bench";

    @Mixin
    private HelpOption help;

    @Mixin
    private SyntheticSetOptions set;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "The app's stream threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            defaultValue = "" + StreamsSettings.DEFAULT_COMMIT_INTERVAL_MS,
            description = "The app's transaction commit interval (default: ${DEFAULT-VALUE}).")
    private long commitIntervalMs;

    @Option(names = "--paced-rate", paramLabel = "N", defaultValue = "500",
            description = "Events per second of the paced run (default: ${DEFAULT-VALUE}).")
    private int pacedRate;

    @Option(names = "--paced-seconds", paramLabel = "S", defaultValue = "30",
            description = "Length of the paced run; 0 skips it (default: ${DEFAULT-VALUE}).")
    private int pacedSeconds;

    @Option(names = "--skip-full", description = "No full-speed run, only the paced one (after an unmeasured "
            + "full-speed warm-up of 10,000 ratings).")
    private boolean skipFull;

    @Option(names = "--app-config", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams or client property for the app; repeatable.")
    private Map<String, String> appConfig = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private String json;

    @Override
    public Integer call() {
        Path work = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            work = Files.createTempDirectory("recsys-pipeline-bench-");
            Map<String, Object> result = measure(kafka, work);
            BenchFigures.print(result, json);
            return 0;
        } catch (Exception e) {
            LOG.error("Pipeline bench failed", e);
            System.err.println("bench pipeline: " + e.getMessage());
            return 1;
        } finally {
            MockSchemaRegistry.drop(SCOPE);
            if (work != null) {
                TempDirs.deleteQuietly(work);
            }
        }
    }

    private Map<String, Object> measure(EmbeddedKafka kafka, Path work) throws Exception {
        Path data = work.resolve("data");
        SyntheticMovieLens.write(data, set.users, set.movies, set.ratings, set.seed);
        LocalTopics.create(kafka);
        publishCatalogueAndModel(kafka, data, set.seed);

        List<String> appArgs = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", "mock://" + SCOPE, "--state-dir", work.resolve("state").toString(),
                "--http-host", "localhost", "--http-port", "0", "--threads", Integer.toString(threads),
                "--commit-interval-ms", Long.toString(commitIntervalMs)));
        appConfig.forEach((key, value) -> appArgs.addAll(List.of("--config", key + "=" + value)));
        StreamsSettings settings = StreamsSettings.parse(appArgs.toArray(String[]::new));
        ReplayConfig replay = ReplayConfig.defaults().withDataDir(data)
                .withKafka(kafka.bootstrapServers(), "mock://" + SCOPE);

        Map<String, Object> out = new LinkedHashMap<>();
        long processed = 0;
        try (StreamsApp app = StreamsApp.start(settings)) {
            if (!app.awaitReady(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the streams app is not ready: " + app.readiness().missing());
            }
            if (skipFull) {
                // JIT, RocksDB and page cache warm up as they would have in the full run
                processed += replay(kafka, replay.withPacing(Pacing.fullSpeed()).withRange(0, 10_000),
                        Duration.ofMinutes(5)).sent();
            } else {
                Phase full = replay(kafka, replay.withPacing(Pacing.fullSpeed()), Duration.ofMinutes(10));
                processed += full.sent();
                out.put("ratings", full.sent());
                out.put("events_per_s", Math.round(full.latency().eventsPerSecond()));
                out.put("replay_events_per_s", Math.round(full.summary().eventsPerSecond()));
                out.put("latency_ms_p50", full.latency().percentileMs(0.50));
                out.put("latency_ms_p99", full.latency().percentileMs(0.99));
            }
            if (pacedSeconds > 0) {
                Phase paced = replay(kafka, replay.withPacing(Pacing.rate(pacedRate))
                        .withRange(0, (long) pacedRate * pacedSeconds), Duration.ofSeconds(pacedSeconds + 120L));
                processed += paced.sent();
                out.put("paced_rate", pacedRate);
                out.put("paced_ratings", paced.sent());
                out.put("paced_latency_ms_p50", paced.latency().percentileMs(0.50));
                out.put("paced_latency_ms_p99", paced.latency().percentileMs(0.99));
                out.put("paced_latency_ms_max", paced.latency().percentileMs(1.0));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            Map<String, Long> changelogs = ChangelogBytes.byStore(admin, settings.applicationId());
            out.put("ratings_processed", processed);
            out.put("state_bytes_per_rating", Math.round(ChangelogBytes.perRating(changelogs, processed) * 10) / 10.0);
            out.put("changelog_bytes", changelogs);
        }
        restore(settings, out);
        out.put("stream_threads", settings.numThreads());
        out.put("commit_interval_ms", settings.commitIntervalMs());
        out.put("app_config", settings.kafka().clientProperties());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    /**
     * A fresh instance (its state directory deleted) rebuilds every store from the changelogs the replays wrote: the
     * time from its start until Streams is RUNNING with no store restoring, what a lost disk or a new host costs.
     */
    private static void restore(StreamsSettings settings, Map<String, Object> out) throws Exception {
        TempDirs.deleteQuietly(settings.stateDir());
        long start = System.nanoTime();
        try (StreamsApp app = StreamsApp.start(settings)) {
            long deadline = start + Duration.ofMinutes(10).toNanos();
            while (!app.readiness().storesRestored()) {
                if (System.nanoTime() > deadline || app.failed()) {
                    throw new IllegalStateException("the fresh instance did not restore its stores: "
                            + app.readiness().missing());
                }
                Thread.sleep(10);
            }
            out.put("restore_ms", (System.nanoTime() - start) / 1_000_000);
            out.put("restored_records", app.readiness().restoredRecords());
        }
    }

    private record Phase(long sent, ReplaySummary summary, PipelineLatency latency) {
    }

    /** Replays, then waits until a recommendation for every sent rating has been read. */
    private static Phase replay(EmbeddedKafka kafka, ReplayConfig config, Duration timeout) throws Exception {
        try (PipelineLatency latency = new PipelineLatency(kafka.bootstrapServers())) {
            ReplaySummary summary = new Replayer(config).run(ProgressListener.NONE);
            long sent = summary.ratingsSent();
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastLog = 0;
            while (latency.count() < sent) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + latency.count() + " of " + sent
                            + " recommendations arrived within " + timeout);
                }
                if (System.nanoTime() - lastLog > 5_000_000_000L) {
                    LOG.info("{} of {} recommendations read", latency.count(), sent);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(20);
            }
            LOG.info("{}: {} ratings, {} recommendations/s end to end", config.pacing(), sent,
                    Math.round(latency.eventsPerSecond()));
            return new Phase(sent, summary, latency);
        }
    }

    /** The catalogue and a trained model go out before the app starts, as the trainer and ingest would have. */
    private static void publishCatalogueAndModel(EmbeddedKafka kafka, Path data, long seed) throws Exception {
        MovieLensReader reader = MovieLensReader.open(data);
        List<RatingEvent> events = new ArrayList<>();
        reader.ratings(events::add, ErrorSink.failFast());
        List<Movie> movies = reader.movies(ErrorSink.failFast());
        Map<Integer, Integer> masks = new HashMap<>();
        movies.forEach(m -> masks.put(m.getMovieId(), Genres.mask(m.getGenres())));
        HybridModel model = ModelTrainer.train(RatingData.from(events), null, masks,
                ModelConfig.defaults().withEpochs(1).withSeed(seed), null, null);
        AppSerdes serdes = AppSerdes.avro(SerdeConfig.registry("mock://" + SCOPE, null));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MODEL_BYTES);
        try (var movieProducer = new KafkaProducer<>(props, new IntegerSerializer(), serdes.movie().serializer());
             var modelProducer = new KafkaProducer<>(props, new StringSerializer(),
                     serdes.modelUpdate().serializer())) {
            for (Movie movie : movies) {
                movieProducer.send(new ProducerRecord<>(Topics.MOVIES, movie.getMovieId(), movie));
            }
            modelProducer.send(new ProducerRecord<>(Topics.MODEL_UPDATES, Topics.MODEL_NAME,
                    ModelCodec.toUpdate(model, 1, null, List.of(), events.size(), Map.of()))).get();
            movieProducer.flush();
        }
    }
}
