package dev.recsys.app.bench;

import dev.recsys.schemas.Strategy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Hit rate at 10 of a live recommendation stream, and of a most-popular chart on the same stream.
 *
 * <p>Ratings come in send order, each with the list it triggered. A rating (u, m) is a hit when m is in the top 10
 * of the list u held just before it: the list u's previous rating triggered. A user's first rating has no list
 * before it and is not counted; neither is a rating whose previous list never arrived. The baseline, for the same
 * ratings, is the chart of the most-rated movies as it stood right after u's previous rating (that rating
 * included, as it is in the list the stream emitted for it), less the movies u had rated by then: the same
 * information the live list had, and nothing from later ratings.
 */
final class OnlineHitRate {
    static final int K = 10;

    /** A list as the user was shown it: movie ids best first, how they were chosen, by which model (null: none). */
    record Shown(int[] movies, Strategy strategy, Long modelVersion) {
    }

    /** One rating of the replay, with the list it triggered; {@code triggered} null when none was read. */
    record Step(int user, int movie, Shown triggered) {
    }

    /** Ratings counted against one kind of list: how many, the list's hits and the popularity chart's hits. */
    record Tally(long ratings, long hits, long chartHits) {
        static final Tally NONE = new Tally(0, 0, 0);

        Tally plus(boolean hit, boolean chartHit) {
            return new Tally(ratings + 1, hits + (hit ? 1 : 0), chartHits + (chartHit ? 1 : 0));
        }

        double hitRate() {
            return ratings == 0 ? Double.NaN : (double) hits / ratings;
        }

        double chartHitRate() {
            return ratings == 0 ? Double.NaN : (double) chartHits / ratings;
        }

        /** The list's hit rate over the chart's; NaN when the chart has no hit. */
        double lift() {
            return chartHits == 0 ? Double.NaN : (double) hits / chartHits;
        }
    }

    /**
     * @param ratings        every rating given
     * @param firstRatings   ratings that were a user's first (not counted)
     * @param unanswered     ratings whose previous list is missing (not counted)
     * @param all            the counted ratings against every list
     * @param byStrategy     the counted ratings by the strategy of the list they were checked against
     * @param byModelVersion the counted ratings checked against model lists, by model version
     */
    record Figures(long ratings, long firstRatings, long unanswered, Tally all, Map<Strategy, Tally> byStrategy,
                   SortedMap<Long, Tally> byModelVersion) {
        Tally strategy(Strategy strategy) {
            return byStrategy.getOrDefault(strategy, Tally.NONE);
        }
    }

    private static final class UserState {
        final Set<Integer> rated = new HashSet<>();
        Shown shown;
        int[] chart;
    }

    private final PopularityChart chart = new PopularityChart();
    private final Map<Integer, UserState> users = new HashMap<>();
    private final Map<Strategy, Tally> byStrategy = new TreeMap<>();
    private final SortedMap<Long, Tally> byModelVersion = new TreeMap<>();
    private Tally all = Tally.NONE;
    private long ratings;
    private long firstRatings;
    private long unanswered;

    static Figures measure(List<Step> steps) {
        OnlineHitRate measure = new OnlineHitRate();
        steps.forEach(measure::add);
        return measure.figures();
    }

    /** The next rating in send order. */
    void add(Step step) {
        ratings++;
        UserState user = users.get(step.user());
        if (user == null) {
            firstRatings++;
            user = new UserState();
            users.put(step.user(), user);
        } else if (user.shown == null) {
            unanswered++;
        } else {
            count(user, step.movie());
        }
        // the rating now enters what the next one of this user is checked against
        chart.add(step.movie());
        user.rated.add(step.movie());
        user.shown = step.triggered();
        user.chart = chart.top(K, user.rated);
    }

    private void count(UserState user, int movie) {
        boolean hit = inTopK(user.shown.movies(), movie);
        boolean chartHit = inTopK(user.chart, movie);
        all = all.plus(hit, chartHit);
        Strategy strategy = user.shown.strategy();
        byStrategy.put(strategy, byStrategy.getOrDefault(strategy, Tally.NONE).plus(hit, chartHit));
        Long version = user.shown.modelVersion();
        if (strategy == Strategy.MODEL && version != null) {
            byModelVersion.put(version, byModelVersion.getOrDefault(version, Tally.NONE).plus(hit, chartHit));
        }
    }

    private static boolean inTopK(int[] list, int movie) {
        for (int i = 0; i < Math.min(K, list.length); i++) {
            if (list[i] == movie) {
                return true;
            }
        }
        return false;
    }

    Figures figures() {
        return new Figures(ratings, firstRatings, unanswered, all, Map.copyOf(byStrategy),
                new TreeMap<>(byModelVersion));
    }
}
