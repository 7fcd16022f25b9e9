package dev.recsys.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatingScaleTest {
    @Test
    void holdsHalfToFiveStarsAndNothingElse() {
        assertThat(RatingScale.contains(0.5f)).isTrue();
        assertThat(RatingScale.contains(5f)).isTrue();
        assertThat(RatingScale.contains(0.49f)).isFalse();
        assertThat(RatingScale.contains(5.01f)).isFalse();
        assertThat(RatingScale.contains(Float.NaN)).isFalse();
        assertThat(RatingScale.outside("7")).isEqualTo("rating 7 is outside 0.5..5.0");
    }
}
