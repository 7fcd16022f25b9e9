package dev.recsys.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Whether the heap kept growing after warm-up. The samples of the warm-up are left out (JIT, first models, RocksDB's
 * caches filling), and so are those after the replay ended (see {@link #replayEnd}); over the rest a least-squares line is fitted to the heap after GC less the trainer's rating log,
 * which grows with the ratings by design and is counted by the trainer itself. The run fails when that line rises by
 * more than the bound between the first and the last fitted sample. A line rather than last-minus-first, so that one
 * sample taken while a retrain holds its training set does not decide the verdict.
 *
 * @param outcome         pass, fail, or too few samples after warm-up to tell
 * @param warmupSamples   samples left out at the start
 * @param fitted          samples the line was fitted to
 * @param growthBytes     the line's rise over the fitted span: heap after GC less the rating log
 * @param rawGrowthBytes  the same for the heap after GC alone
 * @param bytesPerMillion the slope of heap after GC less the rating log against ratings processed, per million;
 *                        NaN when no rating was processed over the fitted span
 * @param boundBytes      the most {@code growthBytes} may be
 */
record HeapVerdict(Outcome outcome, int warmupSamples, int fitted, double growthBytes, double rawGrowthBytes,
                   double bytesPerMillion, long boundBytes) {

    /** At least this many samples after warm-up: a line through two points says nothing of a trend. */
    static final int MIN_FITTED = 3;

    enum Outcome { PASS, FAIL, INCONCLUSIVE }

    /**
     * How the verdict is reached.
     *
     * @param warmupSeconds  samples before this many seconds are warm-up; negative: use {@code warmupFraction}
     * @param warmupFraction the share of the first samples that are warm-up when no seconds are given
     * @param maxGrowth      the bound as a share of the maximum heap
     * @param maxHeapBytes   the maximum heap ({@code -Xmx})
     */
    record Rule(double warmupSeconds, double warmupFraction, double maxGrowth, long maxHeapBytes) {
        long boundBytes() {
            return Math.round(maxGrowth * maxHeapBytes);
        }

        String describe() {
            return String.format(Locale.ROOT, "after a warm-up of %s and until the replay ends, the least-squares line"
                    + " of the heap after GC less the trainer's rating log may rise by at most %.0f%% of the max heap (%,d MB) over the run",
                    warmupSeconds >= 0 ? String.format(Locale.ROOT, "%.0f s", warmupSeconds)
                            : String.format(Locale.ROOT, "the first %.0f%% of the samples", warmupFraction * 100),
                    maxGrowth * 100, boundBytes() >> 20);
        }
    }

    static HeapVerdict judge(List<SoakSample> samples, Rule rule) {
        int warmup = warmupSamples(samples, rule);
        List<SoakSample> fitted = samples.subList(warmup, Math.max(warmup, replayEnd(samples)));
        if (fitted.size() < MIN_FITTED) {
            return new HeapVerdict(Outcome.INCONCLUSIVE, warmup, fitted.size(), Double.NaN, Double.NaN, Double.NaN,
                    rule.boundBytes());
        }
        double span = fitted.get(fitted.size() - 1).seconds() - fitted.get(0).seconds();
        double growth = slope(fitted, SoakSample::seconds, SoakSample::heapLessRatingLog) * span;
        double raw = slope(fitted, SoakSample::seconds, SoakSample::heapAfterGc) * span;
        double perMillion = slope(fitted, SoakSample::ratingsProcessed, SoakSample::heapLessRatingLog) * 1e6;
        return new HeapVerdict(growth > rule.boundBytes() ? Outcome.FAIL : Outcome.PASS, warmup, fitted.size(),
                growth, raw, perMillion, rule.boundBytes());
    }

    /**
     * One past the first sample that saw every rating sent: after it the replay is over and the app drains its lag,
     * which is no steady state (the replay's input is freed, the trainer has nothing new to train on); all samples
     * when none did.
     */
    static int replayEnd(List<SoakSample> samples) {
        long total = samples.stream().mapToLong(SoakSample::ratingsSent).max().orElse(0);
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).ratingsSent() == total) {
                return i + 1;
            }
        }
        return samples.size();
    }

    static int warmupSamples(List<SoakSample> samples, Rule rule) {
        if (rule.warmupSeconds() < 0) {
            return (int) Math.ceil(samples.size() * rule.warmupFraction());
        }
        int n = 0;
        while (n < samples.size() && samples.get(n).seconds() < rule.warmupSeconds()) {
            n++;
        }
        return n;
    }

    /** The least-squares slope of y over x; NaN when x does not vary. */
    static double slope(List<SoakSample> samples, ToDoubleFunction<SoakSample> x, ToDoubleFunction<SoakSample> y) {
        double meanX = samples.stream().mapToDouble(x).average().orElse(Double.NaN);
        double meanY = samples.stream().mapToDouble(y).average().orElse(Double.NaN);
        double sxy = 0;
        double sxx = 0;
        for (SoakSample s : samples) {
            double dx = x.applyAsDouble(s) - meanX;
            sxy += dx * (y.applyAsDouble(s) - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** One line a person reads last: the outcome and the figures it rests on. */
    String line() {
        return switch (outcome) {
            case INCONCLUSIVE -> String.format(Locale.ROOT, "verdict: INCONCLUSIVE - %d samples after warm-up, at least"
                    + " %d needed (a longer run, or a shorter --sample-seconds)", fitted, MIN_FITTED);
            case PASS, FAIL -> String.format(Locale.ROOT, "verdict: %s - heap after GC less the rating log %s %+,.1f MB"
                            + " over %d samples after warm-up (bound %,d MB; %+,.1f MB per million ratings); heap"
                            + " after GC alone %+,.1f MB", outcome, outcome == Outcome.PASS ? "moved" : "grew",
                    growthBytes / (1 << 20), fitted, boundBytes >> 20, bytesPerMillion / (1 << 20),
                    rawGrowthBytes / (1 << 20));
        };
    }

    Map<String, Object> json(Rule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", outcome.name());
        out.put("rule", rule.describe());
        out.put("warmup_samples", warmupSamples);
        out.put("fitted_samples", fitted);
        out.put("growth_bytes", finite(growthBytes));
        out.put("raw_growth_bytes", finite(rawGrowthBytes));
        out.put("bytes_per_million_ratings", finite(bytesPerMillion));
        out.put("bound_bytes", boundBytes);
        return out;
    }

    private static Long finite(double value) {
        return Double.isFinite(value) ? Math.round(value) : null;
    }
}
