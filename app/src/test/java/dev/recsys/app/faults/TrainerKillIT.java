package dev.recsys.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.common.topics.Topics;
import dev.recsys.streams.StreamsMain;
import dev.recsys.trainer.TrainerMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trainer in a JVM of its own, killed with SIGKILL while it trains a second model and started again: the
 * versions on {@code model-updates} keep increasing (no number used twice), and the streams app, polled throughout,
 * keeps serving the last good model (its version never goes back, never to none).
 */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class TrainerKillIT {
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP queries on port (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void versionsKeepIncreasingAcrossAKillAndStreamsKeepsTheLastGoodModel(KafkaBroker broker) throws Exception {
        try (FaultStack stack = FaultStack.start(broker)) {
            stack.sendMovies();
            Map<String, String> trainerEnv = stack.clientEnv();
            trainerEnv.putAll(Map.of("TRAINER_MIN_RATINGS", "1500", "TRAINER_RETRAIN_EVERY_RATINGS", "1500",
                    "TRAINER_RETRAIN_INTERVAL", "0", "TRAINER_EPOCHS", "15", "TRAINER_HTTP_PORT", "-1",
                    // publish every candidate: this test is about version numbers, not the gate
                    "TRAINER_PUBLISH_TOLERANCE", "100", "OMP_NUM_THREADS", "1"));
            var trainerLog = ChildJvm.logFile("trainer-kill", "trainer.log");
            List<Long> served = new CopyOnWriteArrayList<>();
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
            try (ChildJvm streams = ChildJvm.start(StreamsMain.class, stack.streamsEnv("trainer-kill", state),
                    ChildJvm.logFile("trainer-kill", "streams.log"));
                 ChildJvm first = ChildJvm.start(TrainerMain.class, trainerEnv, trainerLog)) {
                int port = Integer.parseInt(streams.awaitMatch(HTTP_PORT, Duration.ofSeconds(60)));
                poller.scheduleAtFixedRate(() -> served.add(modelVersion(port)), 0, 100, TimeUnit.MILLISECONDS);

                stack.sendRatings(1_600, 2_000, 150, 3);
                first.awaitLine("published model v1", Duration.ofSeconds(90));
                await("streams serves v1").atMost(Duration.ofSeconds(30)).until(() -> modelVersion(port) == 1);
                stack.sendRatings(1_600, 2_000, 150, 4);
                first.awaitLine("training candidate v2", Duration.ofSeconds(60));
                first.kill();
                assertThat(first.output()).doesNotContain("published model v2");

                try (ChildJvm second = ChildJvm.start(TrainerMain.class, trainerEnv, trainerLog)) {
                    second.awaitLine("published model v2", Duration.ofSeconds(120));
                    await("streams serves v2").atMost(Duration.ofSeconds(30)).until(() -> modelVersion(port) == 2);
                }
                poller.shutdown();
                assertThat(poller.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            } finally {
                poller.shutdownNow();
            }

            List<Long> versions = stack.read(Topics.MODEL_UPDATES, ModelUpdate.class).stream()
                    .map(ModelUpdate::getVersion).toList();
            assertThat(versions).as("versions on model-updates").containsExactly(1L, 2L);
            List<Long> afterFirst = served.subList(served.indexOf(1L), served.size());
            assertThat(afterFirst).as("versions streams served, polled every 100 ms")
                    .isSortedAccordingTo(Long::compare).doesNotContain(-1L, 0L);
        }
    }

    /** The version streams serves, 0 before any model, -1 when it does not answer. */
    private long modelVersion(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/model"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return response.statusCode() == 404 || response.statusCode() == 503 ? 0 : -1;
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("version").asLong(0);
        } catch (Exception e) {
            return -1;
        }
    }
}
