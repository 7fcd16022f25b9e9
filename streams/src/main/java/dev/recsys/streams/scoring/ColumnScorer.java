package dev.recsys.streams.scoring;

import dev.recsys.model.FastScorer;
import dev.recsys.model.GenreFeatures;
import dev.recsys.model.HybridModel;
import dev.recsys.model.IdMap;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelFactory;
import java.util.Arrays;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastScorer's computation laid out movie-major, so that the JIT vectorizes it. FastScorer walks movie by movie and
 * adds 32-wide rows at an offset into another array, which JDK 17's auto-vectorizer cannot prove alias-free; here
 * every inner loop runs over all movies with the same index into each array (h[k][i], acc[i]), which it does
 * vectorize. Same arithmetic, about five times less CPU per user (see ScoreBench).
 *
 * <p>It reads the network's weights by layer name, so it is only trusted once it agrees with {@link FastScorer}:
 * {@link #verified} compares both on several users (one unknown) and returns nothing if any score differs by more
 * than {@link #TOLERANCE}; the loader then serves with FastScorer. Immutable; scratch space is per thread.
 */
public final class ColumnScorer implements ModelScorer {
    static final float TOLERANCE = 1e-4f;
    private static final Logger log = LoggerFactory.getLogger(ColumnScorer.class);

    private final IdMap users;
    private final IdMap movies;
    private final int embedding;
    private final int hidden1;
    private final int hidden2;
    private final float[][] userEmbedding;  // (users + 1) x E, the last row is the cold-start user
    private final float[][] userToHidden1;  // E x H1: the user block of W1
    private final float[][] movieSide;      // H1 x movies: movie and genre blocks of W1 applied, plus b1
    private final float[][] w2;             // H1 x H2
    private final float[] b2;
    private final float[] w3;
    private final float b3;
    private final float[] userBias;         // users + 1
    private final float[] movieBias;        // movies
    private final ThreadLocal<float[][]> scratch;

    private ColumnScorer(HybridModel model) {
        ComputationGraph g = model.graph();
        ModelConfig c = model.config();
        this.users = model.users();
        this.movies = model.movies();
        this.embedding = c.embeddingSize();
        this.hidden1 = c.hidden1();
        this.hidden2 = c.hidden2();
        float[][] w1 = matrix(g, ModelFactory.HIDDEN1, "W");
        this.userEmbedding = matrix(g, ModelFactory.USER_EMBEDDING, "W");
        this.userToHidden1 = Arrays.copyOfRange(w1, 0, embedding);
        this.movieSide = movieSide(model, w1, vector(g, ModelFactory.HIDDEN1, "b"));
        this.w2 = matrix(g, ModelFactory.HIDDEN2, "W");
        this.b2 = vector(g, ModelFactory.HIDDEN2, "b");
        this.w3 = vector(g, ModelFactory.SCORE, "W");
        this.b3 = vector(g, ModelFactory.SCORE, "b")[0];
        this.userBias = c.biasTerms() ? vector(g, ModelFactory.USER_BIAS, "W") : new float[users.size() + 1];
        this.movieBias = c.biasTerms() ? vector(g, ModelFactory.MOVIE_BIAS, "W") : new float[movies.size() + 1];
        int movieCount = movies.size();
        this.scratch = ThreadLocal.withInitial(() -> new float[hidden1 + 1][movieCount]);
    }

    /** A column scorer for the model, if it reproduces the reference's scores; otherwise empty (logged). */
    public static Optional<ModelScorer> verified(HybridModel model, FastScorer reference) {
        ColumnScorer candidate;
        try {
            candidate = new ColumnScorer(model);
        } catch (RuntimeException e) {
            log.warn("No column scorer for this model ({}); scoring with FastScorer", e.toString());
            return Optional.empty();
        }
        float[] expected = new float[reference.movieCount()];
        float[] actual = new float[reference.movieCount()];
        int[] known = model.users().rawIds();
        int[] sample = Arrays.copyOf(known, Math.min(known.length, 4) + 1);
        sample[sample.length - 1] = unknownUser(model.users());
        for (int user : sample) {
            reference.scoreAll(user, expected);
            candidate.scoreAll(user, actual);
            for (int row = 0; row < expected.length; row++) {
                if (!(Math.abs(expected[row] - actual[row]) <= TOLERANCE)) {
                    log.warn("Column scorer disagrees with FastScorer for user {} movie {} ({} vs {}); scoring with "
                            + "FastScorer", user, reference.movieIdAt(row), actual[row], expected[row]);
                    return Optional.empty();
                }
            }
        }
        return Optional.of(candidate);
    }

    @Override
    public int movieCount() {
        return movies.size();
    }

    @Override
    public int movieIdAt(int row) {
        return movies.rawIdAt(row);
    }

    @Override
    public int rowOfMovie(int rawMovieId) {
        return movies.rowOf(rawMovieId);
    }

    @Override
    public void scoreAll(int rawUserId, float[] out) {
        int count = movies.size();
        if (out.length < count) {
            throw new IllegalArgumentException("out holds " + out.length + " scores, " + count + " needed");
        }
        int userRow = users.rowOf(rawUserId);
        if (userRow < 0) {
            userRow = users.size();
        }
        float[] userSide = new float[hidden1];
        float[] user = userEmbedding[userRow];
        for (int e = 0; e < embedding; e++) {
            float weight = user[e];
            float[] w = userToHidden1[e];
            for (int k = 0; k < hidden1; k++) {
                userSide[k] += weight * w[k];
            }
        }
        float[][] h = scratch.get();
        for (int k = 0; k < hidden1; k++) {
            float u = userSide[k];
            float[] side = movieSide[k];
            float[] hk = h[k];
            for (int i = 0; i < count; i++) {
                hk[i] = Math.max(side[i] + u, 0f);
            }
        }
        float offset = b3 + userBias[userRow];
        for (int i = 0; i < count; i++) {
            out[i] = offset + movieBias[i];
        }
        float[] acc = h[hidden1];
        for (int j = 0; j < hidden2; j++) {
            Arrays.fill(acc, 0, count, b2[j]);
            for (int k = 0; k < hidden1; k++) {
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

    private float[][] movieSide(HybridModel model, float[][] w1, float[] b1) {
        float[][] movieEmbedding = matrix(model.graph(), ModelFactory.MOVIE_EMBEDDING, "W");
        int count = movies.size();
        int[] masks = model.movieGenreMasks();
        float[][] side = new float[hidden1][count];
        float[] genres = new float[GenreFeatures.WIDTH];
        float[] row = new float[hidden1];
        for (int m = 0; m < count; m++) {
            System.arraycopy(b1, 0, row, 0, hidden1);
            for (int e = 0; e < embedding; e++) {
                axpy(movieEmbedding[m][e], w1[embedding + e], row);
            }
            GenreFeatures.write(masks[m], genres, 0);
            for (int g = 0; g < GenreFeatures.WIDTH; g++) {
                if (genres[g] != 0f) {
                    axpy(genres[g], w1[2 * embedding + g], row);
                }
            }
            for (int k = 0; k < hidden1; k++) {
                side[k][m] = row[k];
            }
        }
        return side;
    }

    private static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static int unknownUser(IdMap users) {
        int id = -1;
        while (users.rowOf(id) >= 0) {
            id--;
        }
        return id;
    }

    private static float[][] matrix(ComputationGraph g, String layer, String key) {
        return g.getLayer(layer).getParam(key).castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static float[] vector(ComputationGraph g, String layer, String key) {
        var p = g.getLayer(layer).getParam(key).castTo(DataType.FLOAT);
        return p.dup('c').reshape(p.length()).toFloatVector();
    }
}
