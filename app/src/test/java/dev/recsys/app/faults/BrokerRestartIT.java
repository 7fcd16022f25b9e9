package dev.recsys.app.faults;

import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.ingest.IngestMain;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.common.topics.Topics;
import dev.recsys.streams.StreamsMain;
import dev.recsys.trainer.TrainerMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker stopped and started again (same port, same log directory) while ingest replays ratings, with ingest,
 * streams and the trainer each in a JVM of its own: ingest goes on and ends well, streams and the trainer
 * reconnect, and every rating is in the log once and has exactly one recommendation.
 */
class BrokerRestartIT {
    private static final int RATINGS = 4_000;
    private static final Duration RESTART_AFTER = Duration.ofSeconds(4);
    private static final Duration DOWNTIME = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void nothingIsLostOrDoubledWhenTheBrokerRestartsUnderARunningStack() throws Exception {
        Path data = dir.resolve("data");
        SyntheticMovieLens.write(data, 150, 300, RATINGS, 17);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             FaultStack stack = FaultStack.start(broker(kafka))) {
            Map<String, String> ingestEnv = stack.clientEnv();
            ingestEnv.putAll(Map.of("INGEST_DATA_DIR", data.toString(), "INGEST_RATE", "400"));
            Map<String, String> trainerEnv = stack.clientEnv();
            trainerEnv.putAll(Map.of("TRAINER_MIN_RATINGS", "2000", "TRAINER_RETRAIN_EVERY_RATINGS", "100000",
                    "TRAINER_RETRAIN_INTERVAL", "PT10M", "TRAINER_EPOCHS", "3", "TRAINER_HTTP_PORT", "-1",
                    "OMP_NUM_THREADS", "1"));
            try (ChildJvm streams = ChildJvm.start(StreamsMain.class,
                         stack.streamsEnv("broker-restart", dir.resolve("state")),
                         ChildJvm.logFile("broker-restart", "streams.log"));
                 ChildJvm trainer = ChildJvm.start(TrainerMain.class, trainerEnv,
                         ChildJvm.logFile("broker-restart", "trainer.log"))) {
                streams.awaitLine("-> RUNNING", Duration.ofSeconds(60));
                trainer.awaitLine("no model published yet", Duration.ofSeconds(60));
                try (ChildJvm ingest = ChildJvm.start(IngestMain.class, ingestEnv,
                        ChildJvm.logFile("broker-restart", "ingest.log"), "replay")) {
                    ingest.awaitLine("sending ratings", Duration.ofSeconds(60));
                    Thread.sleep(RESTART_AFTER.toMillis());
                    assertThat(ingest.alive()).as("ingest still replaying at the restart").isTrue();
                    kafka.restart(DOWNTIME);
                    assertThat(ingest.awaitExit(Duration.ofSeconds(120))).as("ingest's exit code").isZero();
                }

                List<RatingEvent> ratings = stack.read(Topics.RATINGS, RatingEvent.class);
                assertThat(ratings).as("ratings in the log").hasSize(RATINGS);
                assertThat(ratings.stream().map(RatingEvent::getSequence).distinct()).hasSize(RATINGS);
                Map<Long, Integer> answers = stack.readAnswers(RATINGS, Duration.ofSeconds(90));
                assertThat(answers).as("ratings answered").hasSize(RATINGS);
                assertThat(answers.values()).as("recommendations per rating").containsOnly(1);
                assertThat(stack.committedRecords(Topics.RATINGS_DLQ)).as("dead letters").isZero();
                trainer.awaitLine("published model v1", Duration.ofSeconds(90));
                assertThat(streams.alive()).isTrue();
                assertThat(trainer.alive()).isTrue();
            }
        }
    }

    private static KafkaBroker broker(EmbeddedKafka kafka) {
        return new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public void createTopic(String name, int partitions, Map<String, String> configs) {
                kafka.createTopic(name, partitions, configs);
            }
        };
    }
}
