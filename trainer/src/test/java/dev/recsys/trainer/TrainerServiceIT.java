package dev.recsys.trainer;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.model.FastScorer;
import dev.recsys.model.GenreFeatures;
import dev.recsys.model.History;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.PartitionOffset;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.trainer.training.PublishDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trainer against a real broker, training the real DL4J model on a small synthetic MovieLens: the first model
 * after N ratings, the next after N more, a worse model refused, and the version line continued across restarts.
 */
@WithKafka
class TrainerServiceIT {
    private static final String SCOPE = "TrainerServiceIT";
    private static final int USERS = 200;
    private static final int MOVIES = 300;
    /** Ratings per round: the minimum for the first model and the count that triggers each retrain. */
    private static final int N = 2000;
    private static final Duration TRAINING = Duration.ofSeconds(90);
    private static final String NDCG = "ndcg_at_10";
    private static final double TOLERANCE = 0.05;

    private static List<RatingEvent> ratings;
    private static List<Movie> movies;

    @BeforeAll
    static void data(KafkaBroker broker, @TempDir Path dir) throws IOException {
        SyntheticData data = SyntheticData.generate(dir, USERS, MOVIES, 3 * N, 7L);
        movies = data.movies();
        ratings = data.ratings();
        broker.createTopic(Topics.RATINGS, 3);
        broker.createTopic(Topics.spec(Topics.MOVIES));
    }

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void publishesVersionsAsRatingsArriveRefusesAWorseModelAndContinuesAfterRestarts(KafkaBroker broker)
            throws Exception {
        List<String> args = List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", "mock://" + SCOPE,
                "--min-ratings", Integer.toString(N),
                "--retrain-every-ratings", Integer.toString(N),
                // only counts trigger here, so each round trains exactly once
                "--retrain-interval", "PT1H",
                "--epochs", "3",
                // the ranking network validates after its fifth and last epoch: figures to judge, in little time
                "--model-param", "ranking_epochs=5",
                // NDCG@10 on ~900 held-out ratings moves by a few percent between equally good models (at 0, a v3
                // that predicted better was once refused for ranking 2% lower): the scenario must not hang on noise
                "--publish-tolerance", Double.toString(TOLERANCE),
                "--validation-fraction", "0.15",
                "--http-host", "127.0.0.1",
                "--http-port", "0");
        TrainerConfig config = TrainerConfig.parse(args.toArray(String[]::new));
        int lateMovie = mostRated(ratings.subList(0, N));

        try (LogFixture log = new LogFixture(broker.bootstrapServers(), "mock://" + SCOPE)) {
            // round 1: the catalogue without one movie, N ratings and a record that is no rating at all
            log.sendMovies(movies.stream().filter(m -> m.getMovieId() != lateMovie).toList());
            log.sendRatings(ratings.subList(0, N / 2));
            log.sendGarbageRating(0);
            log.sendRatings(ratings.subList(N / 2, N));

            ModelUpdate v1;
            ModelUpdate v2;
            try (TrainerService trainer = new TrainerService(config)) {
                trainer.start();
                v1 = awaitVersion(log, 1);
                assertThat(v1.getParentVersion()).isNull();
                assertThat(v1.getRatingsSeen()).isEqualTo(N);
                assertThat(offsets(v1)).isEqualTo(log.endOffsets(Topics.RATINGS));
                assertThat(trainer.stats().badRecords()).isEqualTo(1);
                assertThat(trainer.stats().ratingsHeld()).isEqualTo(N);
                // rated before its catalogue record came: trained as UNKNOWN
                assertThat(maskOf(v1, lateMovie)).isEqualTo(GenreFeatures.UNKNOWN_MASK);
                assertThat(v1.getMetrics()).containsKeys("val_mse", "val_accuracy", "mse_global_mean",
                        "val_" + NDCG, "blend_weight");
                // what serving does with it: a user read from their ratings, a rating predicted, a list made
                HybridModel model = ModelCodec.fromUpdate(v1);
                RatingEvent rated = ratings.get(0);
                History history = History.byUser(RatingData.from(ratings.subList(0, N))).get(rated.getUserId());
                assertThat(model.predict(RatingData.from(List.of(rated)), Map.of(rated.getUserId(), history))[0])
                        .isBetween(0.5f, 5f);
                assertThat(FastScorer.of(model).recommend(history, 10).size()).isEqualTo(10);

                // what a person sees without the logs: GET /status and /health
                await("the status to show v1").atMost(TRAINING).until(() ->
                        StatusClient.get(trainer.httpPort(), "/status").body().path("published").path("version")
                                .asLong() == 1);
                StatusClient.Response status = StatusClient.get(trainer.httpPort(), "/status");
                assertThat(status.code()).isEqualTo(200);
                assertThat(status.body().path("state").asText()).isIn("waiting", "training");
                assertThat(status.body().path("stats").path("ratingsHeld").asLong()).isEqualTo(N);
                assertThat(status.body().path("stats").path("badRecords").asLong()).isEqualTo(1);
                assertThat(status.body().path("lastDecision").path("publish").asBoolean()).isTrue();
                assertThat(status.body().path("lastDecision").path("reason").asText())
                        .isEqualTo("no published model to compare with");
                assertThat(status.body().path("lastDecision").path("candidateNdcg").asDouble())
                        .isEqualTo(v1.getMetrics().get("val_" + NDCG));
                assertThat(status.body().path("lastDecision").path("currentNdcg").isNull()).isTrue();
                assertThat(status.body().path("published").path("metrics").path("val_mse").asDouble())
                        .isEqualTo(v1.getMetrics().get("val_mse"));
                assertThat(status.body().path("published").path("metrics").path("val_" + NDCG).asDouble())
                        .isEqualTo(v1.getMetrics().get("val_" + NDCG));
                assertThat(status.body().path("next").path("everyRatings").asLong()).isEqualTo(N);
                assertThat(StatusClient.get(trainer.httpPort(), "/health").code()).isEqualTo(200);
                StatusClient.Text metrics = StatusClient.getText(trainer.httpPort(), "/metrics");
                assertThat(metrics.code()).isEqualTo(200);
                assertThat(metrics.body().lines()).contains("recsys_trainer_model_version 1.0",
                        "recsys_trainer_ratings_held " + N + ".0", "recsys_trainer_bad_records_total 1.0");
                assertThat(metrics.body().lines()
                        .filter(line -> line.startsWith("recsys_trainer_model_metric{name=\"val_" + NDCG + "\"} "))
                        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                        .containsExactly(v1.getMetrics().get("val_" + NDCG));
                // the real clients' metrics: the log reader's lag, none on any ratings partition once all is read,
                // and the publisher's sends
                assertThat(metrics.body().lines()
                        .filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag{")
                                && line.contains("client_id=\"recsys-trainer-log\"")
                                && line.contains("topic=\"" + Topics.RATINGS + "\""))
                        .map(line -> line.substring(line.lastIndexOf(' ') + 1)))
                        .isNotEmpty().containsOnly("0.0");
                assertThat(metrics.body().lines())
                        .anyMatch(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{"))
                        .anyMatch(line -> line.matches("kafka_producer_record_send_total\\{.*} [1-9][0-9]*\\.0"));

                // round 2: the late movie's record, then N more ratings
                log.sendMovies(movies.stream().filter(m -> m.getMovieId() == lateMovie).toList());
                log.sendRatings(ratings.subList(N, 2 * N));
                v2 = awaitVersion(log, 2);
                assertThat(v2.getParentVersion()).isEqualTo(1L);
                assertThat(v2.getRatingsSeen()).isEqualTo(2L * N);
                assertThat(offsets(v2)).isEqualTo(log.endOffsets(Topics.RATINGS));
                assertThat(maskOf(v2, lateMovie)).isEqualTo(Genres.mask(movie(lateMovie).getGenres()));
                // published: not worse than v1 beyond the tolerance on the same (v2's) validation slice
                assertThat(v2.getMetrics()).containsKeys("parent_val_mse", "parent_val_" + NDCG);
                assertThat(v2.getMetrics().get("val_mse"))
                        .isLessThanOrEqualTo(v2.getMetrics().get("parent_val_mse") * (1 + TOLERANCE));
                assertThat(v2.getMetrics().get("val_" + NDCG))
                        .isGreaterThanOrEqualTo(v2.getMetrics().get("parent_val_" + NDCG) * (1 - TOLERANCE));
                assertThat(trainer.stats().versionsPublished()).isEqualTo(2);
            }

            // a restart that trains badly: the decision is taken on the numbers and the bad model stays unpublished
            List<String> recklessArgs = new ArrayList<>(args);
            recklessArgs.addAll(List.of("--model-param", "learning_rate=5.0"));
            TrainerConfig reckless = TrainerConfig.parse(recklessArgs.toArray(String[]::new));
            try (TrainerService trainer = new TrainerService(reckless)) {
                trainer.start();
                await("the restarted trainer to read the log").atMost(TRAINING).until(() ->
                        trainer.stats().caughtUp() && trainer.stats().ratingsHeld() == 2L * N);
                assertThat(trainer.stats().currentVersion()).isEqualTo(2);
                log.sendRatings(ratings.subList(2 * N, 3 * N));
                await("the reckless model to be judged").atMost(TRAINING)
                        .until(() -> trainer.stats().versionsRejected() == 1);
                PublishDecision decision = trainer.lastDecision().orElseThrow();
                assertThat(decision.publish()).isFalse();
                assertThat(decision.currentMse()).isFinite()
                        // v2 was scored again on the grown slice, not compared by its old figure
                        .isNotEqualTo(v2.getMetrics().get("val_mse"));
                assertThat(decision.candidateMse()).isGreaterThan(decision.currentMse());
                assertThat(trainer.stats().versionsPublished()).isZero();
                assertThat(trainer.stats().currentVersion()).isEqualTo(2);
                StatusClient.Response status = StatusClient.get(trainer.httpPort(), "/status");
                assertThat(status.body().path("lastDecision").path("publish").asBoolean()).isFalse();
                assertThat(status.body().path("lastDecision").path("currentMse").asDouble())
                        .isEqualTo(decision.currentMse());
                assertThat(status.body().path("lastDecision").path("candidateNdcg").asDouble())
                        .isEqualTo(decision.candidateNdcg());
                assertThat(status.body().path("lastDecision").path("currentNdcg").asDouble())
                        .isEqualTo(decision.currentNdcg());
                assertThat(status.body().path("stats").path("versionsRejected").asLong()).isEqualTo(1);
                assertThat(status.body().path("published").path("version").asLong()).isEqualTo(2);
            }
            assertThat(log.modelUpdates()).extracting(ModelUpdate::getVersion).containsExactly(1L, 2L);

            // another restart, trained well: the N ratings since v2 are new to it, so it retrains at once as v3
            try (TrainerService trainer = new TrainerService(config)) {
                trainer.start();
                ModelUpdate v3 = awaitVersion(log, 3);
                assertThat(v3.getParentVersion()).isEqualTo(2L);
                assertThat(v3.getRatingsSeen()).isEqualTo(3L * N);
                assertThat(offsets(v3)).isEqualTo(log.endOffsets(Topics.RATINGS));
                assertThat(v3.getMetrics().get("val_mse")).isLessThan(v3.getMetrics().get("mse_global_mean"));
            }
        }
    }

    private static ModelUpdate awaitVersion(LogFixture log, long version) {
        await("model version " + version).atMost(TRAINING).until(() ->
                log.modelUpdates().stream().anyMatch(u -> u.getVersion() == version));
        List<ModelUpdate> updates = log.modelUpdates();
        assertThat(updates).extracting(ModelUpdate::getVersion).doesNotHaveDuplicates().isSorted();
        return updates.stream().filter(u -> u.getVersion() == version).findFirst().orElseThrow();
    }

    private static Map<Integer, Long> offsets(ModelUpdate update) {
        Map<Integer, Long> offsets = new HashMap<>();
        for (PartitionOffset p : update.getTrainedThrough()) {
            assertThat(p.getTopic()).isEqualTo(Topics.RATINGS);
            offsets.put(p.getPartition(), p.getOffset());
        }
        return offsets;
    }

    private static int maskOf(ModelUpdate update, int movieId) {
        int row = update.getMovieIds().indexOf(movieId);
        assertThat(row).as("movie %s in the model", movieId).isNotNegative();
        return update.getMovieGenreMasks().get(row);
    }

    private static Movie movie(int movieId) {
        return movies.stream().filter(m -> m.getMovieId() == movieId).findFirst().orElseThrow();
    }

    private static int mostRated(List<RatingEvent> events) {
        return events.stream().collect(Collectors.groupingBy(RatingEvent::getMovieId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
