package dev.recsys.trainer.training;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.recsys.trainer.training.RetrainTrigger.Reason.FIRST_MODEL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.INTERVAL;
import static dev.recsys.trainer.training.RetrainTrigger.Reason.NEW_RATINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrainTriggerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final RetrainTrigger trigger = new RetrainTrigger(5000, Duration.ofSeconds(60), 2000);

    @Test
    void trainsNothingBeforeTheMinimumIsHeld() {
        assertThat(trigger.due(1999, 1999, null, T0)).isEmpty();
        assertThat(trigger.due(1999, 1999, T0, T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void firstModelComesAsSoonAsTheMinimumIsHeld() {
        assertThat(trigger.due(2000, 2000, null, T0)).contains(FIRST_MODEL);
    }

    @Test
    void retrainsOnceEnoughNewRatingsArrived() {
        assertThat(trigger.due(9999, 4999, T0, T0.plusSeconds(10))).isEmpty();
        assertThat(trigger.due(10000, 5000, T0, T0.plusSeconds(10))).contains(NEW_RATINGS);
    }

    @Test
    void retrainsAfterTheIntervalOnlyWhenSomethingIsNew() {
        assertThat(trigger.due(5001, 1, T0, T0.plusSeconds(59))).isEmpty();
        assertThat(trigger.due(5001, 1, T0, T0.plusSeconds(60))).contains(INTERVAL);
        assertThat(trigger.due(5000, 0, T0, T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void countWinsOverIntervalWhenBothAreDue() {
        assertThat(trigger.due(20000, 6000, T0, T0.plusSeconds(120))).contains(NEW_RATINGS);
    }

    @Test
    void zeroTurnsEitherTriggerOff() {
        RetrainTrigger intervalOnly = new RetrainTrigger(0, Duration.ofSeconds(60), 1);
        assertThat(intervalOnly.due(1_000_000, 1_000_000, T0, T0.plusSeconds(1))).isEmpty();
        assertThat(intervalOnly.due(1_000_000, 1, T0, T0.plusSeconds(60))).contains(INTERVAL);

        RetrainTrigger countOnly = new RetrainTrigger(100, Duration.ZERO, 1);
        assertThat(countOnly.due(1000, 99, T0, T0.plusSeconds(86_400))).isEmpty();
        assertThat(countOnly.due(1000, 100, T0, T0)).contains(NEW_RATINGS);
    }

    @Test
    void refusesToNeverRetrain() {
        assertThatThrownBy(() -> new RetrainTrigger(0, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
