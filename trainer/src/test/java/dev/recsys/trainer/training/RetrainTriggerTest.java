package dev.recsys.trainer.training;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.recsys.trainer.training.RetrainTrigger.Kind.FULL;
import static dev.recsys.trainer.training.RetrainTrigger.Kind.INCREMENTAL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.FIRST_MODEL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.FULL_INTERVAL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.INTERVAL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.NEW_RATINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrainTriggerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private final RetrainTrigger trigger = new RetrainTrigger(5000, Duration.ofSeconds(60), 2000, SIX_HOURS);

    @Test
    void trainsNothingBeforeTheMinimumIsHeld() {
        assertThat(due(trigger, 1999, 1999, null, T0)).isEmpty();
        assertThat(due(trigger, 1999, 1999, T0, T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void theFirstModelComesAsSoonAsTheMinimumIsHeldAndIsFull() {
        assertThat(due(trigger, 2000, 2000, null, T0)).contains(new RetrainTrigger.Retrain(FIRST_MODEL, FULL));
    }

    @Test
    void retrainsIncrementallyOnceEnoughNewRatingsArrived() {
        assertThat(due(trigger, 9999, 4999, T0, T0.plusSeconds(10))).isEmpty();
        assertThat(due(trigger, 10000, 5000, T0, T0.plusSeconds(10)))
                .contains(new RetrainTrigger.Retrain(NEW_RATINGS, INCREMENTAL));
    }

    @Test
    void retrainsAfterTheIntervalOnlyWhenSomethingIsNew() {
        assertThat(due(trigger, 5001, 1, T0, T0.plusSeconds(59))).isEmpty();
        assertThat(due(trigger, 5001, 1, T0, T0.plusSeconds(60)))
                .contains(new RetrainTrigger.Retrain(INTERVAL, INCREMENTAL));
        assertThat(due(trigger, 5000, 0, T0, T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void countWinsOverIntervalWhenBothAreDue() {
        assertThat(due(trigger, 20000, 6000, T0, T0.plusSeconds(120)).map(RetrainTrigger.Retrain::reason))
                .contains(NEW_RATINGS);
    }

    @Test
    void theFullIntervalAfterTheLastFullRetrainMakesTheNextOneFull() {
        Instant lastFull = T0;
        Instant lastTraining = T0.plus(SIX_HOURS).minusSeconds(30);
        Instant justBefore = T0.plus(SIX_HOURS).minusSeconds(1);
        assertThat(trigger.due(50_000, 1, lastTraining, lastFull, true, justBefore)).isEmpty();
        assertThat(trigger.kind(lastTraining, lastFull, true, justBefore)).isEqualTo(INCREMENTAL);

        // on its own clock: the count and the retrain interval are not due, one new rating is enough
        assertThat(trigger.due(50_000, 1, lastTraining, lastFull, true, T0.plus(SIX_HOURS)))
                .contains(new RetrainTrigger.Retrain(FULL_INTERVAL, FULL));
        assertThat(trigger.due(50_000, 0, lastTraining, lastFull, true, T0.plus(SIX_HOURS))).isEmpty();
    }

    @Test
    void aRetrainWithoutAModelToStartFromIsFull() {
        // a published model of another architecture, or one that did not load, or a first model never published
        assertThat(trigger.due(50_000, 5000, T0, T0, false, T0.plusSeconds(10)))
                .contains(new RetrainTrigger.Retrain(NEW_RATINGS, FULL));
        assertThat(trigger.kind(T0, T0, false, T0.plusSeconds(10))).isEqualTo(FULL);
    }

    @Test
    void aZeroFullIntervalMakesOnlyTheFirstModelFull() {
        RetrainTrigger firstOnly = new RetrainTrigger(5000, Duration.ofSeconds(60), 2000, Duration.ZERO);
        Instant muchLater = T0.plus(Duration.ofDays(365));
        assertThat(firstOnly.due(2000, 2000, null, null, false, T0)).contains(new RetrainTrigger.Retrain(FIRST_MODEL,
                FULL));
        assertThat(firstOnly.due(50_000, 5000, T0, T0, true, muchLater))
                .contains(new RetrainTrigger.Retrain(NEW_RATINGS, INCREMENTAL));
    }

    @Test
    void zeroTurnsEitherTriggerOff() {
        RetrainTrigger intervalOnly = new RetrainTrigger(0, Duration.ofSeconds(60), 1, SIX_HOURS);
        assertThat(due(intervalOnly, 1_000_000, 1_000_000, T0, T0.plusSeconds(1))).isEmpty();
        assertThat(due(intervalOnly, 1_000_000, 1, T0, T0.plusSeconds(60)).map(RetrainTrigger.Retrain::reason))
                .contains(INTERVAL);

        RetrainTrigger countOnly = new RetrainTrigger(100, Duration.ZERO, 1, SIX_HOURS);
        assertThat(due(countOnly, 1000, 99, T0, T0.plusSeconds(3600))).isEmpty();
        assertThat(due(countOnly, 1000, 100, T0, T0).map(RetrainTrigger.Retrain::reason)).contains(NEW_RATINGS);
    }

    @Test
    void refusesToNeverRetrain() {
        assertThatThrownBy(() -> new RetrainTrigger(0, Duration.ZERO, 1, SIX_HOURS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Due with a published model to start from, made (fully) at lastTraining. */
    private static Optional<RetrainTrigger.Retrain> due(RetrainTrigger trigger, long held, long newRatings,
                                                        Instant lastTraining, Instant now) {
        return trigger.due(held, newRatings, lastTraining, lastTraining, lastTraining != null, now);
    }
}
