package dev.recsys.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recsys.model.Ranked;
import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.UserHistory;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class PopularityRankerTest {
    @Test
    void ranksTheMostRatedMoviesFirstAndEqualCountsByMean() {
        List<KeyValue<Integer, MovieStats>> stats = List.of(
                KeyValue.pair(1, new MovieStats(1, 5)),        // one perfect rating
                KeyValue.pair(2, new MovieStats(300, 1350)),   // 300 ratings, mean 4.5
                KeyValue.pair(3, new MovieStats(50, 100)),     // 50 ratings, mean 2
                KeyValue.pair(4, new MovieStats(0, 0)),        // never rated: not a candidate
                KeyValue.pair(5, new MovieStats(50, 200)),     // 50 ratings, mean 4
                KeyValue.pair(6, new MovieStats(49, 245)));    // 49 ratings, mean 5
        Ranked ranked = new PopularityRanker(10).rank(stats.iterator(), UserHistory.EMPTY);
        assertThat(ranked.ids()).containsExactly(2, 5, 3, 6, 1);
        assertThat((double) ranked.scores()[0]).isCloseTo(4.5, within(1e-6));
        assertThat((double) ranked.scores()[4]).isCloseTo(5.0, within(1e-6));
    }

    @Test
    void leavesOutWhatTheUserRated() {
        List<KeyValue<Integer, MovieStats>> stats = List.of(KeyValue.pair(1, new MovieStats(1, 5)),
                KeyValue.pair(2, new MovieStats(300, 1350)), KeyValue.pair(5, new MovieStats(40, 176)));

        Ranked withoutRated = new PopularityRanker(2).rank(stats.iterator(),
                UserHistory.EMPTY.withRating(2, 4f, 1, 10));

        assertThat(withoutRated.ids()).containsExactly(5, 1);
    }
}
