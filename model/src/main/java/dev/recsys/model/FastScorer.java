package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.Arrays;

/**
 * Scores every movie for one user with plain float arrays, built once per model version.
 *
 * <p>The first dense layer sees [user embedding, movie embedding, genre flags, (user features)]; its movie part
 * (movie embedding and genres times W1, plus the bias) does not depend on the user, so it is computed here once for
 * every movie. Per user only the user part (64 x 64) and the two small layers per movie remain.
 *
 * <p>Arrays are laid out movie-minor ({@code [unit][movie]}) so that every inner loop runs over movies with the same
 * index into each array: the JIT vectorises such loops, which it cannot when rows are added at offsets into a flat
 * array. The result equals the DL4J graph's output in inference mode (dropout off) to float rounding.
 * An ensemble is scored member by member and averaged, as its graph does.
 * Immutable and thread-safe (scratch space is per thread).
 */
public final class FastScorer {
    private final IdMap users;
    private final IdMap movies;
    private final Member[] members;
    private final ThreadLocal<float[]> memberScores;

    private FastScorer(HybridModel m) {
        this.users = m.users();
        this.movies = m.movies();
        int n = m.config().members();
        this.members = new Member[n];
        for (int k = 0; k < n; k++) {
            members[k] = new Member(m, k);
        }
        int count = movies.size();
        this.memberScores = ThreadLocal.withInitial(() -> new float[count]);
    }

    public static FastScorer of(HybridModel m) {
        return new FastScorer(m);
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
        int count = movies.size();
        if (out.length < count) {
            throw new IllegalArgumentException("out holds " + out.length + " scores, " + count + " needed");
        }
        int userRow = users.rowOf(rawUserId);
        if (userRow < 0) {
            userRow = users.size();
        }
        members[0].scoreAll(userRow, out);
        if (members.length == 1) {
            return;
        }
        float[] scores = memberScores.get();
        for (int k = 1; k < members.length; k++) {
            members[k].scoreAll(userRow, scores);
            for (int i = 0; i < count; i++) {
                out[i] += scores[i];
            }
        }
        // the graph's average vertex divides the sum, as here
        float n = members.length;
        for (int i = 0; i < count; i++) {
            out[i] /= n;
        }
    }

    /** One network's scorer. */
    private static final class Member {
        private final IdMap movies;
        private final int hidden1;
        private final int hidden2;
        private final UserSide userSide;
        private final float[][] movieHidden1;  // H1 x movies: movie and genre blocks of W1 applied, plus b1
        private final float[][] w2;            // H1 x H2
        private final float[] b2;
        private final float[] w3;              // H2
        private final float b3;
        private final float[] movieBias;       // movies; zeros without bias terms
        private final float[][] movieEmbedding; // E x movies, for the dot term; null without it
        private final ThreadLocal<float[][]> scratch;

        /** Member {@code member} (from 0) of the model, read straight from its layers; 0 for a single network. */
        private Member(HybridModel m, int member) {
            ComputationGraph g = m.graph();
            ModelConfig c = m.config();
            this.movies = m.movies();
            this.hidden1 = c.hidden1();
            this.hidden2 = c.hidden2();
            String first = ModelFactory.member(ModelFactory.HIDDEN1, member);
            String second = ModelFactory.member(ModelFactory.HIDDEN2, member);
            String score = ModelFactory.member(ModelFactory.SCORE, member);
            float[][] movieEmbeddings = Params.matrix(g, ModelFactory.member(ModelFactory.MOVIE_EMBEDDING, member),
                    "W");
            float[][] w1 = Params.matrix(g, first, "W");
            this.userSide = new UserSide(m, w1, member);
            this.movieHidden1 = movieSide(m, movieEmbeddings, w1, Params.vector(g, first, "b"));
            this.w2 = Params.matrix(g, second, "W");
            this.b2 = Params.vector(g, second, "b");
            this.w3 = Params.flat(g, score, "W");
            this.b3 = Params.vector(g, score, "b")[0];
            this.movieBias = c.biasTerms() ? Params.flat(g, ModelFactory.member(ModelFactory.MOVIE_BIAS, member), "W")
                    : new float[movies.size() + 1];
            this.movieEmbedding = c.dotTerm() ? transpose(movieEmbeddings, movies.size()) : null;
            int count = movies.size();
            this.scratch = ThreadLocal.withInitial(() -> new float[hidden1 + 1][count]);
        }

        private float[][] movieSide(HybridModel m, float[][] embedding, float[][] w1, float[] b1) {
            int e = m.config().embeddingSize();
            int count = movies.size();
            int[] masks = m.movieGenreMasks();
            float[][] side = new float[hidden1][count];
            float[] genres = new float[GenreFeatures.WIDTH];
            float[] row = new float[hidden1];
            for (int movie = 0; movie < count; movie++) {
                System.arraycopy(b1, 0, row, 0, hidden1);
                for (int k = 0; k < e; k++) {
                    axpy(embedding[movie][k], w1[e + k], row);
                }
                GenreFeatures.write(masks[movie], genres, 0);
                for (int g = 0; g < GenreFeatures.WIDTH; g++) {
                    if (genres[g] != 0f) {
                        axpy(genres[g], w1[2 * e + g], row);
                    }
                }
                for (int k = 0; k < hidden1; k++) {
                    side[k][movie] = row[k];
                }
            }
            return side;
        }

        /** This network's predicted rating of every movie for a user's embedding row into out. */
        void scoreAll(int userRow, float[] out) {
            int count = movies.size();
            float[] user = userSide.hidden1(userRow);
            float[][] h = scratch.get();
            for (int k = 0; k < hidden1; k++) {
                float u = user[k];
                float[] side = movieHidden1[k];
                float[] hk = h[k];
                for (int i = 0; i < count; i++) {
                    hk[i] = Math.max(side[i] + u, 0f);
                }
            }
            float offset = b3 + userSide.bias(userRow);
            for (int i = 0; i < count; i++) {
                out[i] = offset + movieBias[i];
            }
            if (movieEmbedding != null) {
                float[] userDot = userSide.dot(userRow);
                for (int k = 0; k < userDot.length; k++) {
                    float weight = userDot[k];
                    float[] column = movieEmbedding[k];
                    for (int i = 0; i < count; i++) {
                        out[i] += weight * column[i];
                    }
                }
            }
            float[] acc = h[hidden1];
            for (int j = 0; j < hidden2; j++) {
                Arrays.fill(acc, 0, count, b2[j]);
                // four units of the first layer per pass: one load and store of the accumulator per four
                // products (eight per pass defeats the JIT's vectorisation: 4x slower, measured)
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

    static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
