package dev.recsys.trainer.http;

import dev.recsys.trainer.StatusClient;
import dev.recsys.trainer.TrainerStats;
import dev.recsys.trainer.TrainerState;
import dev.recsys.trainer.TrainerStatus;
import dev.recsys.trainer.training.TrainingProgress;
import dev.recsys.common.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainer's status server over real HTTP on a loopback port. */
class StatusServerTest {
    private static final TrainerStats STATS = new TrainerStats(12_000, 1_200, 300_000, 300, 2, 3, 1, 0, 3, true, true);

    private final AtomicReference<TrainerStatus> status = new AtomicReference<>();
    private final ServiceMetrics metrics = new ServiceMetrics();
    private StatusServer server;

    @BeforeEach
    void start() throws Exception {
        server = StatusServer.start("127.0.0.1", 0, status::get, metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void servesTheStatusAsJsonWithTheTrainingInProgress() {
        TrainingProgress training = new TrainingProgress(4, "new ratings", "incremental", "2026-11-26T12:00:00Z", 3L,
                10_800, 1_200, 12_000, 15, 60.0, false, List.of(new TrainingProgress.Member(1, 7, 0.81, 0.79),
                        new TrainingProgress.Member(2, 0, null, null)),
                new TrainingProgress.Ranking(12, 60, 6.25, 0.3125), "training");
        status.set(new TrainerStatus(TrainerState.TRAINING, null, STATS,
                new TrainerStatus.NextRetrain(250, 5000, 60, 2000, "2026-11-26T12:00:00Z", "incremental", 21_600,
                        "2026-11-26T09:00:00Z", 200_000, 60.0), training,
                new TrainerStatus.Decision(true, 0.80, null, 0.3125, null, "no published model to compare with"),
                new TrainerStatus.Published(3, Map.of("val_mse", 0.8, "val_ndcg_at_10", 0.3125))));

        StatusClient.Response response = StatusClient.get(server.port(), "/status");

        assertThat(response.code()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body().path("state").asText()).isEqualTo("training");
        assertThat(response.body().path("stats").path("ratingsHeld").asLong()).isEqualTo(12_000);
        assertThat(response.body().path("training").path("candidateVersion").asLong()).isEqualTo(4);
        assertThat(response.body().path("training").path("warmStartVersion").asLong()).isEqualTo(3);
        assertThat(response.body().path("training").path("kind").asText()).isEqualTo("incremental");
        assertThat(response.body().path("training").path("budgetSeconds").asDouble()).isEqualTo(60.0);
        assertThat(response.body().path("training").path("members").get(0).path("epoch").asInt()).isEqualTo(7);
        // a member without a finished epoch has no losses yet: null, never NaN (which JSON has not)
        assertThat(response.body().path("training").path("members").get(1).path("trainLoss").isNull()).isTrue();
        assertThat(response.body().path("training").path("ranking").path("epoch").asInt()).isEqualTo(12);
        assertThat(response.body().path("training").path("ranking").path("maxEpochs").asInt()).isEqualTo(60);
        assertThat(response.body().path("training").path("ranking").path("trainLoss").asDouble()).isEqualTo(6.25);
        assertThat(response.body().path("training").path("ranking").path("bestValidationNdcg").asDouble())
                .isEqualTo(0.3125);
        assertThat(response.body().path("lastDecision").path("currentMse").isNull()).isTrue();
        assertThat(response.body().path("lastDecision").path("candidateNdcg").asDouble()).isEqualTo(0.3125);
        assertThat(response.body().path("lastDecision").path("currentNdcg").isNull()).isTrue();
        assertThat(response.body().path("next").path("newRatings").asLong()).isEqualTo(250);
        assertThat(response.body().path("next").path("kind").asText()).isEqualTo("incremental");
        assertThat(response.body().path("next").path("maxTrainingRatings").asLong()).isEqualTo(200_000);
        assertThat(response.body().path("published").path("metrics").path("val_mse").asDouble()).isEqualTo(0.8);
        assertThat(response.body().path("published").path("metrics").path("val_ndcg_at_10").asDouble())
                .isEqualTo(0.3125);
    }

    @Test
    void healthIsUpWhileRunningAndDownWithTheReasonOnceFailed() {
        status.set(waiting(TrainerState.WAITING, null));
        StatusClient.Response up = StatusClient.get(server.port(), "/health");
        assertThat(up.code()).isEqualTo(200);
        assertThat(up.body().path("status").asText()).isEqualTo("UP");

        status.set(waiting(TrainerState.FAILED, "org.apache.kafka.common.errors.TopicAuthorizationException: model-updates"));
        StatusClient.Response down = StatusClient.get(server.port(), "/health");
        assertThat(down.code()).isEqualTo(503);
        assertThat(down.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(down.body().path("error").asText()).contains("TopicAuthorizationException");
    }

    @Test
    void unknownPathsAndOtherMethodsGetAJsonError() {
        status.set(waiting(TrainerState.WAITING, null));
        StatusClient.Response missing = StatusClient.get(server.port(), "/models");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.body().path("error").asText()).contains("/models").contains("/status");

        StatusClient.Response post = StatusClient.send(server.port(), "/status", "POST");
        assertThat(post.code()).isEqualTo(405);
        assertThat(post.body().path("error").asText()).contains("GET");
    }

    @Test
    void anUnknownPathIsA404WithOnlyAJsonErrorNamingThePathsThereAre() {
        StatusClient.Response missing = StatusClient.get(server.port(), "/status/v2");

        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/json");
        assertThat(missing.body().size()).isEqualTo(1);
        assertThat(missing.body().path("error").asText()).isEqualTo(
                "no such resource: /status/v2 (try /health, /metrics, /status)");
    }

    @Test
    void aStatusThatCannotBeMadeIsA500WithAJsonErrorAndNoStackTrace() {
        // before the service has set a status: the supplier gives null, which no handler expects
        StatusClient.Response health = StatusClient.get(server.port(), "/health");

        assertThat(health.code()).isEqualTo(500);
        assertThat(health.body().size()).isEqualTo(1);
        assertThat(health.body().path("error").asText()).startsWith("internal error: java.lang.NullPointerException")
                .doesNotContain("\tat ");
    }

    @Test
    void servesTheFiguresAndTheKafkaClientsMetricsForPrometheus() {
        status.set(new TrainerStatus(TrainerState.WAITING, null, STATS, next(250),
                null, null, new TrainerStatus.Published(3, Map.of("val_mse", 0.8125, "val_ndcg_at_10", 0.3125,
                "blend_weight", 0.5))));
        // a real consumer, never polled (its lag is measured against a broker in TrainerServiceIT)
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", "127.0.0.1:9",
                "client.id", "recsys-trainer-log"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        metrics.bindKafka((scheduler, every) -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, every));

        StatusClient.Text text = StatusClient.getText(server.port(), "/metrics");
        consumer.close();

        assertThat(text.code()).isEqualTo(200);
        assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body().lines()).contains(
                "recsys_trainer_up 1.0",
                "recsys_trainer_training 1.0",
                "recsys_trainer_ratings_held 12000.0",
                "recsys_trainer_rating_bytes_held 300000.0",
                "recsys_trainer_new_ratings 250.0",
                "# TYPE recsys_trainer_bad_records_total counter",
                "recsys_trainer_bad_records_total 2.0",
                "recsys_trainer_versions_published_total 3.0",
                "recsys_trainer_versions_rejected_total 1.0",
                "recsys_trainer_model_version 3.0",
                "recsys_trainer_model_metric{name=\"val_mse\"} 0.8125",
                "recsys_trainer_model_metric{name=\"val_ndcg_at_10\"} 0.3125",
                "recsys_trainer_model_metric{name=\"blend_weight\"} 0.5");
        assertThat(text.body().lines()).anyMatch(line -> line.startsWith(
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"recsys-trainer-log\","));

        status.set(waiting(TrainerState.FAILED, "boom"));
        assertThat(StatusClient.getText(server.port(), "/metrics").body().lines()).contains("recsys_trainer_up 0.0");
    }

    @Test
    void aNewlyPublishedModelsFiguresReplaceTheLastOnes() {
        status.set(new TrainerStatus(TrainerState.WAITING, null, STATS, next(0), null, null,
                new TrainerStatus.Published(3, Map.of("val_mse", 0.8125))));
        assertThat(StatusClient.getText(server.port(), "/metrics").body().lines())
                .contains("recsys_trainer_model_metric{name=\"val_mse\"} 0.8125");

        status.set(new TrainerStatus(TrainerState.WAITING, null, STATS, next(0), null, null,
                new TrainerStatus.Published(4, Map.of("val_rmse", 0.875))));
        List<String> lines = StatusClient.getText(server.port(), "/metrics").body().lines().toList();

        assertThat(lines).contains("recsys_trainer_model_metric{name=\"val_rmse\"} 0.875");
        assertThat(lines).noneMatch(line -> line.startsWith("recsys_trainer_model_metric{name=\"val_mse\"}"));
    }

    @Test
    void closingFreesThePort() {
        int port = server.port();
        server.close();
        assertThatThrownBy(() -> StatusClient.get(port, "/health")).isInstanceOf(UncheckedIOException.class);
    }

    /** Waiting for the first model. */
    private static TrainerStatus.NextRetrain next(long newRatings) {
        return new TrainerStatus.NextRetrain(newRatings, 5000, 60, 2000, null, "full", 21_600, null, 1_000_000, null);
    }

    private static TrainerStatus waiting(TrainerState state, String error) {
        return new TrainerStatus(state, error, STATS, next(0), null,
                null, null);
    }
}
