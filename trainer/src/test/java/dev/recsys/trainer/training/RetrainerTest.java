package dev.recsys.trainer.training;

import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
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
    private static final ModelConfig CONFIG = ModelConfig.defaults().withEpochs(2);

    private static SyntheticData data;
    private static Map<Integer, Integer> genres;
    /** v1, trained once on the first half, for the tests that need a published model. */
    private static CurrentModel published;

    private final List<ModelUpdate> log = new ArrayList<>();
    private final ModelSink sink = update -> {
        log.add(update);
        return update.getPayload().remaining();
    };

    @BeforeAll
    static void trainFirstVersion(@TempDir Path dir) throws Exception {
        data = SyntheticData.generate(dir, 100, 150, 4000, 11L);
        genres = new HashMap<>();
        data.movies().forEach(m -> genres.put(m.getMovieId(), Genres.mask(m.getGenres())));
        List<ModelUpdate> first = new ArrayList<>();
        Retrainer retrainer = new Retrainer(CONFIG, 0, update -> {
            first.add(update);
            return 0;
        }, null, () -> false);
        retrainer.run(job(2000));
        published = retrainer.current();
        assertThat(first).singleElement().satisfies(v1 -> {
            assertThat(v1.getVersion()).isEqualTo(1);
            assertThat(v1.getParentVersion()).isNull();
        });
    }

    @Test
    void warmStartsFromThePublishedModelAndPublishesTheNextVersion() throws Exception {
        Retrainer retrainer = new Retrainer(CONFIG, 0, sink, published, () -> false);
        PublishDecision decision = retrainer.run(job(4000));

        assertThat(decision.publish()).isTrue();
        assertThat(decision.candidateMse()).isLessThanOrEqualTo(decision.currentMse());
        ModelUpdate v2 = log.get(0);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getParentVersion()).isEqualTo(1L);
        assertThat(v2.getRatingsSeen()).isEqualTo(4000);
        assertThat(v2.getTrainedThrough()).containsExactly(new PartitionOffset("ratings", 0, 4000L));
        assertThat(v2.getMetrics()).containsEntry("val_mse", decision.candidateMse())
                .containsEntry("parent_val_mse", decision.currentMse())
                .containsKeys("val_accuracy", "mse_global_mean", "train_seconds");
        // what is published loads back into the model that was judged
        assertThat(ModelCodec.fromUpdate(v2).users().size()).isEqualTo(retrainer.current().model().users().size());
        assertThat(retrainer.current().version()).isEqualTo(2);
        assertThat(retrainer.published()).isEqualTo(1);
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
    void anotherArchitectureTrainsFromScratchButContinuesTheVersions() throws Exception {
        Retrainer retrainer = new Retrainer(CONFIG.withEpochs(1).with(Map.of("embedding_size", "16")), 1.0, sink, published,
                () -> false);
        retrainer.run(job(4000));
        assertThat(log).singleElement().satisfies(update -> {
            assertThat(update.getVersion()).isEqualTo(2);
            assertThat(update.getParentVersion()).isNull();
        });
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
        // the cancel check runs after each member's epoch and the sink while publishing: both look from outside
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

        assertThat(seen).hasSize(CONFIG.members() * CONFIG.epochs() + 1).allSatisfy(p -> {
            assertThat(p.candidateVersion()).isEqualTo(2);
            assertThat(p.warmStartVersion()).isEqualTo(1L);
            assertThat(p.reason()).isEqualTo("new ratings");
            assertThat(p.maxEpochs()).isEqualTo(CONFIG.epochs());
            assertThat(p.trainRatings() + p.validationRatings()).isEqualTo(4000);
            assertThat(p.members()).extracting(TrainingProgress.Member::member).containsExactly(1, 2);
        });
        TrainingProgress first = seen.get(0);
        assertThat(first.phase()).isEqualTo("training");
        assertThat(first.members()).anySatisfy(m -> {
            assertThat(m.epoch()).isEqualTo(1);
            assertThat(m.trainLoss()).isPositive();
            assertThat(m.validationLoss()).isPositive();
        });
        TrainingProgress last = seen.get(seen.size() - 1);
        assertThat(last.phase()).isEqualTo("publishing");
        assertThat(last.members()).allSatisfy(m -> assertThat(m.epoch()).isEqualTo(CONFIG.epochs()));
        assertThat(retrainer.progress()).isEmpty();
    }

    /** The first n synthetic ratings, split as the service splits them. */
    private static TrainingJob job(int n) {
        RatingStore store = new RatingStore(new ValidationSplit(0.15, 42));
        for (RatingEvent e : data.ratings().subList(0, n)) {
            store.add(e.getUserId(), e.getMovieId(), e.getRating());
        }
        return new TrainingJob(store.snapshot(), genres, null, List.of(new PartitionOffset("ratings", 0, (long) n)),
                RetrainTrigger.Reason.NEW_RATINGS, n, Instant.now());
    }
}
