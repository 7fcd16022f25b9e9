package dev.recsys.trainer.training;

import dev.recsys.model.History;
import dev.recsys.model.ListQuery;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelMetrics;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.PartitionOffset;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.trainer.SyntheticData;
import dev.recsys.trainer.data.RatingStore;
import dev.recsys.trainer.data.ValidationSplit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The train-judge-publish step on the real DL4J model, with the model log replaced by a list. */
class RetrainerTest {
    // two epochs of each network: the ranking network validates after its last, so its figures are defined
    private static final ModelConfig CONFIG = ModelConfig.defaults().with(Map.of("epochs", "2",
            "ranking_epochs", "2"));
    /** Narrower embeddings: a published model of CONFIG cannot warm-start it. */
    private static final ModelConfig OTHER_ARCHITECTURE = CONFIG.withEpochs(1).with(Map.of("embedding_size", "16"));
    private static final String NDCG = "ndcg_at_10";

    private static SyntheticData data;
    private static Map<Integer, Integer> genres;
    /** v1, trained once on the first half, for the tests that need a published model. */
    private static CurrentModel published;
    private static ModelUpdate v1;
    /** v2 of another architecture: trained from scratch on all the ratings, judged against v1, published. */
    private static Retrainer rebuilt;
    private static ModelUpdate rebuiltV2;
    private static PublishDecision rebuiltDecision;
    /** The ranking network's progress as the status saw it after each of v2's epochs. */
    private static final List<TrainingProgress.Ranking> rebuiltRanking = new CopyOnWriteArrayList<>();

    private final List<ModelUpdate> log = new ArrayList<>();
    private final ModelSink sink = update -> {
        log.add(update);
        return update.getPayload().remaining();
    };

    @BeforeAll
    static void trainTwoVersions(@TempDir Path dir) throws Exception {
        data = SyntheticData.generate(dir, 100, 150, 4000, 11L);
        genres = new HashMap<>();
        data.movies().forEach(m -> genres.put(m.getMovieId(), Genres.mask(m.getGenres())));
        List<ModelUpdate> updates = new ArrayList<>();
        ModelSink collect = update -> {
            updates.add(update);
            return 0;
        };
        Retrainer first = new Retrainer(CONFIG, 0, collect, null, () -> false);
        first.run(job(2000));
        published = first.current();
        v1 = updates.get(0);

        // a tolerance of 1: one epoch from scratch may be worse than v1, and these tests are about what is published
        AtomicReference<Retrainer> self = new AtomicReference<>();
        rebuilt = new Retrainer(OTHER_ARCHITECTURE, 1.0, collect, published, () -> {
            self.get().progress().ifPresent(p -> rebuiltRanking.add(p.ranking()));
            return false;
        });
        self.set(rebuilt);
        rebuiltDecision = rebuilt.run(job(4000));
        assertThat(updates).as("v2 published: %s", rebuiltDecision).hasSize(2);
        rebuiltV2 = updates.get(1);
    }

    @Test
    void theFirstVersionHasNoParent() {
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getParentVersion()).isNull();
        assertThat(v1.getMetrics()).doesNotContainKeys("parent_val_mse", "parent_val_" + NDCG);
    }

    @Test
    void thePublishedMetricsIncludeTheListsFiguresAndTheBlendWeight() {
        assertThat(v1.getMetrics()).containsKeys("val_mse", "val_accuracy", "mse_global_mean", "train_seconds",
                        "val_precision_at_10", "val_recall_at_10", "val_" + NDCG)
                .containsEntry("blend_weight", (double) published.model().blendWeight())
                .containsEntry("ranking_epochs_run", (double) CONFIG.rankingEpochs());
        assertThat(v1.getMetrics().get("val_" + NDCG)).isBetween(0.0, 1.0);
    }

    @Test
    void anotherArchitectureTrainsFromScratchButContinuesTheVersions() {
        assertThat(rebuiltV2.getVersion()).isEqualTo(2);
        assertThat(rebuiltV2.getParentVersion()).isNull();
        assertThat(rebuilt.current().version()).isEqualTo(2);
    }

    @Test
    void startsWarmOnlyFromALoadedModelOfItsArchitecture() {
        assertThat(new Retrainer(CONFIG, 0, sink, published, () -> false).canWarmStart()).isTrue();
        assertThat(new Retrainer(OTHER_ARCHITECTURE, 0, sink, published, () -> false).canWarmStart()).isFalse();
        assertThat(new Retrainer(CONFIG, 0, sink, new CurrentModel(1, null, Map.of()), () -> false).canWarmStart())
                .isFalse();
        assertThat(new Retrainer(CONFIG, 0, sink, null, () -> false).canWarmStart()).isFalse();
    }

    @Test
    void theDecisionJudgesBothModelsOnTheListsEachValidationRatingsUserHeldBeforeIt() {
        RatingStore.Snapshot slice = job(4000).data();
        Map<Integer, History> histories = History.byUser(slice.train());
        List<ListQuery> lists = slice.heldOut(Retrainer.VALIDATION_LISTS, 4000).lists();

        assertThat(lists).isNotEmpty();
        assertThat(rebuiltDecision.candidateMse())
                .isEqualTo(ModelMetrics.evaluate(rebuilt.current().model(), slice.validation(), histories).get("mse"));
        assertThat(rebuiltDecision.candidateNdcg())
                .isEqualTo(ModelMetrics.ranking(rebuilt.current().model(), lists, 10).ndcg());
        assertThat(rebuiltDecision.currentMse())
                .isEqualTo(ModelMetrics.evaluate(published.model(), slice.validation(), histories).get("mse"));
        assertThat(rebuiltDecision.currentNdcg()).isEqualTo(ModelMetrics.ranking(published.model(), lists, 10).ndcg());
    }

    @Test
    void theNextVersionsMetricsCarryItsParentsFiguresOnTheSameSlice() {
        assertThat(rebuiltV2.getMetrics()).containsEntry("val_mse", rebuiltDecision.candidateMse())
                .containsEntry("val_" + NDCG, rebuiltDecision.candidateNdcg())
                .containsEntry("parent_val_mse", rebuiltDecision.currentMse())
                .containsEntry("parent_val_" + NDCG, rebuiltDecision.currentNdcg());
    }

    @Test
    void whatIsPublishedLoadsBackIntoTheModelThatWasJudged() throws Exception {
        HybridModel judged = rebuilt.current().model();
        HybridModel loaded = ModelCodec.fromUpdate(rebuiltV2);
        RatingStore.Snapshot slice = job(4000).data();
        Map<Integer, History> histories = History.byUser(slice.train());

        assertThat(loaded.movies().rawIds()).isEqualTo(judged.movies().rawIds());
        assertThat(loaded.blendWeight()).isEqualTo(judged.blendWeight());
        assertThat(loaded.recency()).isEqualTo(judged.recency());
        assertThat(ModelMetrics.withRanking(loaded, slice.validation(), histories, 10))
                .isEqualTo(ModelMetrics.withRanking(judged, slice.validation(), histories, 10));
    }

    @Test
    void showsTheRankingNetworksEpochsWhileItTrains() {
        // the cancel check runs after each network's epoch: it looks from outside
        assertThat(rebuiltRanking).isNotEmpty()
                .allSatisfy(r -> assertThat(r.maxEpochs()).isEqualTo(CONFIG.rankingEpochs()));
        assertThat(rebuiltRanking).extracting(TrainingProgress.Ranking::epoch).contains(1, 2);
        // it validates after its last epoch only (every fifth otherwise): no best figure before
        assertThat(rebuiltRanking).filteredOn(r -> r.epoch() == 1).allSatisfy(r -> {
            assertThat(r.trainLoss()).isPositive();
            assertThat(r.bestValidationNdcg()).isNull();
        });
        assertThat(rebuiltRanking).filteredOn(r -> r.epoch() == 2).allSatisfy(r ->
                assertThat(r.bestValidationNdcg()).isBetween(0.0, 1.0));
    }

    @Test
    void warmStartsFromThePublishedModelAndPublishesTheNextVersion() throws Exception {
        Retrainer retrainer = new Retrainer(CONFIG, 0, sink, published, () -> false);
        PublishDecision decision = retrainer.run(job(4000));

        assertThat(decision.publish()).isTrue();
        ModelUpdate v2 = log.get(0);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getParentVersion()).isEqualTo(1L);
        assertThat(v2.getRatingsSeen()).isEqualTo(4000);
        assertThat(v2.getTrainedThrough()).containsExactly(new PartitionOffset("ratings", 0, 4000L));
        assertThat(retrainer.current().version()).isEqualTo(2);
        assertThat(retrainer.published()).isEqualTo(1);
        // at a tolerance of 0, published means ratings predicted no worse, and lists no worse beyond the noise of
        // the slice's per-user differences (PublishDecisionTest)
        assertThat(decision.candidateMse()).isLessThanOrEqualTo(decision.currentMse());
        assertThat(decision.reason()).isEqualTo("not worse than the published model");
    }

    @Test
    void anIncrementalRetrainWarmStartsOnTheSmallerSampleAndStopsAtItsBudget() throws Exception {
        RatingStore.Snapshot sample = store(4000).snapshot(1500, 7);
        Duration budget = Duration.ofNanos(1);   // spent by the end of every network's first epoch
        TrainingJob job = new TrainingJob(sample, genres, List.of(new PartitionOffset("ratings", 0, 4000L)),
                RetrainTrigger.Reason.NEW_RATINGS, RetrainTrigger.Kind.INCREMENTAL, budget, 500, Instant.now());
        AtomicReference<Retrainer> self = new AtomicReference<>();
        List<TrainingProgress> seen = new CopyOnWriteArrayList<>();
        // a tolerance of 1: what a single epoch makes of v1 on another slice may judge worse, this is about the budget
        Retrainer retrainer = new Retrainer(CONFIG, 1.0, sink, published, () -> {
            self.get().progress().ifPresent(seen::add);
            return false;
        });
        self.set(retrainer);

        assertThat(retrainer.run(job).publish()).isTrue();

        ModelUpdate v2 = log.get(0);
        assertThat(v2.getParentVersion()).isEqualTo(1L);
        assertThat(v2.getRatingsSeen()).isEqualTo(4000);
        assertThat(v2.getMetrics()).containsEntry("incremental", 1.0)
                .containsEntry("train_budget_seconds", 1e-9)
                .containsEntry("train_ratings", (double) sample.train().size())
                .containsEntry("epochs_run", 1.0)
                .containsEntry("ranking_epochs_run", 1.0)
                .containsKey("val_ndcg_at_10");
        assertThat(sample.train().size()).isLessThanOrEqualTo(1500);
        HybridModel incremental = ModelCodec.fromUpdate(v2);
        assertThat(incremental.blendWeight()).as("the lists as v1 made them").isEqualTo(published.model().blendWeight());
        assertThat(incremental.recency()).isEqualTo(published.model().recency());
        assertThat(seen).isNotEmpty().allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo("incremental");
            assertThat(p.budgetSeconds()).isEqualTo(1e-9);
            assertThat(p.trainRatings()).isEqualTo(sample.train().size());
            assertThat(p.ratingsHeld()).isEqualTo(4000);
        });
        assertThat(seen).anySatisfy(p -> assertThat(p.budgetSpent()).isTrue());
    }

    @Test
    void aWorseModelIsNeitherPublishedNorKept() throws Exception {
        // Adam at a learning rate of 5 wrecks the warm-started weights
        Retrainer reckless = new Retrainer(CONFIG.with(Map.of("learning_rate", "5")), 0, sink, published,
                () -> false);
        PublishDecision decision = reckless.run(job(4000));

        assertThat(decision.publish()).isFalse();
        assertThat(decision.currentMse()).isFinite();
        assertThat(decision.candidateMse()).isGreaterThan(decision.currentMse());
        assertThat(log).isEmpty();
        assertThat(reckless.current()).isSameAs(published);
        assertThat(reckless.rejected()).isEqualTo(1);
    }

    @Test
    void aFailedSendTakesNoVersion() throws Exception {
        ModelSink down = update -> {
            throw new ModelSink.PublishException("broker down", null);
        };
        Retrainer retrainer = new Retrainer(CONFIG.withEpochs(1), 0, down, published, () -> false);
        assertThatThrownBy(() -> retrainer.run(job(4000))).isInstanceOf(ModelSink.PublishException.class);
        assertThat(retrainer.current()).isSameAs(published);
        assertThat(retrainer.published()).isZero();
    }

    @Test
    void closingStopsTheTrainingAfterTheCurrentEpoch() {
        Retrainer retrainer = new Retrainer(CONFIG, 0, sink, published, () -> true);
        assertThatThrownBy(() -> retrainer.run(job(4000))).isInstanceOf(TrainingCancelledException.class);
        assertThat(log).isEmpty();
        assertThat(retrainer.current()).isSameAs(published);
    }

    @Test
    void showsWhereTheRetrainIsWhileItRunsAndNothingAfter() throws Exception {
        // the cancel check runs after each network's epoch and the sink while publishing: both look from outside
        AtomicReference<Retrainer> self = new AtomicReference<>();
        List<TrainingProgress> seen = new CopyOnWriteArrayList<>();
        ModelSink watching = update -> {
            seen.add(self.get().progress().orElseThrow());
            return sink.publish(update);
        };
        Retrainer retrainer = new Retrainer(CONFIG, 0, watching, published, () -> {
            self.get().progress().ifPresent(seen::add);
            return false;
        });
        self.set(retrainer);
        assertThat(retrainer.progress()).isEmpty();

        retrainer.run(job(4000));

        assertThat(seen).hasSize(CONFIG.members() * CONFIG.epochs() + CONFIG.rankingEpochs() + 1).allSatisfy(p -> {
            assertThat(p.candidateVersion()).isEqualTo(2);
            assertThat(p.warmStartVersion()).isEqualTo(1L);
            assertThat(p.reason()).isEqualTo("new ratings");
            assertThat(p.kind()).isEqualTo("full");
            assertThat(p.budgetSeconds()).isNull();
            assertThat(p.maxEpochs()).isEqualTo(CONFIG.epochs());
            assertThat(p.trainRatings() + p.validationRatings()).isEqualTo(4000);
            assertThat(p.members()).extracting(TrainingProgress.Member::member).containsExactly(1, 2);
        });
        // the networks train side by side: which epoch comes first is up to the threads
        assertThat(seen).filteredOn(p -> p.phase().equals("training")).anySatisfy(p ->
                assertThat(p.members()).anySatisfy(m -> {
                    assertThat(m.epoch()).isEqualTo(1);
                    assertThat(m.trainLoss()).isPositive();
                    assertThat(m.validationLoss()).isPositive();
                }));
        TrainingProgress last = seen.get(seen.size() - 1);
        assertThat(last.phase()).isEqualTo("publishing");
        assertThat(last.members()).allSatisfy(m -> assertThat(m.epoch()).isEqualTo(CONFIG.epochs()));
        assertThat(last.ranking().epoch()).isEqualTo(CONFIG.rankingEpochs());
        assertThat(retrainer.progress()).isEmpty();
    }

    /** A full retrain on the first n synthetic ratings, split as the service splits them. */
    private static TrainingJob job(int n) {
        return new TrainingJob(store(n).snapshot(), genres, List.of(new PartitionOffset("ratings", 0, (long) n)),
                RetrainTrigger.Reason.NEW_RATINGS, RetrainTrigger.Kind.FULL, Duration.ZERO, n, Instant.now());
    }

    private static RatingStore store(int n) {
        RatingStore store = new RatingStore(new ValidationSplit(0.15, 42));
        for (RatingEvent e : data.ratings().subList(0, n)) {
            store.add(e.getUserId(), e.getMovieId(), e.getRating());
        }
        return store;
    }
}
