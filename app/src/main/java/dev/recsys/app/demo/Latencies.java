package dev.recsys.app.demo;

import java.util.Arrays;

/** Latency samples in milliseconds, and their percentiles (nearest rank). */
final class Latencies {

    record Summary(long count, long p50, long p99, long max) {
    }

    private long[] samples = new long[4096];
    private int size;

    void add(long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = millis;
    }

    Summary summary() {
        if (size == 0) {
            return new Summary(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Summary(size, percentile(sorted, 50), percentile(sorted, 99), sorted[size - 1]);
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
