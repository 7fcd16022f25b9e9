package dev.recsys.ingest.replay;

import java.time.Duration;

/**
 * Where a replay stands, as its progress listener sees it.
 *
 * @param phase   what it is doing
 * @param sent    ratings the broker has acknowledged
 * @param total   ratings this run will send (after skip and limit)
 * @param elapsed time since the ratings began to go out (zero before)
 */
public record ReplayProgress(Phase phase, long sent, long total, Duration elapsed) {

    public enum Phase {
        /** Reading and sorting the input files. */
        READING,
        /** Sending movies and users. */
        CATALOGUE,
        /** Sending ratings. */
        RATINGS,
        /** Finished, cancelled or failed: the last report. */
        DONE
    }

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }

    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) sent / total) : 1.0;
    }

    /** The time left at the average rate so far; null while there is no rate yet. */
    public Duration eta() {
        double rate = eventsPerSecond();
        return rate > 0 ? Duration.ofMillis((long) ((total - sent) / rate * 1000)) : null;
    }
}
