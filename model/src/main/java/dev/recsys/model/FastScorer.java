package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Scores every movie for one user with plain float arrays, built once per model version.
 *
 * <p>The first dense layer sees [user embedding, movie embedding, genre flags]; its movie part (movie embedding
 * and genres times W1, plus the bias) does not depend on the user, so it is computed here once for every movie.
 * Per user only the user part (64 x 64) and the two small layers per movie remain. The result equals the DL4J
 * graph's output in inference mode (dropout off) to float rounding. Immutable and thread-safe.
 */
public final class FastScorer {
    private final IdMap users;
    private final IdMap movies;
    private final int embeddingSize;
    private final int hidden1;
    private final int hidden2;
    private final float[] userEmbedding;   // (users + 1) x E, the last row is the cold-start user
    private final float[] userToHidden1;   // E x H1: the user block of W1
    private final float[] movieHidden1;    // movies x H1: movie and genre blocks of W1 applied, plus b1
    private final float[] w2;              // H1 x H2
    private final float[] b2;
    private final float[] w3;              // H2
    private final float b3;
    private final float[] userBias;        // users + 1; zeros without bias terms
    private final float[] movieBias;       // movies
    private final float[] movieEmbedding;  // movies x E, for the dot term; empty without it
    private final float[] dotWeights;      // E; null without the dot term
    private final float[] userFeatures;    // (users + 1) x F demographics; empty without user features
    private final float[] featureToHidden1; // F x H1: the user-feature block of W1

    private FastScorer(HybridModel m) {
        ComputationGraph g = m.graph();
        ModelConfig c = m.config();
        this.users = m.users();
        this.movies = m.movies();
        this.embeddingSize = c.embeddingSize();
        this.hidden1 = c.hidden1();
        this.hidden2 = c.hidden2();
        float[][] w1 = Params.matrix(g, ModelFactory.HIDDEN1, "W");
        this.userEmbedding = Params.flat(g, ModelFactory.USER_EMBEDDING, "W");
        this.userToHidden1 = Params.rows(w1, 0, embeddingSize);
        this.movieHidden1 = movieSide(m, w1, Params.vector(g, ModelFactory.HIDDEN1, "b"));
        this.w2 = Params.flat(g, ModelFactory.HIDDEN2, "W");
        this.b2 = Params.vector(g, ModelFactory.HIDDEN2, "b");
        this.w3 = Params.flat(g, ModelFactory.SCORE, "W");
        this.b3 = Params.vector(g, ModelFactory.SCORE, "b")[0];
        if (c.biasTerms()) {
            this.userBias = Params.flat(g, ModelFactory.USER_BIAS, "W");
            this.movieBias = Params.flat(g, ModelFactory.MOVIE_BIAS, "W");
        } else {
            this.userBias = new float[users.size() + 1];
            this.movieBias = new float[movies.size() + 1];
        }
        if (c.userFeatures()) {
            this.userFeatures = Params.flat(g, ModelFactory.USER_FEATURES, "W");
            int from = 2 * embeddingSize + GenreFeatures.WIDTH;
            this.featureToHidden1 = Params.rows(w1, from, from + UserFeatures.WIDTH);
        } else {
            this.userFeatures = new float[0];
            this.featureToHidden1 = new float[0];
        }
        if (c.dotTerm()) {
            this.movieEmbedding = Params.flat(g, ModelFactory.MOVIE_EMBEDDING, "W");
            this.dotWeights = Params.flat(g, ModelFactory.DOT, "W");
        } else {
            this.movieEmbedding = new float[0];
            this.dotWeights = null;
        }
    }

    public static FastScorer of(HybridModel m) {
        return new FastScorer(m);
    }

    private float[] movieSide(HybridModel m, float[][] w1, float[] b1) {
        float[][] movieEmbedding = Params.matrix(m.graph(), ModelFactory.MOVIE_EMBEDDING, "W");
        int count = movies.size();
        int[] masks = m.movieGenreMasks();
        float[] out = new float[count * hidden1];
        float[] genres = new float[GenreFeatures.WIDTH];
        for (int row = 0; row < count; row++) {
            GenreFeatures.write(masks[row], genres, 0);
            int base = row * hidden1;
            System.arraycopy(b1, 0, out, base, hidden1);
            for (int k = 0; k < embeddingSize; k++) {
                axpy(movieEmbedding[row][k], w1[embeddingSize + k], out, base, hidden1);
            }
            for (int g = 0; g < GenreFeatures.WIDTH; g++) {
                if (genres[g] != 0f) {
                    axpy(genres[g], w1[2 * embeddingSize + g], out, base, hidden1);
                }
            }
        }
        return out;
    }

    public int movieCount() {
        return movies.size();
    }

    public int movieIdAt(int row) {
        return movies.rawIdAt(row);
    }

    /** The movie's row in {@link #scoreAll}'s output, or -1 if the model does not know the movie. */
    public int rowOfMovie(int rawMovieId) {
        return movies.rowOf(rawMovieId);
    }

    /** Whether the model has an embedding of its own for the user (otherwise scoring takes the cold-start row). */
    public boolean knowsUser(int rawUserId) {
        return users.rowOf(rawUserId) >= 0;
    }

    /**
     * Predicted rating of every movie for the user, out[row] for movie row (see {@link #movieIdAt}); out must hold
     * at least {@link #movieCount()} values. An unknown user is scored as the average user.
     */
    public void scoreAll(int rawUserId, float[] out) {
        if (out.length < movies.size()) {
            throw new IllegalArgumentException("out holds " + out.length + " scores, " + movies.size() + " needed");
        }
        int userRow = users.rowOf(rawUserId);
        if (userRow < 0) {
            userRow = users.size();
        }
        float[] userSide = new float[hidden1];
        int userBase = userRow * embeddingSize;
        for (int k = 0; k < embeddingSize; k++) {
            axpy(userEmbedding[userBase + k], userToHidden1, k * hidden1, userSide, 0, hidden1);
        }
        if (featureToHidden1.length > 0) {
            int featureBase = userRow * UserFeatures.WIDTH;
            for (int f = 0; f < UserFeatures.WIDTH; f++) {
                float x = userFeatures[featureBase + f];
                if (x != 0f) {
                    axpy(x, featureToHidden1, f * hidden1, userSide, 0, hidden1);
                }
            }
        }
        float offset = b3 + userBias[userRow];
        // the dot term's user side: u * w, so that per movie it is one dot product with the movie's embedding
        float[] userDot = new float[dotWeights == null ? 0 : embeddingSize];
        for (int k = 0; k < userDot.length; k++) {
            userDot[k] = userEmbedding[userBase + k] * dotWeights[k];
        }
        float[] h2 = new float[hidden2];
        for (int row = 0; row < movies.size(); row++) {
            System.arraycopy(b2, 0, h2, 0, hidden2);
            int base = row * hidden1;
            for (int k = 0; k < hidden1; k++) {
                float a = movieHidden1[base + k] + userSide[k];
                if (a > 0f) {  // ReLU: a unit at zero contributes nothing
                    axpy(a, w2, k * hidden2, h2, 0, hidden2);
                }
            }
            float score = offset + movieBias[row];
            int movieBase = row * embeddingSize;
            for (int k = 0; k < userDot.length; k++) {
                score += userDot[k] * movieEmbedding[movieBase + k];
            }
            for (int j = 0; j < hidden2; j++) {
                if (h2[j] > 0f) {
                    score += h2[j] * w3[j];
                }
            }
            out[row] = score;
        }
    }

    private static void axpy(float a, float[] x, float[] y, int yOffset, int n) {
        axpy(a, x, 0, y, yOffset, n);
    }

    private static void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += a * x[xOffset + i];
        }
    }
}
