package dev.recsys.app.bench;

import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ProgressListener;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench ingest}: how close the replay comes to what a bare producer does on the same broker.
 *
 * <p>On one embedded broker it replays the ratings at full speed through the {@link Replayer} (reading, Avro
 * serialization through the registry, pacing checks, progress) and sends the same number of records of the same
 * sizes and bytes, pre-serialized, through a bare {@code KafkaProducer<byte[], byte[]>} with the replay's producer
 * settings. After one uncounted warm-up run of each, each side runs several times, alternating; medians are
 * reported. {@code events_per_s} counts the
 * ratings phase (first rating sent to last acknowledged); reading and sorting the files is reported apart.
 */
@Command(name = "ingest", description = "Replay throughput against a bare producer on the same broker.")
public final class IngestBench implements Callable<Integer>, Validated {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBench.class);
    private static final String REGISTRY_SCOPE = "ingest-bench";

    @Mixin
    private HelpOption help;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private Path json;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Runs of each side, medians reported after one warm-up run (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Replay this MovieLens directory instead of the synthetic 100k set.")
    private Path data;

    @Override
    public void validate() {
        Validated.require(runs >= 1, "--runs must be at least 1, got " + runs);
    }

    @Override
    public Integer call() {
        Path generated = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Path data = this.data;
            if (data == null) {
                generated = Files.createTempDirectory("recsys-ingest-bench-");
                SyntheticMovieLens.write(generated, SyntheticMovieLens.DEFAULT_USERS, SyntheticMovieLens.DEFAULT_MOVIES,
                        SyntheticMovieLens.DEFAULT_RATINGS, SyntheticMovieLens.DEFAULT_SEED);
                data = generated;
            }
            IngestBenchResult result = measure(kafka, data, runs);
            result.lines().forEach(System.out::println);
            if (json != null) {
                Files.writeString(json, result.json());
                System.out.println("wrote " + json);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("bench ingest: " + e.getMessage());
            return 1;
        } finally {
            MockSchemaRegistry.drop(REGISTRY_SCOPE);
            if (generated != null) {
                TempDirs.deleteQuietly(generated);
            }
        }
    }

    private static IngestBenchResult measure(EmbeddedKafka kafka, Path data, int runs) {
        ReplayConfig config = ReplayConfig.defaults().withDataDir(data)
                .withKafka(kafka.bootstrapServers(), "mock://" + REGISTRY_SCOPE).withPacing(Pacing.fullSpeed());
        IngestBenchRaw raw = IngestBenchRaw.prepare(config, kafka);
        List<Double> replayRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> replaySeconds = new ArrayList<>();
        // one uncounted run of each side first: the JIT compiles the send paths, the broker's log segments exist
        new Replayer(config).run(ProgressListener.NONE);
        raw.send(SyntheticMovieLens.DEFAULT_RATINGS);
        ReplaySummary last = null;
        for (int run = 1; run <= runs; run++) {
            last = new Replayer(config).run(ProgressListener.NONE);
            replayRates.add(last.eventsPerSecond());
            replaySeconds.add(last.seconds());
            double rawRate = raw.send(last.ratingsSent());
            rawRates.add(rawRate);
            LOG.info("run {}/{}: replay {} ratings/s, bare producer {} records/s", run, runs,
                    Math.round(last.eventsPerSecond()), Math.round(rawRate));
        }
        return new IngestBenchResult(last, replayRates, rawRates, replaySeconds, raw.meanValueBytes());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String list(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

}
