package dev.recsys.ingest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AliasTableTest {

    @Test
    void drawsEachIndexInProportionToItsWeight() {
        double[] weights = {1, 0, 3, 0.5, 5.5};
        AliasTable table = new AliasTable(weights);
        Draws draws = new Draws(1);
        int n = 200_000;
        int[] seen = new int[weights.length];

        for (int i = 0; i < n; i++) {
            seen[table.draw(draws)]++;
        }

        for (int i = 0; i < weights.length; i++) {
            assertThat((double) seen[i] / n).as("index %d", i).isCloseTo(weights[i] / 10, within(0.005));
        }
    }

    @Test
    void distinctDrawsNoIndexTwiceAndLeavesTheScratchClean() {
        double[] weights = new double[500];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, 1.6);
        }
        boolean[] taken = new boolean[weights.length];

        int[] chosen = new AliasTable(weights).distinct(new Draws(2), 60, taken);

        assertThat(Arrays.stream(chosen).distinct().count()).isEqualTo(60);
        assertThat(Arrays.stream(chosen).min().orElseThrow()).isNotNegative();
        assertThat(Arrays.stream(chosen).max().orElseThrow()).isLessThan(weights.length);
        assertThat(taken).doesNotContain(true);
    }

    @Test
    void selectFindsWhatASortWouldPutThere() {
        Draws draws = new Draws(3);
        for (int round = 0; round < 200; round++) {
            double[] values = new double[1 + draws.uniform(300)];
            for (int i = 0; i < values.length; i++) {
                // few distinct values in some rounds: ties are where a partition goes wrong
                values[i] = round % 2 == 0 ? draws.uniform() : draws.uniform(4);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = draws.uniform(values.length);

            assertThat(Draws.select(values.clone(), k)).as("round %d", round).isEqualTo(sorted[k]);
        }
    }
}
