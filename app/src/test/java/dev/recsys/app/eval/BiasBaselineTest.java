package dev.recsys.app.eval;

import dev.recsys.model.RatingData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BiasBaselineTest {

    @Test
    void learnsUserAndMovieOffsetsAndShrinksRareOnes() {
        RatingData train = new RatingData();
        // user 1 rates one star above user 2 on every movie; movie 100 is liked, 200 is not
        for (int round = 0; round < 20; round++) {
            train.add(1, 100, 5f);
            train.add(1, 200, 3f);
            train.add(2, 100, 4f);
            train.add(2, 200, 2f);
        }
        train.add(3, 100, 5f);  // a user with one rating

        BiasBaseline unshrunk = BiasBaseline.fit(train, 0.0);
        assertThat(unshrunk.predict(1, 100) - unshrunk.predict(2, 100)).isCloseTo(1.0, within(1e-6));
        assertThat(unshrunk.predict(1, 100) - unshrunk.predict(1, 200)).isCloseTo(2.0, within(1e-3));

        BiasBaseline shrunk = BiasBaseline.fit(train, 10.0);
        double rare = Math.abs(shrunk.predict(3, 200) - shrunk.predict(999, 200));
        double frequent = Math.abs(shrunk.predict(1, 200) - shrunk.predict(999, 200));
        assertThat(rare).isLessThan(frequent);
        // an unknown user and movie get the global mean
        assertThat(shrunk.predict(999, 999)).isCloseTo(train.meanRating(), within(1e-9));
    }
}
