package dev.recsys.app.faults;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.common.topics.Topics;
import dev.recsys.streams.StreamsMain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app in a JVM of its own, killed with SIGKILL under a paced load and started again on the same state
 * directory: every rating has exactly one recommendation (read_committed), nothing goes to the dead letters, and the
 * restarted instance is processing (RUNNING) within 10 s of its start.
 */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class StreamsKillIT {
    private static final Logger log = LoggerFactory.getLogger(StreamsKillIT.class);
    private static final int RATINGS = 3_000;
    private static final Duration KILL_AFTER = Duration.ofSeconds(7);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyRatingIsAnsweredOnceAcrossAKillAndTheRestartResumesWithinTenSeconds(KafkaBroker broker)
            throws Exception {
        try (FaultStack stack = FaultStack.start(broker)) {
            Map<String, String> env = stack.streamsEnv("kill-it", dir.resolve("state"));
            Path output = ChildJvm.logFile("streams-kill", "streams.log");
            ChildJvm first = ChildJvm.start(StreamsMain.class, env, output);
            ChildJvm second = null;
            try {
                first.awaitLine("-> RUNNING", Duration.ofSeconds(60));
                CompletableFuture<Void> load =
                        CompletableFuture.runAsync(() -> stack.sendRatings(RATINGS, 150, 200, 5));
                Thread.sleep(KILL_AFTER.toMillis());
                first.kill();
                assertThat(load).as("the load is still running at the kill").isNotDone();
                Instant restarted = Instant.now();
                second = ChildJvm.start(StreamsMain.class, env, output);
                Instant running = second.awaitLine("-> RUNNING", Duration.ofSeconds(90));
                log.info("restarted after SIGKILL: RUNNING {} ms after the start",
                        Duration.between(restarted, running).toMillis());
                assertThat(Duration.between(restarted, running)).as("from restart to RUNNING")
                        .isLessThanOrEqualTo(RESUME_WITHIN);
                load.get(60, TimeUnit.SECONDS);

                Map<Long, Integer> answers = stack.readAnswers(RATINGS, Duration.ofSeconds(90));
                assertThat(answers).as("ratings answered").hasSize(RATINGS);
                assertThat(answers.values()).as("recommendations per rating").containsOnly(1);
                assertThat(stack.committedRecords(Topics.RATINGS_DLQ)).as("dead letters").isZero();
                assertThat(second.alive()).isTrue();
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }
}
