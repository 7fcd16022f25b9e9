package dev.recsys.ingest.synth;

/**
 * Draws an index with probability proportional to its weight in constant time (Vose's alias method): built once in
 * O(n), then one uniform per draw, where {@link Draws#weightedSample} costs O(n log n) per call. At 162,541 users
 * and 62,423 movies (ml-25m's sizes) that is what keeps the popularity draws from taking hours.
 */
final class AliasTable {
    private final double[] keep;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        keep = new double[n];
        alias = new int[n];
        // scaled so that the average cell holds 1: cells under 1 are topped up from one cell over 1
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smalls = 0;
        int larges = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0) {
                small[smalls++] = i;
            } else {
                large[larges++] = i;
            }
        }
        while (smalls > 0 && larges > 0) {
            int s = small[--smalls];
            int l = large[--larges];
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) {
                small[smalls++] = l;
            } else {
                large[larges++] = l;
            }
        }
        // what is left holds 1 up to rounding
        while (larges > 0) {
            keep[large[--larges]] = 1.0;
        }
        while (smalls > 0) {
            keep[small[--smalls]] = 1.0;
        }
    }

    int size() {
        return keep.length;
    }

    int draw(Draws draws) {
        double x = draws.uniform() * keep.length;
        int cell = (int) x;
        return x - cell < keep[cell] ? cell : alias[cell];
    }

    /**
     * {@code count} distinct indexes, drawn as {@link Draws#weightedSample} draws them (one after another, each with
     * probability proportional to its weight among those not yet drawn) by drawing again on a repeat. {@code taken}
     * is all false on entry and again on return. A repeat gets likelier the more of the weight is drawn already, so
     * callers keep {@code count} a small share of the indexes: see {@code Generator.EXACT_SHARE}.
     */
    int[] distinct(Draws draws, int count, boolean[] taken) {
        int[] chosen = new int[count];
        int found = 0;
        while (found < count) {
            int i = draw(draws);
            if (!taken[i]) {
                taken[i] = true;
                chosen[found++] = i;
            }
        }
        for (int i : chosen) {
            taken[i] = false;
        }
        return chosen;
    }
}
