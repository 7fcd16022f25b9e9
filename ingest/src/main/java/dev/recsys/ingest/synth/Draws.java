package dev.recsys.ingest.synth;

import java.util.SplittableRandom;

/**
 * The generator's randomness. SplittableRandom's sequence is fixed by its specification and the transcendental
 * functions come from StrictMath, so one seed gives the same data set on every JVM and CPU.
 */
final class Draws {
    private final SplittableRandom random;

    Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double uniform() {
        return random.nextDouble();
    }

    int uniform(int bound) {
        return random.nextInt(bound);
    }

    /** Box-Muller; spending two uniforms per draw keeps the sequence simple to reason about. */
    double gaussian(double sd) {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
        double u2 = random.nextDouble();
        return sd * StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** An index drawn with probability proportional to its weight. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            target -= weights[i];
            if (target < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * {@code count} distinct indexes drawn without replacement with probability proportional to weight
     * (Efraimidis-Spirakis: the largest keys u^(1/w), compared as log(u)/w).
     */
    int[] weightedSample(double[] weights, int count) {
        int n = weights.length;
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = StrictMath.log(1.0 - random.nextDouble()) / weights[i];
        }
        double threshold = select(keys.clone(), n - count);
        int[] chosen = new int[count];
        int found = 0;
        for (int i = 0; i < n && found < count; i++) {
            if (keys[i] >= threshold) {
                chosen[found++] = i;
            }
        }
        return chosen;
    }

    /**
     * The value at {@code k} were {@code values} sorted ascending (quickselect, which reorders them): the same
     * threshold as a full sort, in O(n) instead of O(n log n), which at ml-25m's sizes was a sixth of the run.
     */
    static double select(double[] values, int k) {
        int from = 0;
        int to = values.length - 1;
        while (from < to) {
            int mid = (from + to) >>> 1;
            // median of three as the pivot: keys are random, this only guards against runs of equal ones
            double pivot = Math.max(Math.min(values[from], values[mid]),
                    Math.min(Math.max(values[from], values[mid]), values[to]));
            int i = from;
            int j = to;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }
}
