package dev.recsys.trainer.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishDecisionTest {
    private static final double NONE = Double.NaN;

    @Test
    void publishesAModelWorseAtNeitherFigure() {
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0.30, 0.25, Double.NaN, 0).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 0.95, 0.95, 0.25, 0.25, Double.NaN, 0).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0.25, 0.25, Double.NaN, 0).reason())
                .isEqualTo("not worse than the published model");
    }

    @Test
    void rejectsAWorseModel() {
        PublishDecision decision = PublishDecision.decide(100, 0.951, 0.95, 0.25, 0.25, Double.NaN, 0);
        assertThat(decision.publish()).isFalse();
        assertThat(decision.candidateMse()).isEqualTo(0.951);
        assertThat(decision.currentMse()).isEqualTo(0.95);
    }

    @Test
    void rejectsAModelThatRanksWorseThoughItPredictsBetter() {
        PublishDecision decision = PublishDecision.decide(100, 0.80, 0.95, 0.249, 0.25, Double.NaN, 0);
        assertThat(decision.publish()).isFalse();
        assertThat(decision.candidateNdcg()).isEqualTo(0.249);
        assertThat(decision.currentNdcg()).isEqualTo(0.25);
    }

    @Test
    void theReasonSaysTheRatingsWerePredictedWorse() {
        assertThat(PublishDecision.decide(100, 0.96, 0.95, 0.30, 0.25, Double.NaN, 0).reason())
                .isEqualTo("predicts ratings worse than the published model");
    }

    @Test
    void theReasonSaysTheListsRankWorse() {
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0.20, 0.25, Double.NaN, 0).reason())
                .isEqualTo("ranks worse than the published model");
    }

    @Test
    void theReasonNamesTheTolerance() {
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0.20, 0.25, Double.NaN, 0.01).reason())
                .isEqualTo("ranks worse than the published model beyond the tolerance 0.01");
    }

    @Test
    void toleranceIsRelative() {
        assertThat(PublishDecision.decide(100, 1.009, 1.0, 0.25, 0.25, Double.NaN, 0.01).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 1.011, 1.0, 0.25, 0.25, Double.NaN, 0.01).publish()).isFalse();
    }

    @Test
    void toleranceAppliesToTheNdcgToo() {
        // 1% below 0.25 is 0.2475
        assertThat(PublishDecision.decide(100, 1.0, 1.0, 0.2476, 0.25, Double.NaN, 0.01).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 1.0, 1.0, 0.2474, 0.25, Double.NaN, 0.01).publish()).isFalse();
    }

    @Test
    void anUndefinedNdcgSkipsTheRankingComparison() {
        // a slice without a rating of 4 or more: the lists cannot be judged, the ratings still are
        assertThat(PublishDecision.decide(100, 0.90, 0.95, NONE, 0.25, Double.NaN, 0).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0.10, NONE, Double.NaN, 0).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 0.96, 0.95, NONE, NONE, Double.NaN, 0).publish()).isFalse();
    }

    @Test
    void firstModelIsPublishedWithoutComparison() {
        assertThat(PublishDecision.decide(100, 1.2, NONE, 0.1, NONE, Double.NaN, 0).publish()).isTrue();
    }

    @Test
    void aDivergedModelIsNeverPublished() {
        assertThat(PublishDecision.decide(100, Double.NaN, NONE, NONE, NONE, Double.NaN, 0).publish()).isFalse();
        assertThat(PublishDecision.decide(100, Double.POSITIVE_INFINITY, 0.9, 0.3, 0.25, Double.NaN, 0).publish()).isFalse();
    }

    @Test
    void withoutValidationDataThereIsNothingToCompareOn() {
        assertThat(PublishDecision.decide(0, NONE, NONE, NONE, NONE, Double.NaN, 0).publish()).isTrue();
    }

    @Test
    void aDropInNdcgWithinItsNoiseDoesNotRejectAModel() {
        // 0.01 lower, but the paired standard error is 0.008: within two errors, chance
        PublishDecision withinNoise = PublishDecision.decide(100, 0.90, 0.95, 0.29, 0.30, 0.008, 0);
        assertThat(withinNoise.publish()).isTrue();
        PublishDecision beyondNoise = PublishDecision.decide(100, 0.90, 0.95, 0.27, 0.30, 0.008, 0);
        assertThat(beyondNoise.publish()).isFalse();
        assertThat(beyondNoise.reason()).contains("ranks worse").contains("noise");
    }
}
