package dev.recsys.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.app.bench.OnlineHitRate.Figures;
import dev.recsys.app.bench.OnlineHitRate.Shown;
import dev.recsys.app.bench.OnlineHitRate.Step;
import dev.recsys.schemas.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineHitRateTest {

    private static Shown model(long version, int... movies) {
        return new Shown(movies, Strategy.MODEL, version);
    }

    private static Shown popular(int... movies) {
        return new Shown(movies, Strategy.POPULARITY, null);
    }

    private static Step rate(int user, int movie, Shown triggered) {
        return new Step(user, movie, triggered);
    }

    @Test
    void aUsersFirstRatingIsNotCounted() {
        Figures figures = OnlineHitRate.measure(List.of(rate(1, 10, popular(20)), rate(2, 20, popular(30))));

        assertThat(figures.ratings()).isEqualTo(2);
        assertThat(figures.firstRatings()).isEqualTo(2);
        assertThat(figures.all().ratings()).isZero();
        assertThat(figures.all().hitRate()).isNaN();
    }

    @Test
    void aRatingIsAHitWhenItsMovieWasInTheListOfTheUsersPreviousRating() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 10, popular(20, 30)),
                rate(1, 30, popular(40)),
                rate(1, 50, popular(60))));

        assertThat(figures.all().ratings()).isEqualTo(2);
        assertThat(figures.all().hits()).isEqualTo(1);
        assertThat(figures.all().hitRate()).isEqualTo(0.5);
    }

    @Test
    void onlyTheUsersLatestListCountsNotAnOlderOneNorTheOneTheRatingTriggered() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 10, popular(99)),   // first rating: its list offers 99
                rate(1, 20, popular(30)),   // against [99]: a miss; now the list is [30]
                rate(1, 99, popular(99)),   // 99 was offered two lists ago, not in [30]: a miss
                rate(2, 5, popular(6)),
                rate(2, 7, popular(7))));   // the list it triggered holds 7, the one before ([6]) does not

        assertThat(figures.all().ratings()).isEqualTo(3);
        assertThat(figures.all().hits()).isZero();
    }

    @Test
    void anotherUsersListDoesNotCount() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 10, popular(11)),
                rate(2, 20, popular(30)),
                rate(1, 30, popular(40))));

        assertThat(figures.all().ratings()).isEqualTo(1);
        assertThat(figures.all().hits()).isZero();
    }

    @Test
    void onlyTheTopTenOfAListCount() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 100, popular(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
                rate(1, 11, popular(1)),
                rate(2, 100, popular(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)),
                rate(2, 10, popular(1))));

        assertThat(figures.all().hits()).isEqualTo(1);
    }

    @Test
    void aRatingWhosePreviousListIsMissingIsNotCounted() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 10, null),
                rate(1, 20, popular(30)),
                rate(1, 30, popular(40))));

        assertThat(figures.unanswered()).isEqualTo(1);
        assertThat(figures.all().ratings()).isEqualTo(1);
        assertThat(figures.all().hits()).isEqualTo(1);
    }

    @Test
    void countsHitsByTheStrategyAndModelVersionOfTheListBefore() {
        Figures figures = OnlineHitRate.measure(List.of(
                rate(1, 10, popular(20)),
                rate(1, 20, model(1, 30)),    // against a popularity list: a hit
                rate(1, 30, model(2, 40)),    // against model 1: a hit
                rate(1, 50, model(2, 60)),    // against model 2: a miss
                rate(1, 60, model(2, 70))));  // against model 2: a hit

        assertThat(figures.strategy(Strategy.POPULARITY)).isEqualTo(new OnlineHitRate.Tally(1, 1, 0));
        assertThat(figures.strategy(Strategy.MODEL).ratings()).isEqualTo(3);
        assertThat(figures.strategy(Strategy.MODEL).hits()).isEqualTo(2);
        assertThat(figures.byModelVersion().keySet()).containsExactly(1L, 2L);
        assertThat(figures.byModelVersion().get(2L).ratings()).isEqualTo(2);
        assertThat(figures.byModelVersion().get(2L).hits()).isEqualTo(1);
    }

    @Test
    void theChartLeavesOutTheMoviesTheUserHasRated() {
        // movie 5 is the most rated, but user 1 rated it: the chart offers 6, which user 1 rates next
        Figures figures = OnlineHitRate.measure(List.of(
                rate(2, 5, popular()),
                rate(3, 5, popular()),
                rate(3, 6, popular()),
                rate(1, 5, popular()),
                rate(1, 6, popular())));

        assertThat(figures.all().chartHits()).isEqualTo(1);
    }

    @Test
    void theChartStandsAsItWasAtTheUsersPreviousRating() {
        // movie 9 becomes the most rated only after user 1's first rating: user 1's chart does not know it yet
        List<Step> steps = List.of(
                rate(2, 1, popular()),
                rate(1, 2, popular()),
                rate(3, 9, popular()),
                rate(4, 9, popular()),
                rate(1, 9, popular()));
        Figures figures = OnlineHitRate.measure(steps);

        assertThat(figures.all().ratings()).isEqualTo(1);
        // the chart after user 1's first rating holds only movies 1 and 2, and 2 is user 1's own
        assertThat(figures.all().chartHits()).isZero();
    }

    @Test
    void liftIsTheListsHitRateOverTheCharts() {
        // four counted ratings: the live lists hit three, the chart two
        Figures figures = OnlineHitRate.measure(List.of(
                rate(9, 1, popular()),
                rate(9, 2, popular()),
                rate(1, 1, popular(2)),
                rate(1, 2, popular(3)),
                rate(1, 3, popular(4)),
                rate(2, 8, popular(1)),
                rate(2, 1, popular())));

        assertThat(figures.all().ratings()).isEqualTo(4);
        assertThat(figures.all().hits()).isEqualTo(3);
        assertThat(figures.all().chartHits()).isEqualTo(2);
        assertThat(figures.all().lift()).isEqualTo(1.5);
    }

    @Test
    void liftIsUndefinedWhenTheChartNeverHits() {
        Figures figures = OnlineHitRate.measure(List.of(rate(1, 1, popular(2)), rate(1, 2, popular())));

        assertThat(figures.all().hits()).isEqualTo(1);
        assertThat(figures.all().lift()).isNaN();
    }
}
