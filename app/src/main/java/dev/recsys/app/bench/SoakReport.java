package dev.recsys.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the soak shows its samples: one progress line each while it runs, a condensed table at the end. */
final class SoakReport {
    private static final String ROW = "%7s  %11s  %11s  %9s  %9s  %7s  %9s  %8s  %8s  %6s  %5s  %s";

    private SoakReport() {
    }

    static String progress(SoakSample s) {
        return String.format(Locale.ROOT, "%5.0f s  sent %,d | processed %,d, lag %,d | heap after GC %,d MB (rating"
                        + " log %,d MB), before %,d MB, GC %d ms | RSS %s | state %,d MB | model %s, trainer %s",
                s.seconds(), s.ratingsSent(), s.ratingsProcessed(), s.lag(), mb(s.heapAfterGc()),
                mb(s.ratingLogBytes()), mb(s.heapUsed()), s.gcMillis(), s.rss() < 0 ? "n/a" : mb(s.rss()) + " MB",
                mb(s.stateBytes()), s.modelVersion() < 0 ? "none" : "v" + s.modelVersion(), s.trainer());
    }

    /** The table of at most {@code rows} samples, evenly spread, first and last included (the JSON has all). */
    static List<String> table(List<SoakSample> samples, int rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, ROW, "time s", "ratings", "processed", "lag", "heap/GC", "log",
                "heap used", "RSS", "state", "GC ms", "model", "trainer"));
        for (SoakSample s : condensed(samples, rows)) {
            lines.add(String.format(Locale.ROOT, ROW, String.format(Locale.ROOT, "%.0f", s.seconds()),
                    String.format(Locale.ROOT, "%,d", s.ratingsSent()),
                    String.format(Locale.ROOT, "%,d", s.ratingsProcessed()), String.format(Locale.ROOT, "%,d", s.lag()),
                    mb(s.heapAfterGc()) + " MB", mb(s.ratingLogBytes()) + " MB", mb(s.heapUsed()) + " MB",
                    s.rss() < 0 ? "n/a" : mb(s.rss()) + " MB", mb(s.stateBytes()) + " MB", s.gcMillis(),
                    s.modelVersion() < 0 ? "-" : "v" + s.modelVersion(), s.trainer()));
        }
        return lines;
    }

    static List<SoakSample> condensed(List<SoakSample> samples, int rows) {
        if (samples.size() <= rows) {
            return samples;
        }
        List<SoakSample> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(samples.get((int) Math.round(i * (samples.size() - 1) / (double) (rows - 1))));
        }
        return out;
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (double) (1 << 20));
    }
}
