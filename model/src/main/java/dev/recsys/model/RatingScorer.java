package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Arrays;

/**
 * One rating network in plain arrays, read straight from its layers.
 *
 * <p>The first dense layer sees [user vector, movie embedding, genre flags]; its movie part (movie embedding and genres
 * times W1, plus the bias) does not depend on the user, so it is computed here once for every movie. Per user, the
 * history is summed into the user vector and its bias (as {@code HistoryPooling} does), then only the user part of
 * W1 (64 x 64) and the two small layers per movie remain. Arrays are laid out movie-minor ({@code [unit][movie]}) so
 * that the inner loops over movies vectorise. Equal to the graph in inference mode (dropout off) to float rounding.
 * Immutable and thread-safe (scratch space is per thread).
 */
final class RatingScorer {
    private final int movieCount;
    private final int embedding;
    private final int hidden1;
    private final int hidden2;
    private final boolean biasColumn;
    private final double biasShrinkage;
    private final float[][] history;         // tokens x (E [+ 1])
    private final float[][] userToHidden;    // E x H1
    private final float[][] movieHidden1;    // H1 x movies: movie and genre blocks of W1 applied, plus b1
    private final float[][] w2;              // H1 x H2
    private final float[] b2;
    private final float[] w3;                // H2
    private final float b3;
    private final float[] movieBias;         // movies + 1; zeros without bias terms
    private final float[][] movieEmbedding;  // E x movies, for the dot term; null without it
    private final float[] dotWeights;        // E; null without the dot term
    private final ThreadLocal<float[][]> scratch;

    /** The user's side of one network: what every movie's score shares. */
    record User(float[] vector, float bias, float[] hidden1, float[] dot) {
    }

    /** Member {@code member} (from 0) of the model's rating graph; 0 for a single network. */
    RatingScorer(HybridModel m, int member) {
        ComputationGraph g = m.rating();
        ModelConfig c = m.config();
        this.movieCount = m.movies().size();
        this.embedding = c.embeddingSize();
        this.hidden1 = c.hidden1();
        this.hidden2 = c.hidden2();
        this.biasColumn = c.biasTerms();
        this.biasShrinkage = c.biasShrinkage();
        String first = ModelFactory.member(ModelFactory.HIDDEN1, member);
        String second = ModelFactory.member(ModelFactory.HIDDEN2, member);
        String score = ModelFactory.member(ModelFactory.SCORE, member);
        this.history = Params.matrix(g, ModelFactory.member(ModelFactory.HISTORY_POOL, member), "W");
        float[][] movieEmbeddings = Params.matrix(g, ModelFactory.member(ModelFactory.MOVIE_EMBEDDING, member), "W");
        float[][] w1 = Params.matrix(g, first, "W");
        this.userToHidden = Arrays.copyOfRange(w1, 0, embedding);
        this.movieHidden1 = movieSide(m, movieEmbeddings, w1, Params.vector(g, first, "b"));
        this.w2 = Params.matrix(g, second, "W");
        this.b2 = Params.vector(g, second, "b");
        this.w3 = Params.flat(g, score, "W");
        this.b3 = Params.vector(g, score, "b")[0];
        this.movieBias = c.biasTerms() ? Params.flat(g, ModelFactory.member(ModelFactory.MOVIE_BIAS, member), "W")
                : new float[movieCount + 1];
        this.movieEmbedding = c.dotTerm() ? transpose(movieEmbeddings, movieCount) : null;
        this.dotWeights = c.dotTerm() ? Params.flat(g, ModelFactory.member(ModelFactory.DOT, member), "W") : null;
        this.scratch = ThreadLocal.withInitial(() -> new float[hidden1 + 1][movieCount]);
    }

    private float[][] movieSide(HybridModel m, float[][] movieEmbeddings, float[][] w1, float[] b1) {
        float[][] side = new float[hidden1][movieCount];
        float[] genres = new float[GenreFeatures.WIDTH];
        float[] row = new float[hidden1];
        for (int movie = 0; movie < movieCount; movie++) {
            System.arraycopy(b1, 0, row, 0, hidden1);
            for (int k = 0; k < embedding; k++) {
                FastScorer.axpy(movieEmbeddings[movie][k], w1[embedding + k], row);
            }
            GenreFeatures.write(m.genreMaskAt(movie), genres, 0);
            for (int g = 0; g < GenreFeatures.WIDTH; g++) {
                if (genres[g] != 0f) {
                    FastScorer.axpy(genres[g], w1[2 * embedding + g], row);
                }
            }
            for (int k = 0; k < hidden1; k++) {
                side[k][movie] = row[k];
            }
        }
        return side;
    }

    /** The user's side from their history tokens (see {@link RatingInputs#tokens}). */
    User user(int[] tokens) {
        int n = tokens.length;
        int width = embedding + (biasColumn ? 1 : 0);
        float[] sum = new float[width];
        for (int token : tokens) {
            float[] row = history[token];
            for (int k = 0; k < width; k++) {
                sum[k] += row[k];
            }
        }
        float scale = n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
        float[] vector = new float[embedding];
        for (int k = 0; k < embedding; k++) {
            vector[k] = sum[k] * scale;
        }
        float bias = biasColumn ? (float) (sum[embedding] / (n + biasShrinkage)) : 0f;
        float[] hidden = new float[hidden1];
        for (int k = 0; k < embedding; k++) {
            FastScorer.axpy(vector[k], userToHidden[k], hidden);
        }
        float[] dot = null;
        if (dotWeights != null) {
            dot = new float[embedding];
            for (int k = 0; k < embedding; k++) {
                dot[k] = vector[k] * dotWeights[k];
            }
        }
        return new User(vector, bias, hidden, dot);
    }

    /** This network's predicted rating of every movie for the user into out[row] (not clamped). */
    void scoreAll(User user, float[] out) {
        int count = movieCount;
        float[][] h = scratch.get();
        float[] userHidden = user.hidden1();
        for (int k = 0; k < hidden1; k++) {
            float u = userHidden[k];
            float[] side = movieHidden1[k];
            float[] hk = h[k];
            for (int i = 0; i < count; i++) {
                hk[i] = Math.max(side[i] + u, 0f);
            }
        }
        float offset = b3 + user.bias();
        for (int i = 0; i < count; i++) {
            out[i] = offset + movieBias[i];
        }
        if (movieEmbedding != null) {
            float[] userDot = user.dot();
            for (int k = 0; k < userDot.length; k++) {
                float weight = userDot[k];
                float[] column = movieEmbedding[k];
                for (int i = 0; i < count; i++) {
                    out[i] += weight * column[i];
                }
            }
        }
        // hiddenLayers' loops, written out here: through the call, this full pass measured 10-30% slower (median CPU
        // 0.50-0.62 ms against 0.44-0.47 ms for two members, three alternating runs each), the candidates' pass
        // (100 movies) does not notice
        float[] acc = h[hidden1];
        for (int j = 0; j < hidden2; j++) {
            Arrays.fill(acc, 0, count, b2[j]);
            // four units of the first layer per pass: one load and store of the accumulator per four
            // products (eight per pass defeats the JIT's vectorisation: 4x slower, measured; blocks of 256 movies,
            // to keep the activations in cache, 15% slower)
            int k = 0;
            for (; k + 4 <= hidden1; k += 4) {
                float wa = w2[k][j];
                float wb = w2[k + 1][j];
                float wc = w2[k + 2][j];
                float wd = w2[k + 3][j];
                float[] ha = h[k];
                float[] hb = h[k + 1];
                float[] hc = h[k + 2];
                float[] hd = h[k + 3];
                for (int i = 0; i < count; i++) {
                    acc[i] += wa * ha[i] + wb * hb[i] + wc * hc[i] + wd * hd[i];
                }
            }
            for (; k < hidden1; k++) {
                float weight = w2[k][j];
                float[] hk = h[k];
                for (int i = 0; i < count; i++) {
                    acc[i] += weight * hk[i];
                }
            }
            float weight = w3[j];
            for (int i = 0; i < count; i++) {
                out[i] += weight * Math.max(acc[i], 0f);
            }
        }
    }

    /**
     * This network's predicted rating of some movie rows for the user into out[i] for rows[i], i < count (not
     * clamped): the candidates of a list. The first layer gathers their columns; the rest runs over them as
     * {@link #scoreAll} runs over every movie.
     */
    void scoreRows(User user, int[] rows, int count, float[] out) {
        float[][] h = scratch.get();
        float[] userHidden = user.hidden1();
        for (int k = 0; k < hidden1; k++) {
            float u = userHidden[k];
            float[] side = movieHidden1[k];
            float[] hk = h[k];
            for (int i = 0; i < count; i++) {
                hk[i] = Math.max(side[rows[i]] + u, 0f);
            }
        }
        float offset = b3 + user.bias();
        for (int i = 0; i < count; i++) {
            out[i] = offset + movieBias[rows[i]];
        }
        if (movieEmbedding != null) {
            float[] userDot = user.dot();
            for (int k = 0; k < userDot.length; k++) {
                float weight = userDot[k];
                float[] column = movieEmbedding[k];
                for (int i = 0; i < count; i++) {
                    out[i] += weight * column[rows[i]];
                }
            }
        }
        hiddenLayers(h, count, out);
    }

    /** The second hidden layer and the output from the first layer's activations h[unit][i], added to out[i]. */
    private void hiddenLayers(float[][] h, int count, float[] out) {
        float[] acc = h[hidden1];
        for (int j = 0; j < hidden2; j++) {
            Arrays.fill(acc, 0, count, b2[j]);
            // four units of the first layer per pass: one load and store of the accumulator per four
            // products (eight per pass defeats the JIT's vectorisation: 4x slower, measured; blocks of 256 movies,
            // to keep the activations in cache, 15% slower)
            int k = 0;
            for (; k + 4 <= hidden1; k += 4) {
                float wa = w2[k][j];
                float wb = w2[k + 1][j];
                float wc = w2[k + 2][j];
                float wd = w2[k + 3][j];
                float[] ha = h[k];
                float[] hb = h[k + 1];
                float[] hc = h[k + 2];
                float[] hd = h[k + 3];
                for (int i = 0; i < count; i++) {
                    acc[i] += wa * ha[i] + wb * hb[i] + wc * hc[i] + wd * hd[i];
                }
            }
            for (; k < hidden1; k++) {
                float weight = w2[k][j];
                float[] hk = h[k];
                for (int i = 0; i < count; i++) {
                    acc[i] += weight * hk[i];
                }
            }
            float weight = w3[j];
            for (int i = 0; i < count; i++) {
                out[i] += weight * Math.max(acc[i], 0f);
            }
        }
    }

    private static float[][] transpose(float[][] m, int rows) {
        int cols = m[0].length;
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }
}
