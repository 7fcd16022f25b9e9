package dev.recsys.model;

import dev.recsys.model.layers.Floats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ranking network's rows, one per user: the input is the user's rated movies, each weighted (1 for a rating of
 * 4 or more, the low-rating weight below), L2-normalised; the label is the same weights normalised to sum to 1, so
 * that softmax cross-entropy is the multinomial likelihood of the user's movies; the label mask weighs each user by
 * their total weight (relative to the batch mean), as the multinomial sum over a user's movies does.
 */
final class RankingInput {
    private RankingInput() {
    }

    static float weight(float rating, double lowRatingWeight) {
        return rating >= RankingMetrics.RELEVANT_AT ? 1f : (float) lowRatingWeight;
    }

    /** The minibatch of the given users (indices into the set), ready for fit. */
    static DataSet batch(TrainingSet set, int[] users, double lowRatingWeight) {
        int n = set.movies.size();
        int b = users.length;
        float[] input = new float[b * n];
        float[] labels = new float[b * n];
        float[] mask = new float[b];
        double meanTotal = 0;
        for (int i = 0; i < b; i++) {
            History h = set.histories[users[i]];
            double squares = 0;
            double total = 0;
            for (int j = 0; j < h.size(); j++) {
                float w = weight(h.rating(j), lowRatingWeight);
                squares += w * w;
                total += w;
            }
            for (int j = 0; j < h.size(); j++) {
                int row = set.movies.rowOf(h.movieId(j));
                float w = weight(h.rating(j), lowRatingWeight);
                input[i * n + row] = (float) (w / Math.sqrt(squares));
                labels[i * n + row] = (float) (w / total);
            }
            mask[i] = (float) total;
            meanTotal += total / b;
        }
        for (int i = 0; i < b; i++) {
            mask[i] /= (float) meanTotal;
        }
        INDArray in = Floats.array(input, new long[] {b, n}, 'c');
        INDArray out = Floats.array(labels, new long[] {b, n}, 'c');
        return new DataSet(in, out, null, Nd4j.create(mask, new long[] {b, 1}));
    }
}
