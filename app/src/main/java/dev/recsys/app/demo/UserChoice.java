package dev.recsys.app.demo;

import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.replay.RatingLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Picks whose view the demo shows: the user with the most ratings among the first N in the replay's order. */
final class UserChoice {

    private UserChoice() {
    }

    /** @param firstN how many ratings, in time order, count; 0 counts all */
    static int mostActive(Path data, long firstN) {
        MovieLensReader reader = MovieLensReader.open(data);
        RatingLog log = new RatingLog(reader.ratingsSource());
        reader.ratings(log::add, ErrorSink.ignore());
        // the order the replay sends them in: by time, ties in file order
        log.sortByTime();
        int n = firstN == 0 ? log.size() : (int) Math.min(firstN, log.size());
        Map<Integer, Integer> counts = new HashMap<>();
        int best = -1;
        int bestCount = 0;
        for (int i = 0; i < n; i++) {
            int user = log.userId(i);
            int count = counts.merge(user, 1, Integer::sum);
            if (count > bestCount) {
                best = user;
                bestCount = count;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no ratings in " + data);
        }
        return best;
    }
}
