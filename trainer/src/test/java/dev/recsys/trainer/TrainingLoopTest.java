package dev.recsys.trainer;

import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.PartitionOffset;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.trainer.data.RatingStore;
import dev.recsys.trainer.data.ValidationSplit;
import dev.recsys.trainer.training.JobRunner;
import dev.recsys.trainer.training.RetrainLimits;
import dev.recsys.trainer.training.RetrainTrigger;
import dev.recsys.trainer.training.TrainingJob;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingLoopTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    /** Records the jobs it is given; busy when told so; has a model to start from once it was given a job. */
    private static final class RecordingRunner implements JobRunner {
        final List<TrainingJob> jobs = new ArrayList<>();
        boolean busy;
        boolean modelLoads = true;

        @Override
        public boolean busy() {
            return busy;
        }

        @Override
        public boolean canWarmStart() {
            return modelLoads && !jobs.isEmpty();
        }

        @Override
        public boolean submit(TrainingJob job) {
            if (busy) {
                return false;
            }
            jobs.add(job);
            return true;
        }
    }

    private final RecordingRunner runner = new RecordingRunner();

    @Test
    void ratingsBeforeTheModelsTrainedThroughAreNotNew() {
        TrainingLoop loop = loop(Map.of(0, 10L, 1, 3L), NOW);
        feed(loop, 0, 0, 20);
        feed(loop, 1, 0, 5);
        assertThat(loop.ratingsHeld()).isEqualTo(25);
        assertThat(loop.newRatings()).isEqualTo(10 + 2);
    }

    @Test
    void waitsUntilTheLogIsReadBeforeTraining() {
        TrainingLoop loop = loop(Map.of(), null);
        feed(loop, 0, 0, 10);
        loop.maybeRetrain(false, () -> Map.of(0, 10L), NOW);
        assertThat(runner.jobs).isEmpty();
        loop.maybeRetrain(true, () -> Map.of(0, 10L), NOW);
        assertThat(runner.jobs).hasSize(1);
    }

    @Test
    void aJobCarriesTheDataAndPositionsAndResetsTheCount() {
        TrainingLoop loop = loop(Map.of(), null);
        loop.movie(1, movie(1, Genre.COMEDY, Genre.DRAMA));
        feed(loop, 0, 0, 6);
        feed(loop, 2, 0, 4);
        loop.maybeRetrain(true, () -> Map.of(2, 4L, 0, 6L, 1, 0L), NOW);

        TrainingJob job = runner.jobs.get(0);
        assertThat(job.reason()).isEqualTo(RetrainTrigger.Reason.FIRST_MODEL);
        assertThat(job.ratingsSeen()).isEqualTo(10);
        assertThat(job.data().train().size() + job.data().validation().size()).isEqualTo(10);
        assertThat(job.through()).containsExactly(new PartitionOffset("ratings", 0, 6L),
                new PartitionOffset("ratings", 1, 0L), new PartitionOffset("ratings", 2, 4L));
        assertThat(job.genreMasks()).containsEntry(1, Genres.mask(List.of(Genre.COMEDY, Genre.DRAMA)));
        assertThat(loop.newRatings()).isZero();

        // the next ratings count from the positions the job ran to
        feed(loop, 0, 6, 5);
        assertThat(loop.newRatings()).isEqualTo(5);
        loop.maybeRetrain(true, () -> Map.of(0, 11L, 1, 0L, 2, 4L), NOW.plusSeconds(1));
        assertThat(runner.jobs).hasSize(2);
        assertThat(runner.jobs.get(1).reason()).isEqualTo(RetrainTrigger.Reason.NEW_RATINGS);
    }

    @Test
    void aBusyRunnerKeepsTheCountForLater() {
        TrainingLoop loop = loop(Map.of(), NOW);
        feed(loop, 0, 0, 5);
        runner.busy = true;
        loop.maybeRetrain(true, () -> Map.of(0, 5L), NOW);
        assertThat(runner.jobs).isEmpty();
        assertThat(loop.newRatings()).isEqualTo(5);
        runner.busy = false;
        loop.maybeRetrain(true, () -> Map.of(0, 5L), NOW);
        assertThat(runner.jobs).hasSize(1);
    }

    @Test
    void unusableRatingsAreSkippedAndCounted() {
        TrainingLoop loop = loop(Map.of(), null);
        loop.rating(0, 0, rating(1, 1, 9.5f));
        loop.rating(0, 1, rating(1, 2, Float.NaN));
        loop.rating(0, 2, rating(-3, 2, 4f));
        loop.rating(0, 3, rating(1, 3, 4f));
        assertThat(loop.badRecords()).isEqualTo(3);
        assertThat(loop.ratingsHeld()).isEqualTo(1);
        assertThat(loop.newRatings()).isEqualTo(1);
    }

    @Test
    void aTombstoneRemovesTheMoviesGenres() {
        TrainingLoop loop = loop(Map.of(), null);
        loop.movie(7, movie(7, Genre.WAR));
        loop.movie(7, null);
        feed(loop, 0, 0, 5);
        loop.maybeRetrain(true, () -> Map.of(0, 5L), NOW);
        assertThat(runner.jobs.get(0).genreMasks()).doesNotContainKey(7);
        assertThat(loop.moviesKnown()).isZero();
    }

    @Test
    void pastItsLimitAJobTrainsOnASampleButCountsEveryRatingSeen() {
        TrainingLoop loop = new TrainingLoop("ratings", new RatingStore(new ValidationSplit(0.0, 42)),
                new RetrainTrigger(5, Duration.ofHours(1), 5, Duration.ofHours(6)),
                new RetrainLimits(50, Duration.ZERO, 50, Duration.ZERO), runner, Map.of(), null);
        for (int i = 0; i < 200; i++) {
            loop.rating(0, i, rating(i % 20, i, 4f));   // 20 users of 10 ratings
        }
        loop.maybeRetrain(true, () -> Map.of(0, 200L), NOW);

        TrainingJob job = runner.jobs.get(0);
        assertThat(job.ratingsSeen()).isEqualTo(200);
        assertThat(job.data().train().size()).isEqualTo(50);
        assertThat(job.data().users()).isEqualTo(5);
        assertThat(job.data().sampled()).isTrue();
    }

    @Test
    void afterTheFirstModelARetrainIsIncrementalOnTheSmallerSampleOfTheLatestUsersWithinItsBudget() {
        TrainingLoop loop = sampling();
        for (int i = 0; i < 200; i++) {
            loop.rating(0, i, rating(i % 20, i, 4f));   // users 0-19, 10 ratings each
        }
        loop.maybeRetrain(true, () -> Map.of(0, 200L), NOW);
        for (int i = 0; i < 20; i++) {
            loop.rating(0, 200 + i, rating(100 + i % 2, 1000 + i, 3f));   // users 100 and 101 arrive
        }
        loop.maybeRetrain(true, () -> Map.of(0, 220L), NOW.plusSeconds(60));

        TrainingJob first = runner.jobs.get(0);
        assertThat(first.kind()).isEqualTo(RetrainTrigger.Kind.FULL);
        assertThat(first.reason()).isEqualTo(RetrainTrigger.Reason.FIRST_MODEL);
        assertThat(first.budget()).isZero();
        assertThat(first.data().train().size()).isEqualTo(100);
        TrainingJob next = runner.jobs.get(1);
        assertThat(next.kind()).isEqualTo(RetrainTrigger.Kind.INCREMENTAL);
        assertThat(next.budget()).isEqualTo(Duration.ofSeconds(60));
        assertThat(next.ratingsSeen()).isEqualTo(220);
        assertThat(next.data().train().size()).isEqualTo(30);
        assertThat(userIds(next)).contains(100, 101).hasSize(3);
        assertThat(loop.lastFullTraining()).isEqualTo(NOW);
    }

    @Test
    void aFullRetrainComesOnItsOwnClockAndRestartsIt() {
        TrainingLoop loop = sampling();
        Instant sixHours = NOW.plus(Duration.ofHours(6));
        feed(loop, 0, 0, 10);
        loop.maybeRetrain(true, () -> Map.of(0, 10L), NOW);
        feed(loop, 0, 10, 10);
        loop.maybeRetrain(true, () -> Map.of(0, 20L), sixHours.minusSeconds(60));
        assertThat(loop.nextKind(sixHours.minusSeconds(1))).isEqualTo(RetrainTrigger.Kind.INCREMENTAL);
        assertThat(loop.nextKind(sixHours)).isEqualTo(RetrainTrigger.Kind.FULL);
        // one new rating: neither the count nor the hour's interval is due, the full retrain is
        feed(loop, 0, 20, 1);
        loop.maybeRetrain(true, () -> Map.of(0, 21L), sixHours);
        feed(loop, 0, 21, 10);
        loop.maybeRetrain(true, () -> Map.of(0, 31L), sixHours.plusSeconds(60));

        assertThat(runner.jobs).extracting(TrainingJob::kind).containsExactly(RetrainTrigger.Kind.FULL,
                RetrainTrigger.Kind.INCREMENTAL, RetrainTrigger.Kind.FULL, RetrainTrigger.Kind.INCREMENTAL);
        assertThat(runner.jobs.get(2).reason()).isEqualTo(RetrainTrigger.Reason.FULL_INTERVAL);
        assertThat(runner.jobs.get(2).data().train().size()).isEqualTo(21);
        assertThat(loop.lastFullTraining()).isEqualTo(sixHours);
    }

    @Test
    void withoutAModelToStartFromARetrainIsFull() {
        TrainingLoop loop = sampling();
        runner.modelLoads = false;
        feed(loop, 0, 0, 10);
        loop.maybeRetrain(true, () -> Map.of(0, 10L), NOW);
        feed(loop, 0, 10, 10);
        assertThat(loop.nextKind(NOW.plusSeconds(60))).isEqualTo(RetrainTrigger.Kind.FULL);
        loop.maybeRetrain(true, () -> Map.of(0, 20L), NOW.plusSeconds(60));

        assertThat(runner.jobs).extracting(TrainingJob::kind).containsOnly(RetrainTrigger.Kind.FULL);
        assertThat(runner.jobs.get(1).reason()).isEqualTo(RetrainTrigger.Reason.NEW_RATINGS);
        assertThat(runner.jobs.get(1).budget()).isZero();
    }

    /** Full retrains on up to 100 training ratings, every 6 hours; incremental ones on 30 within a minute. */
    private TrainingLoop sampling() {
        return new TrainingLoop("ratings", new RatingStore(new ValidationSplit(0.0, 42)),
                new RetrainTrigger(5, Duration.ofHours(1), 5, Duration.ofHours(6)),
                new RetrainLimits(100, Duration.ZERO, 30, Duration.ofSeconds(60)), runner, Map.of(), null);
    }

    private static Set<Integer> userIds(TrainingJob job) {
        Set<Integer> users = new HashSet<>();
        for (int i = 0; i < job.data().train().size(); i++) {
            users.add(job.data().train().userId(i));
        }
        return users;
    }

    private TrainingLoop loop(Map<Integer, Long> trainedThrough, Instant lastTraining) {
        return new TrainingLoop("ratings", new RatingStore(new ValidationSplit(0.2, 42)),
                new RetrainTrigger(5, Duration.ofHours(1), 5, Duration.ofHours(6)), RetrainLimits.NONE, runner,
                trainedThrough, lastTraining);
    }

    private static void feed(TrainingLoop loop, int partition, long fromOffset, int count) {
        for (int i = 0; i < count; i++) {
            long offset = fromOffset + i;
            loop.rating(partition, offset, rating(partition * 1000 + (int) offset, 1 + i, 1 + i % 5));
        }
    }

    private static RatingEvent rating(int user, int movie, float stars) {
        return new RatingEvent(user, movie, stars, NOW, "test", 0L);
    }

    private static Movie movie(int id, Genre... genres) {
        return new Movie(id, "Movie " + id, null, List.of(genres));
    }
}
