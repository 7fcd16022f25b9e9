package dev.recsys.app.demo;

import dev.recsys.trainer.TrainerStats;
import dev.recsys.trainer.TrainerState;
import dev.recsys.trainer.TrainerStatus;
import dev.recsys.trainer.training.TrainingProgress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live view's trainer line, from each state the trainer reports. */
class LiveViewTest {
    private static final TrainerStatus.NextRetrain NEXT = new TrainerStatus.NextRetrain(1_250, 5_000, 30, 2_000, null,
            "full", 21_600, null, 1_000_000, null);

    @Test
    void showsHowFarTheFirstModelIsWhileTooFewRatingsAreHeld() {
        assertThat(LiveView.trainerLine(status(TrainerState.WAITING, stats(1_500, 0), null, null, null)))
                .isEqualTo("Trainer    waiting for ratings: 1,500 of the 2,000 the first model needs");
    }

    @Test
    void showsEachMembersEpochAndTheRankingNetworksWhileTraining() {
        TrainingProgress training = new TrainingProgress(4, "new ratings", "incremental", "2026-11-26T12:00:00Z", 3L,
                18_000, 2_000, 20_000, 15, 60.0, false, List.of(new TrainingProgress.Member(1, 7, 0.82, 0.8123),
                new TrainingProgress.Member(2, 0, null, null)), new TrainingProgress.Ranking(25, 60, 6.41, 0.1712),
                "training");
        assertThat(LiveView.trainerLine(status(TrainerState.TRAINING, stats(20_000, 3), training, null, null)))
                .isEqualTo("Trainer    training v4 (new ratings, warm start from v3, 18,000 ratings): "
                        + "member 1 epoch 7/15 val loss 0.812, member 2 epoch 0/15; ranking epoch 25/60"
                        + " val NDCG@10 0.171");
    }

    @Test
    void showsWhatTheNextRetrainWaitsForAndTheLastDecision() {
        TrainerStatus.Decision rejected = new TrainerStatus.Decision(false, 0.9312, 0.8504, 0.171, 0.182, "worse");
        assertThat(LiveView.trainerLine(status(TrainerState.WAITING, stats(20_000, 3), null, rejected,
                new TrainerStatus.Published(3, Map.of()))))
                .isEqualTo("Trainer    waiting for the next retrain: 1,250 of 5,000 new ratings or 30 s after the"
                        + " last; last candidate rejected (val MSE 0.931, NDCG@10 0.171 against 0.850, 0.182 for the"
                        + " published model)");
    }

    @Test
    void aFailureSaysWhy() {
        TrainerStatus failed = new TrainerStatus(TrainerState.FAILED, "java.lang.IllegalStateException: no broker", stats(0, 0),
                NEXT, null, null, null);
        assertThat(LiveView.trainerLine(failed))
                .isEqualTo("Trainer    FAILED: java.lang.IllegalStateException: no broker");
        assertThat(LiveView.trainerLine(null)).isEqualTo("Trainer    starting");
    }

    private static TrainerStats stats(long held, long version) {
        return new TrainerStats(held, held / 10, 24L * held, 100, 0, version, 0, 0, version, false, true);
    }

    private static TrainerStatus status(TrainerState state, TrainerStats stats, TrainingProgress training,
                                        TrainerStatus.Decision decision, TrainerStatus.Published published) {
        return new TrainerStatus(state, null, stats, NEXT, training, decision, published);
    }
}
