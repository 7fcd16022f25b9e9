package dev.recsys.ingest.replay;

import dev.recsys.ingest.io.BadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param format         the input's format (ml-100k, ml-1m, ml-latest)
 * @param source         the ratings' source label, such as ml-100k/u.data
 * @param moviesSent     movies sent to the movies topic
 * @param usersSent      users sent to the users topic
 * @param ratingsRead    valid ratings read from the input
 * @param ratingsSent    ratings the broker acknowledged
 * @param ratingsLogged  ratings of the range left out because ratings held them already (a resumed replay)
 * @param skipped        bad input lines per reason (movies, users and ratings files)
 * @param examples       the first few bad lines
 * @param seconds        the whole run, reading included
 * @param ratingsSeconds from the first rating sent to the last acknowledged
 * @param cancelled      whether the run was stopped before sending all it meant to
 */
public record ReplaySummary(String format, String source, long moviesSent, long usersSent, long ratingsRead,
                            long ratingsSent, long ratingsLogged, Map<BadRecord.Reason, Long> skipped,
                            List<BadRecord> examples,
                            double seconds, double ratingsSeconds, boolean cancelled) {

    public ReplaySummary {
        skipped = Map.copyOf(skipped);
        examples = List.copyOf(examples);
    }

    /** Ratings per second while ratings were going out. */
    public double eventsPerSecond() {
        return ratingsSeconds > 0 ? ratingsSent / ratingsSeconds : 0;
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary a person reads at the end of a run: counts, rate, and each kind of bad line with examples. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s %s: %d ratings read, %d sent%s, %d movies, %d users, %d bad lines"
                        + " skipped; %.1f s (%.0f ratings/s)", cancelled ? "Cancelled replay of" : "Replayed", source,
                ratingsRead, ratingsSent, ratingsLogged > 0 ? " (" + ratingsLogged + " in the log already)" : "",
                moviesSent, usersSent, skippedTotal(), seconds, eventsPerSecond()));
        for (BadRecord.Reason reason : BadRecord.Reason.values()) {
            Long count = skipped.get(reason);
            if (count != null) {
                lines.add(String.format(Locale.ROOT, "  %-20s %d", reason, count));
            }
        }
        for (BadRecord bad : examples) {
            lines.add("  e.g. " + bad.describe());
        }
        return lines;
    }
}
