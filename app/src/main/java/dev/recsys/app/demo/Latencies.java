package dev.recsys.app.demo;

import java.util.Arrays;

/**
 * Latency samples in milliseconds, each with when it was taken, and their percentiles (nearest rank), over all
 * samples or over those from a given time on: start-up (JIT, the first transactions, the first model trained on the
 * same cores) makes the first seconds slower than the steady state, and one figure for both would hide which.
 */
final class Latencies {

    record Summary(long count, long p50, long p99, long max) {
    }

    private long[] takenAt = new long[4096];
    private long[] samples = new long[4096];
    private int size;

    /** @param atMillis when the sample was taken (epoch millis); samples come in this order */
    void add(long atMillis, long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
            takenAt = Arrays.copyOf(takenAt, size * 2);
        }
        takenAt[size] = atMillis;
        samples[size++] = millis;
    }

    Summary summary() {
        return summary(0);
    }

    /** Over the samples taken at or after {@code fromMillis}. */
    Summary since(long fromMillis) {
        int from = 0;
        while (from < size && takenAt[from] < fromMillis) {
            from++;
        }
        return summary(from);
    }

    /** When the first sample was taken; -1 before it. */
    long firstAt() {
        return size == 0 ? -1 : takenAt[0];
    }

    private Summary summary(int from) {
        if (from >= size) {
            return new Summary(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOfRange(samples, from, size);
        Arrays.sort(sorted);
        return new Summary(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
