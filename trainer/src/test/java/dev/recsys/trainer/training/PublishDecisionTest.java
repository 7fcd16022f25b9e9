package dev.recsys.trainer.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishDecisionTest {

    @Test
    void publishesABetterOrEqualModel() {
        assertThat(PublishDecision.decide(100, 0.90, 0.95, 0).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 0.95, 0.95, 0).publish()).isTrue();
    }

    @Test
    void rejectsAWorseModel() {
        PublishDecision decision = PublishDecision.decide(100, 0.951, 0.95, 0);
        assertThat(decision.publish()).isFalse();
        assertThat(decision.candidateMse()).isEqualTo(0.951);
        assertThat(decision.currentMse()).isEqualTo(0.95);
    }

    @Test
    void toleranceIsRelative() {
        assertThat(PublishDecision.decide(100, 1.009, 1.0, 0.01).publish()).isTrue();
        assertThat(PublishDecision.decide(100, 1.011, 1.0, 0.01).publish()).isFalse();
    }

    @Test
    void firstModelIsPublishedWithoutComparison() {
        assertThat(PublishDecision.decide(100, 1.2, Double.NaN, 0).publish()).isTrue();
    }

    @Test
    void aDivergedModelIsNeverPublished() {
        assertThat(PublishDecision.decide(100, Double.NaN, Double.NaN, 0).publish()).isFalse();
        assertThat(PublishDecision.decide(100, Double.POSITIVE_INFINITY, 0.9, 0).publish()).isFalse();
    }

    @Test
    void withoutValidationDataThereIsNothingToCompareOn() {
        assertThat(PublishDecision.decide(0, Double.NaN, Double.NaN, 0).publish()).isTrue();
    }
}
