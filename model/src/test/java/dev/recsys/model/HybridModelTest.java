package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HybridModelTest {

    @Test
    void anEnsemblePredictsTheMeanOfItsMembers() {
        HybridModel ensemble = ModelFixtures.defaultModel();
        RatingData pairs = new RatingData();
        for (int user : ModelFixtures.someUsers(5)) {
            for (int row = 0; row < ensemble.movies().size(); row += 7) {
                pairs.add(user, ensemble.movies().rawIdAt(row), 3f);
            }
        }

        float[] both = ensemble.predict(pairs, ModelFixtures.HISTORIES);
        float[] first = ensemble.member(0).predict(pairs, ModelFixtures.HISTORIES);
        float[] second = ensemble.member(1).predict(pairs, ModelFixtures.HISTORIES);

        assertThat(first).isNotEqualTo(second);
        for (int i = 0; i < both.length; i++) {
            // within the scale the mean of the clamped members is the clamped mean; the fixture's stay inside it
            assertThat(both[i]).isCloseTo((first[i] + second[i]) / 2, within(1e-5f));
        }
    }

    @Test
    void anUnknownMovieIsScoredThroughTheColdStartRow() {
        HybridModel model = ModelFixtures.defaultModel();

        assertThat(model.coldMovieRow()).isEqualTo(model.movies().size());
        assertThat(model.movieRow(ModelFixtures.UNKNOWN_MOVIE)).isEqualTo(model.coldMovieRow());
        assertThat(model.movieRow(model.movies().rawIdAt(3))).isEqualTo(3);
    }

    @Test
    void predictsForAUserWithoutHistory() {
        HybridModel model = ModelFixtures.defaultModel();
        RatingData pairs = new RatingData();
        pairs.add(-42, model.movies().rawIdAt(0), 3f);
        float[] fast = new float[model.movies().size()];
        FastScorer.of(model).predictAll(History.EMPTY, fast);

        float[] predicted = model.predict(pairs, Map.of());

        assertThat(predicted[0]).isCloseTo(fast[0], within(1e-4f));
    }

    @Test
    void refusesAConfigWithAnotherNumberOfMembers() {
        HybridModel ensemble = ModelFixtures.defaultModel();

        assertThatThrownBy(() -> new HybridModel(ensemble.rating(), ensemble.ranking(), ensemble.movies(),
                ensemble.movieGenreMasks(), ensemble.config().withMembers(1), 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the rating graph has 2 member network(s), the config's members=1");
    }

    @Test
    void refusesARankingNetworkItsConfigHasNot() {
        HybridModel byRating = ModelFixtures.withoutDotTerm();
        HybridModel ranked = ModelFixtures.defaultModel();

        assertThatThrownBy(() -> new HybridModel(byRating.rating(), ranked.ranking(), byRating.movies(),
                byRating.movieGenreMasks(), byRating.config(), 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a ranking network for a config without one");
    }

    @Test
    void requiresTheRankingNetworkItsConfigHas() {
        HybridModel ranked = ModelFixtures.defaultModel();

        assertThatThrownBy(() -> new HybridModel(ranked.rating(), null, ranked.movies(), ranked.movieGenreMasks(),
                ranked.config(), 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the config ranks with a ranking network, none given");
    }

    @Test
    void refusesANegativeBlendWeight() {
        assertThatThrownBy(() -> ModelFixtures.defaultModel().withBlendWeight(-0.5f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blend weight must be >= 0");
    }
}
