package dev.recsys.trainer.training;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the ranking network's epochs leave on the status, fed as the trainer feeds them. */
class EpochProgressTest {
    private static final double NO_VALIDATION = Double.NaN;

    @Test
    void theRankingNetworkIsAtEpochZeroBeforeItsFirst() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        assertThat(progress.ranking()).isEqualTo(new TrainingProgress.Ranking(0, 20, null, null));
        assertThat(progress.rankingEpochsRun()).isZero();
    }

    @Test
    void aModelWithoutARankingNetworkShowsNone() {
        EpochProgress progress = new EpochProgress(2, 15, 1, 0, Duration.ZERO, () -> false);
        assertThat(progress.ranking()).isNull();
        assertThat(progress.rankingEpochsRun()).isZero();
    }

    @Test
    void showsTheRankingNetworksLatestEpoch() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        progress.onRankingEpoch(1, 20, 6.5, NO_VALIDATION, 0.1);
        progress.onRankingEpoch(2, 20, 6.25, NO_VALIDATION, 0.1);
        assertThat(progress.ranking()).isEqualTo(new TrainingProgress.Ranking(2, 20, 6.25, null));
        assertThat(progress.rankingEpochsRun()).isEqualTo(2);
    }

    @Test
    void keepsTheBestValidationNdcgThroughEpochsWithoutAValidation() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        progress.onRankingEpoch(5, 20, 6.0, 0.20, 0.1);
        progress.onRankingEpoch(6, 20, 5.9, NO_VALIDATION, 0.1);
        assertThat(progress.ranking().bestValidationNdcg()).isEqualTo(0.20);
    }

    @Test
    void aWorseValidationDoesNotLowerTheBest() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        progress.onRankingEpoch(5, 20, 6.0, 0.20, 0.1);
        progress.onRankingEpoch(10, 20, 5.8, 0.18, 0.1);
        assertThat(progress.ranking().bestValidationNdcg()).isEqualTo(0.20);
        progress.onRankingEpoch(15, 20, 5.7, 0.22, 0.1);
        assertThat(progress.ranking().bestValidationNdcg()).isEqualTo(0.22);
    }

    @Test
    void rankingEpochsLeaveTheRatingNetworksEpochsAlone() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        progress.onMemberEpoch(1, 2, 3, 0.9, 0.85, 0.1);
        progress.onRankingEpoch(12, 20, 6.0, NO_VALIDATION, 0.1);
        assertThat(progress.epochsRun()).isEqualTo(3);
        assertThat(progress.lastTrainLoss()).isEqualTo(0.9);
    }

    @Test
    void aCancelledTrainingStopsAfterARankingEpoch() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> true);
        assertThatThrownBy(() -> progress.onRankingEpoch(1, 20, 6.5, NO_VALIDATION, 0.1))
                .isInstanceOf(TrainingCancelledException.class);
    }

    @Test
    void aCancelledTrainingStopsAfterAMemberEpoch() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> true);
        assertThatThrownBy(() -> progress.onMemberEpoch(1, 2, 1, 0.9, 0.85, 0.1))
                .isInstanceOf(TrainingCancelledException.class);
    }

    @Test
    void withoutABudgetNoEpochStopsTheTraining() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ZERO, () -> false);
        assertThat(progress.stopAfterEpoch(3600)).isFalse();
        assertThat(progress.budgetSpent()).isFalse();
    }

    @Test
    void aNetworkStopsOnceAnotherEpochAsLongAsItsLastWouldEndPastTheBudget() {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ofMinutes(10), () -> false);
        assertThat(progress.stopAfterEpoch(1)).isFalse();
        assertThat(progress.budgetSpent()).isFalse();
        assertThat(progress.stopAfterEpoch(601)).isTrue();
        assertThat(progress.budgetSpent()).isTrue();
    }

    @Test
    void aSpentBudgetStopsEveryNetworkAfterItsEpoch() throws InterruptedException {
        EpochProgress progress = new EpochProgress(2, 15, 2, 20, Duration.ofMillis(1), () -> false);
        Thread.sleep(2);
        assertThat(progress.stopAfterEpoch(0)).isTrue();
        assertThat(progress.stopAfterEpoch(0)).isTrue();
    }
}
