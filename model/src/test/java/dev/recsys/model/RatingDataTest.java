package dev.recsys.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatingDataTest {

    @Test
    void aCopyHoldsTheSameRatingsAndGrowsApart() {
        RatingData data = new RatingData(16);
        for (int i = 0; i < 40; i++) {
            data.add(i, 100 + i, 1 + i % 5);
        }
        RatingData copy = data.copy();
        copy.add(7, 8, 4.5f);
        data.add(9, 10, 2f);

        assertThat(copy.size()).isEqualTo(41);
        assertThat(data.size()).isEqualTo(41);
        for (int i = 0; i < 40; i++) {
            assertThat(copy.userId(i)).isEqualTo(i);
            assertThat(copy.movieId(i)).isEqualTo(100 + i);
            assertThat(copy.rating(i)).isEqualTo(1 + i % 5);
        }
        assertThat(copy.rating(40)).isEqualTo(4.5f);
        assertThat(data.rating(40)).isEqualTo(2f);
    }

    @Test
    void anEmptyCopyCanStillGrow() {
        RatingData copy = new RatingData().copy();
        for (int i = 0; i < 100; i++) {
            copy.add(1, i, 3f);
        }
        assertThat(copy.size()).isEqualTo(100);
    }
}
