package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Arrays;

/**
 * The user's part of the network for FastScorer: the user blocks of the first layer (embedding, and demographics
 * where the model has them), the user bias, and the user's half of the dot term.
 */
final class UserSide {
    private final float[][] embedding;        // (users + 1) x E, the last row is the cold-start user
    private final float[][] embeddingToHidden; // E x H1
    private final float[][] features;         // (users + 1) x F; null without user features
    private final float[][] featuresToHidden; // F x H1
    private final float[] bias;               // users + 1; zeros without bias terms
    private final float[] dotWeights;         // E; null without the dot term
    private final int hidden1;

    /** The user side of member {@code member} (from 0) of the model; 0 for a single network. */
    UserSide(HybridModel m, float[][] w1, int member) {
        ComputationGraph g = m.graph();
        ModelConfig c = m.config();
        int e = c.embeddingSize();
        this.hidden1 = c.hidden1();
        this.embedding = Params.matrix(g, ModelFactory.member(ModelFactory.USER_EMBEDDING, member), "W");
        this.embeddingToHidden = Arrays.copyOfRange(w1, 0, e);
        if (c.userFeatures()) {
            int from = 2 * e + GenreFeatures.WIDTH;
            this.features = Params.matrix(g, ModelFactory.member(ModelFactory.USER_FEATURES, member), "W");
            this.featuresToHidden = Arrays.copyOfRange(w1, from, from + UserFeatures.WIDTH);
        } else {
            this.features = null;
            this.featuresToHidden = null;
        }
        this.bias = c.biasTerms() ? Params.flat(g, ModelFactory.member(ModelFactory.USER_BIAS, member), "W")
                : new float[m.users().size() + 1];
        this.dotWeights = c.dotTerm() ? Params.flat(g, ModelFactory.member(ModelFactory.DOT, member), "W") : null;
    }

    /** The user's contribution to the first layer's pre-activation. */
    float[] hidden1(int userRow) {
        float[] out = new float[hidden1];
        float[] u = embedding[userRow];
        for (int k = 0; k < u.length; k++) {
            FastScorer.axpy(u[k], embeddingToHidden[k], out);
        }
        if (features != null) {
            float[] f = features[userRow];
            for (int k = 0; k < f.length; k++) {
                if (f[k] != 0f) {
                    FastScorer.axpy(f[k], featuresToHidden[k], out);
                }
            }
        }
        return out;
    }

    float bias(int userRow) {
        return bias[userRow];
    }

    /** u * w: per movie, the dot term is then one dot product with the movie's embedding. */
    float[] dot(int userRow) {
        float[] u = embedding[userRow];
        float[] out = new float[u.length];
        for (int k = 0; k < u.length; k++) {
            out[k] = u[k] * dotWeights[k];
        }
        return out;
    }
}
