package dev.recsys.model;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ranking network in plain arrays: a user's score (the softmax's logit) for every movie of the model, from the
 * user's history. Equal to the network's output in inference mode up to the softmax's per-user constant, which no
 * ranking depends on. The encoder is a sum over the user's rated movies (O(history x width)), the decoder one pass
 * over the catalogue (O(movies x width)), laid out movie-minor so that its inner loop vectorises. Immutable and
 * thread-safe.
 */
public final class RankingScorer {
    private final IdMap movies;
    private final double lowRatingWeight;
    private final float[][] encoder;  // movies x width
    private final float[] encoderBias;
    private final float[][] decoder;  // width x movies
    private final float[] decoderBias;

    RankingScorer(MultiLayerNetwork network, IdMap movies, double lowRatingWeight) {
        this.movies = movies;
        this.lowRatingWeight = lowRatingWeight;
        this.encoder = param(network, ModelFactory.RANKING_ENCODER, "W").toFloatMatrix();
        this.encoderBias = vector(network, ModelFactory.RANKING_ENCODER, "b");
        this.decoder = param(network, ModelFactory.RANKING_OUTPUT, "W").toFloatMatrix();
        this.decoderBias = vector(network, ModelFactory.RANKING_OUTPUT, "b");
    }

    public int movieCount() {
        return movies.size();
    }

    /**
     * The user's hidden vector: tanh of the encoder over the normalised, weighted history (unknown movies out), as
     * {@link RankingInput#row} weighs it.
     */
    float[] encode(History history, double recency) {
        int width = encoderBias.length;
        float[] acc = new float[width];
        float[] weights = RankingInput.weights(history, lowRatingWeight, recency);
        double norm = 0;
        for (int i = 0; i < history.size(); i++) {
            if (movies.rowOf(history.movieId(i)) >= 0) {
                norm += (double) weights[i] * weights[i];
            }
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                FastScorer.axpy(weights[i] * scale, encoder[row], acc);
            }
        }
        for (int k = 0; k < width; k++) {
            acc[k] = (float) Math.tanh(acc[k] + encoderBias[k]);
        }
        return acc;
    }

    /**
     * Every movie's score for the user into out[row], the history weighted with this recency (1: by rating only);
     * out must hold at least {@link #movieCount()} values.
     */
    public void scoreAll(History history, double recency, float[] out) {
        float[] hidden = encode(history, recency);
        int count = movies.size();
        System.arraycopy(decoderBias, 0, out, 0, count);
        for (int k = 0; k < hidden.length; k++) {
            float h = hidden[k];
            float[] column = decoder[k];
            for (int i = 0; i < count; i++) {
                out[i] += h * column[i];
            }
        }
    }

    /**
     * Leave-one-out over the history: out[m][i] is how much the score of movie rows[m] drops when the history's
     * entry i is left out (its recency weights taken as they would be without it), i.e. the score for the history
     * minus the score for the history without entry i. Positive: the rated movie raised that movie's score.
     * O(history x width x (1 + rows)): the encoder's sums without entry i come from running sums, not from a new
     * pass over the history per entry.
     */
    float[][] leaveOneOut(History history, double recency, int[] rows) {
        int n = history.size();
        int width = encoderBias.length;
        float[] full = encode(history, recency);
        float[] weights = RankingInput.weights(history, lowRatingWeight, recency);
        // an entry before the one left out has one rating fewer after it: the weights of the first n - 1 entries
        float[] shifted = n == 0 ? new float[0] : RankingInput.weights(
                new History(Arrays.copyOf(history.movieIds(), n - 1),
                        Arrays.copyOf(history.ratings(), n - 1)), lowRatingWeight, recency);
        double[] total = new double[width];
        double totalNorm = 0;
        int known = 0;
        for (int i = 0; i < n; i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                add(weights[i], encoder[row], total);
                totalNorm += (double) weights[i] * weights[i];
                known++;
            }
        }
        double[] before = new double[width];   // entries before i, at their shifted weights
        double beforeNorm = 0;
        double[] upTo = new double[width];     // entries up to and including i, at their full weights
        double upToNorm = 0;
        float[][] out = new float[rows.length][n];
        float[] hidden = new float[width];
        for (int i = 0; i < n; i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                add(weights[i], encoder[row], upTo);
                upToNorm += (double) weights[i] * weights[i];
            }
            // as encode: no known movie left, no input (the sums' rounding must not pass for one)
            double norm = known - (row >= 0 ? 1 : 0) == 0 ? 0 : beforeNorm + totalNorm - upToNorm;
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int k = 0; k < width; k++) {
                hidden[k] = (float) Math.tanh((before[k] + total[k] - upTo[k]) * scale + encoderBias[k]);
            }
            for (int m = 0; m < rows.length; m++) {
                double drop = 0;
                for (int k = 0; k < width; k++) {
                    drop += (full[k] - hidden[k]) * decoder[k][rows[m]];
                }
                out[m][i] = (float) drop;
            }
            if (row >= 0 && i < n - 1) {
                add(shifted[i], encoder[row], before);
                beforeNorm += (double) shifted[i] * shifted[i];
            }
        }
        return out;
    }

    private static void add(float a, float[] x, double[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }

    private static INDArray param(MultiLayerNetwork network, int layer, String key) {
        return network.getLayer(layer).getParam(key).castTo(DataType.FLOAT);
    }

    private static float[] vector(MultiLayerNetwork network, int layer, String key) {
        INDArray p = param(network, layer, key);
        return p.dup('c').reshape(p.length()).toFloatVector();
    }
}
