package dev.recsys.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PopularityChartTest {

    private static PopularityChart chartOf(int... movieIds) {
        PopularityChart chart = new PopularityChart();
        for (int movieId : movieIds) {
            chart.add(movieId);
        }
        return chart;
    }

    @Test
    void ranksByRatingCountMostFirst() {
        assertThat(chartOf(7, 3, 7, 5, 7, 3).top(3, Set.of())).containsExactly(7, 3, 5);
    }

    @Test
    void breaksTiesByTheLowerId() {
        assertThat(chartOf(9, 4, 6, 9, 6, 4).top(3, Set.of())).containsExactly(4, 6, 9);
    }

    @Test
    void leavesOutTheExcludedMoviesAndFillsUpFromBelow() {
        assertThat(chartOf(1, 1, 1, 2, 2, 3, 4).top(2, Set.of(1, 3))).containsExactly(2, 4);
    }

    @Test
    void isShorterWhenFewerMoviesHaveBeenRated() {
        assertThat(chartOf(5, 6).top(10, Set.of(6))).containsExactly(5);
    }

    @Test
    void followsACountThatOvertakesAnother() {
        PopularityChart chart = chartOf(2, 2, 8);
        chart.add(8);
        chart.add(8);
        assertThat(chart.top(2, Set.of())).containsExactly(8, 2);
    }
}
