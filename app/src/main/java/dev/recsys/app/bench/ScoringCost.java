package dev.recsys.app.bench;

import dev.recsys.model.FastScorer;
import dev.recsys.model.History;

import java.util.Arrays;
import java.util.Map;

/**
 * What the streams app's scoring costs per rating with a model, and what its two stages give up: for each user, the
 * two-stage top k ({@link FastScorer#recommend}, the app's per-rating work) against every movie scored by both
 * networks ({@link FastScorer#exhaustive}), timed over the same users, and the share of users whose two lists are the
 * same movies in the same order.
 *
 * @param recommend          the two-stage top k per user
 * @param full               the exhaustive top k per user
 * @param twoStageEqualShare users whose two-stage top k equals the exhaustive one, over all users measured
 * @param users              users measured
 */
record ScoringCost(Timings recommend, Timings full, double twoStageEqualShare, int users) {

    static ScoringCost measure(FastScorer fast, Map<Integer, History> histories, int[] userIds, int k, int repeats) {
        Timings recommend = Timings.of(userIds, repeats, user -> fast.recommend(histories.get(user), k).movieIds()[0]);
        Timings full = Timings.of(userIds, repeats, user -> fast.exhaustive(histories.get(user), k)[0]);
        int equal = 0;
        for (int user : userIds) {
            History history = histories.get(user);
            if (Arrays.equals(fast.exhaustive(history, k), fast.recommend(history, k).movieIds())) {
                equal++;
            }
        }
        return new ScoringCost(recommend, full, userIds.length == 0 ? Double.NaN : (double) equal / userIds.length,
                userIds.length);
    }
}
