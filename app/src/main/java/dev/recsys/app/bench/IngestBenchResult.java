package dev.recsys.app.bench;

import dev.recsys.ingest.replay.ReplaySummary;
import java.util.List;
import java.util.Locale;

/** The figures of one ingest benchmark, as text lines and as JSON. */
record IngestBenchResult(ReplaySummary summary, List<Double> replayRates, List<Double> rawRates,
                         List<Double> replaySeconds, double meanValueBytes) {

    double eventsPerSecond() {
        return IngestBench.median(replayRates);
    }

    double rawEventsPerSecond() {
        return IngestBench.median(rawRates);
    }

    double ratio() {
        return eventsPerSecond() / rawEventsPerSecond();
    }

    List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "input: %s (%s), %d ratings read, %d sent, %d movies, %d users, %d skipped",
                        summary.source(), summary.format(), summary.ratingsRead(), summary.ratingsSent(),
                        summary.moviesSent(), summary.usersSent(), summary.skippedTotal()),
                String.format(Locale.ROOT, "runs: %d each side, mean value %.1f bytes; replay %s ratings/s, bare %s"
                                + " records/s; whole replay incl. reading %s s", replayRates.size(), meanValueBytes,
                        IngestBench.list(replayRates), IngestBench.list(rawRates), seconds()),
                "events_per_s " + IngestBench.format(eventsPerSecond()),
                "raw_events_per_s " + IngestBench.format(rawEventsPerSecond()),
                String.format(Locale.ROOT, "ratio %.2f", ratio()));
    }

    private String seconds() {
        return replaySeconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList().toString();
    }

    String json() {
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "ingest",
                  "source": "%s",
                  "ratings_read": %d,
                  "ratings_sent": %d,
                  "movies": %d,
                  "users": %d,
                  "skipped": %d,
                  "runs": %d,
                  "mean_value_bytes": %.1f,
                  "events_per_s": %.0f,
                  "raw_events_per_s": %.0f,
                  "ratio": %.3f,
                  "replay_runs_events_per_s": %s,
                  "raw_runs_events_per_s": %s,
                  "replay_runs_total_s": %s
                }
                """, summary.source(), summary.ratingsRead(), summary.ratingsSent(), summary.moviesSent(),
                summary.usersSent(), summary.skippedTotal(), replayRates.size(), meanValueBytes, eventsPerSecond(),
                rawEventsPerSecond(), ratio(), IngestBench.list(replayRates), IngestBench.list(rawRates), seconds());
    }
}
