package dev.recsys.app.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Times one piece of per-user work over every user, several passes after a warm-up: the mean per user of each pass,
 * the 99th percentile of single calls, and the thread's CPU time per call.
 */
record Timings(double[] msRuns, double p99Ms, double cpuMs) {
    static Timings of(int[] userIds, int repeats, IntUnaryOperator work) {
        long sink = 0;
        for (int w = 0; w < 3; w++) {
            for (int user : userIds) {
                sink += work.applyAsInt(user);
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        double[] runs = new double[repeats];
        long[] perUser = new long[userIds.length * repeats];
        int n = 0;
        for (int r = 0; r < repeats; r++) {
            long passStart = System.nanoTime();
            for (int user : userIds) {
                long start = System.nanoTime();
                sink += work.applyAsInt(user);
                perUser[n++] = System.nanoTime() - start;
            }
            runs[r] = (System.nanoTime() - passStart) / 1e6 / userIds.length;
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / ((double) repeats * userIds.length);
        if (sink == 42) {
            System.out.print("");  // keeps the JIT from dropping the work
        }
        Arrays.sort(perUser);
        return new Timings(runs, perUser[(int) Math.ceil(0.99 * perUser.length) - 1] / 1e6, cpuMs);
    }

    double medianMs() {
        return median(msRuns);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
