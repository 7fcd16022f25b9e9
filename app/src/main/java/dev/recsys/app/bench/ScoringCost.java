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
 * @param rankedShare        movies given a ranking score per two-stage top k, over the catalogue, mean over users
 * @param predictedMean      movies given a predicted rating per two-stage top k, mean over users
 * @param predictedMax       the same, the most for one user
 */
record ScoringCost(Timings recommend, Timings full, double twoStageEqualShare, int users, double rankedShare,
                   double predictedMean, int predictedMax) {

    static ScoringCost measure(FastScorer fast, Map<Integer, History> histories, int[] userIds, int k, int repeats) {
        Timings recommend = Timings.of(userIds, repeats, user -> fast.recommend(histories.get(user), k).movieIds()[0]);
        Timings full = Timings.of(userIds, repeats, user -> fast.exhaustive(histories.get(user), k)[0]);
        int equal = 0;
        long ranked = 0;
        long predicted = 0;
        int predictedMax = 0;
        for (int user : userIds) {
            History history = histories.get(user);
            int[] twoStage = fast.recommend(history, k).movieIds();
            FastScorer.Work work = fast.lastWork();
            ranked += work.ranked();
            predicted += work.predicted();
            predictedMax = Math.max(predictedMax, work.predicted());
            if (Arrays.equals(fast.exhaustive(history, k), twoStage)) {
                equal++;
            }
        }
        double users = userIds.length;
        return new ScoringCost(recommend, full, users == 0 ? Double.NaN : equal / users, userIds.length,
                users == 0 ? Double.NaN : ranked / users / fast.movieCount(), users == 0 ? Double.NaN
                : predicted / users, predictedMax);
    }
}
