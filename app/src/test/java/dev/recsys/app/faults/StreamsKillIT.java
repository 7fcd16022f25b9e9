package dev.recsys.app.faults;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.ingest.IngestMain;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.streams.StreamsMain;
import dev.recsys.trainer.TrainerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest, streams (and, when asked, the trainer) each in a JVM of their own; streams is killed with SIGKILL while
 * ingest replays and started again on the same state directory. Every rating has exactly one recommendation
 * (read_committed), none goes to the dead letters, and the restarted instance is processing (RUNNING) within 10 s.
 *
 * <p>By default a small synthetic set at 150 ratings/s, killed after 7 s. The full-size scenario, by hand:
 * {@code -Dfaults.data=<ml-100k dir> -Dfaults.rate=1000 -Dfaults.killAfterSeconds=45 -Dfaults.trainer=true}.
 */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class StreamsKillIT {
    private static final Logger log = LoggerFactory.getLogger(StreamsKillIT.class);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyRatingIsAnsweredOnceAcrossAKillAndTheRestartResumesWithinTenSeconds(KafkaBroker broker)
            throws Exception {
        Path data = dataDir();
        Duration killAfter = Duration.ofSeconds(Long.getLong("faults.killAfterSeconds", 7));
        try (FaultStack stack = FaultStack.start(broker)) {
            Map<String, String> env = stack.streamsEnv("kill-it", dir.resolve("state"));
            Path output = ChildJvm.logFile("streams-kill", "streams.log");
            Map<String, String> ingestEnv = stack.clientEnv();
            ingestEnv.putAll(Map.of("INGEST_DATA_DIR", data.toString(),
                    "INGEST_RATE", System.getProperty("faults.rate", "150")));
            ChildJvm first = ChildJvm.start(StreamsMain.class, env, output);
            ChildJvm second = null;
            ChildJvm trainer = Boolean.getBoolean("faults.trainer") ? ChildJvm.start(TrainerMain.class,
                    trainerEnv(stack), ChildJvm.logFile("streams-kill", "trainer.log")) : null;
            first.awaitLine("-> RUNNING", Duration.ofSeconds(90));
            try (ChildJvm ingest = ChildJvm.start(IngestMain.class, ingestEnv,
                    ChildJvm.logFile("streams-kill", "ingest.log"), "replay")) {
                ingest.awaitLine("sending ratings", Duration.ofSeconds(60));
                Thread.sleep(killAfter.toMillis());
                first.kill();
                assertThat(ingest.alive()).as("ingest still replaying at the kill").isTrue();
                Instant restarted = Instant.now();
                second = ChildJvm.start(StreamsMain.class, env, output);
                Instant running = second.awaitLine("-> RUNNING", Duration.ofSeconds(90));
                log.info("restarted after SIGKILL: RUNNING {} ms after the start",
                        Duration.between(restarted, running).toMillis());
                assertThat(Duration.between(restarted, running)).as("from restart to RUNNING")
                        .isLessThanOrEqualTo(RESUME_WITHIN);
                assertThat(ingest.awaitExit(Duration.ofMinutes(10))).as("ingest's exit code").isZero();

                Set<Long> sent = stack.read(Topics.RATINGS, RatingEvent.class).stream()
                        .map(RatingEvent::getSequence).collect(Collectors.toSet());
                Map<Long, Integer> answers = stack.readAnswers(sent.size(), Duration.ofMinutes(3));
                log.info("{} ratings sent, {} answered, {} dead letters", sent.size(), answers.size(),
                        stack.committedRecords(Topics.RATINGS_DLQ));
                assertThat(answers.keySet()).as("ratings answered").isEqualTo(sent);
                assertThat(answers.values()).as("recommendations per rating").containsOnly(1);
                assertThat(stack.committedRecords(Topics.RATINGS_DLQ)).as("dead letters").isZero();
                assertThat(second.alive()).isTrue();
            } finally {
                for (ChildJvm child : Arrays.asList(first, second, trainer)) {
                    if (child != null) {
                        child.close();
                    }
                }
            }
        }
    }

    private Path dataDir() throws Exception {
        String given = System.getProperty("faults.data");
        if (given != null) {
            return Path.of(given);
        }
        Path data = dir.resolve("data");
        SyntheticMovieLens.write(data, 150, 300, 3_000, 5);
        return data;
    }

    private static Map<String, String> trainerEnv(FaultStack stack) {
        Map<String, String> env = stack.clientEnv();
        env.putAll(Map.of("TRAINER_HTTP_PORT", "-1", "OMP_NUM_THREADS", "1"));
        return env;
    }
}
