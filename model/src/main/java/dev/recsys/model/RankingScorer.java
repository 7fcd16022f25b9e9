package dev.recsys.model;

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

    private static INDArray param(MultiLayerNetwork network, int layer, String key) {
        return network.getLayer(layer).getParam(key).castTo(DataType.FLOAT);
    }

    private static float[] vector(MultiLayerNetwork network, int layer, String key) {
        INDArray p = param(network, layer, key);
        return p.dup('c').reshape(p.length()).toFloatVector();
    }
}
