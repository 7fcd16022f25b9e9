package dev.recsys.app.demo;

import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Picks whose view the demo shows: the user with the most ratings among the first N in time order. */
final class UserChoice {
    // a rating packed as (event time << USER_BITS) | user id: one long each, sorted by time
    private static final int USER_BITS = 22;

    private UserChoice() {
    }

    /** @param firstN how many ratings, in time order, count; 0 counts all */
    static int mostActive(Path data, long firstN) {
        long[][] packed = {new long[1 << 16]};
        int[] size = {0};
        MovieLensReader.open(data).ratings(rating -> {
            if (size[0] == packed[0].length) {
                packed[0] = Arrays.copyOf(packed[0], size[0] * 2);
            }
            packed[0][size[0]++] = (rating.getEventTime().toEpochMilli() << USER_BITS) | (rating.getUserId() & ((1 << USER_BITS) - 1));
        }, ErrorSink.ignore());
        long[] ratings = Arrays.copyOf(packed[0], size[0]);
        Arrays.sort(ratings);
        int n = firstN == 0 ? ratings.length : (int) Math.min(firstN, ratings.length);
        Map<Integer, Integer> counts = new HashMap<>();
        int best = -1;
        int bestCount = 0;
        for (int i = 0; i < n; i++) {
            int user = (int) (ratings[i] & ((1 << USER_BITS) - 1));
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
