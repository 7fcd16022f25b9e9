package dev.recsys.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained network with what it needs to be used: the id maps (raw id to embedding row), each movie's genre mask
 * and the configuration it was trained with.
 *
 * <p>Each embedding table has one row more than its id map: the cold-start row, set after training to the mean of
 * the trained rows. An id the model has not seen is scored through that row, so {@link #predict} never throws and
 * FastScorer can mirror it exactly.
 *
 * <p>The id maps are frozen. DL4J's graph is not thread-safe, so the predict methods synchronise on the model;
 * serving should use {@link FastScorer}.
 */
public final class HybridModel {
    private static final int PREDICT_BATCH = 8192;

    private final ComputationGraph graph;
    private final IdMap users;
    private final IdMap movies;
    private final int[] movieGenreMasks;
    private final ModelConfig config;

    public HybridModel(ComputationGraph graph, IdMap users, IdMap movies, int[] movieGenreMasks, ModelConfig config) {
        if (movieGenreMasks.length != movies.size()) {
            throw new IllegalArgumentException("genre masks (" + movieGenreMasks.length + ") do not match movies ("
                    + movies.size() + ")");
        }
        this.graph = graph;
        this.users = users.frozen();
        this.movies = movies.frozen();
        this.movieGenreMasks = movieGenreMasks.clone();
        this.config = config;
        checkShapes(graph, this.users.size(), this.movies.size(), config);
    }

    /** Fails unless the graph's embedding tables have one row per id plus the cold-start row. */
    static void checkShapes(ComputationGraph graph, int userCount, int movieCount, ModelConfig config) {
        long userRows = graph.getLayer(ModelFactory.USER_EMBEDDING).getParam("W").rows();
        long movieRows = graph.getLayer(ModelFactory.MOVIE_EMBEDDING).getParam("W").rows();
        long width = graph.getLayer(ModelFactory.USER_EMBEDDING).getParam("W").columns();
        if (userRows != userCount + 1L || movieRows != movieCount + 1L) {
            throw new IllegalArgumentException("embedding rows (" + userRows + " users, " + movieRows
                    + " movies) do not match the id maps (" + userCount + " + 1, " + movieCount + " + 1)");
        }
        if (width != config.embeddingSize()) {
            throw new IllegalArgumentException("embedding width " + width + " does not match the config's "
                    + config.embeddingSize());
        }
        if ((graph.getVertex(ModelFactory.USER_BIAS) != null) != config.biasTerms()) {
            throw new IllegalArgumentException("the graph's bias terms do not match the config's bias_terms="
                    + config.biasTerms());
        }
        if ((graph.getVertex(ModelFactory.USER_FEATURES) != null) != config.userFeatures()) {
            throw new IllegalArgumentException("the graph's user features do not match the config's user_features="
                    + config.userFeatures());
        }
        if ((graph.getVertex(ModelFactory.DOT) != null) != config.dotTerm()) {
            throw new IllegalArgumentException("the graph's dot term does not match the config's dot_term="
                    + config.dotTerm());
        }
        int members = 1;
        while (graph.getVertex(ModelFactory.member(ModelFactory.USER_EMBEDDING, members)) != null) {
            members++;
        }
        if (members != config.members()) {
            throw new IllegalArgumentException("the graph has " + members + " member network(s), the config's members="
                    + config.members());
        }
    }

    /**
     * Member {@code index} (from 0) of an ensemble as a model of its own: a single network with that member's
     * weights (copies) and the same id maps. For a single network, member 0 is a copy of it.
     */
    public HybridModel member(int index) {
        ModelConfig single = config.member(index);
        ComputationGraph copy = new ComputationGraph(ModelFactory.configuration(single, users.size() + 1,
                movies.size() + 1));
        copy.init();
        copyMember(copy, graph, index, false);
        return new HybridModel(copy, users, movies, movieGenreMasks, single);
    }

    /** An ensemble of single networks with the same id maps, genre masks and architecture, as one graph. */
    static HybridModel ensemble(List<HybridModel> members, ModelConfig config, double meanRating) {
        HybridModel first = members.get(0);
        if (members.size() != config.members()) {
            throw new IllegalArgumentException(members.size() + " members for a config of " + config.members());
        }
        ComputationGraph graph = ModelFactory.create(config, first.users.size() + 1, first.movies.size() + 1,
                meanRating);
        for (int k = 0; k < members.size(); k++) {
            HybridModel m = members.get(k);
            if (!Arrays.equals(m.users.rawIds(), first.users.rawIds())
                    || !Arrays.equals(m.movies.rawIds(), first.movies.rawIds())
                    || !Arrays.equals(m.movieGenreMasks, first.movieGenreMasks)) {
                throw new IllegalArgumentException("member " + k + " differs from member 0 in its ids or genres");
            }
            copyMember(m.graph, graph, k, true);
        }
        return new HybridModel(graph, first.users, first.movies, first.movieGenreMasks, config);
    }

    /** Every parameter of a single network into member k of an ensemble's graph, or the other way. */
    private static void copyMember(ComputationGraph single, ComputationGraph ensemble, int member,
                                   boolean intoEnsemble) {
        for (Layer layer : single.getLayers()) {
            if (layer.numParams() == 0) {
                continue;  // dropout and loss layers
            }
            Layer other = ensemble.getLayer(ModelFactory.member(layer.conf().getLayer().getLayerName(), member));
            for (Map.Entry<String, INDArray> param : layer.paramTable().entrySet()) {
                INDArray theirs = other.getParam(param.getKey());
                if (intoEnsemble) {
                    theirs.assign(param.getValue());
                } else {
                    param.getValue().assign(theirs);
                }
            }
        }
    }

    public ComputationGraph graph() {
        return graph;
    }

    public IdMap users() {
        return users;
    }

    public IdMap movies() {
        return movies;
    }

    /** Genre mask by movie row; bit g is the genre of ordinal g. A copy. */
    public int[] movieGenreMasks() {
        return movieGenreMasks.clone();
    }

    int genreMaskAt(int movieRow) {
        return movieRow < movieGenreMasks.length ? movieGenreMasks[movieRow] : GenreFeatures.UNKNOWN_MASK;
    }

    public ModelConfig config() {
        return config;
    }

    /** The embedding row used for a user the model does not know. */
    public int coldUserRow() {
        return users.size();
    }

    /** The embedding row used for a movie the model does not know. */
    public int coldMovieRow() {
        return movies.size();
    }

    public int userRow(int rawUserId) {
        int row = users.rowOf(rawUserId);
        return row < 0 ? coldUserRow() : row;
    }

    public int movieRow(int rawMovieId) {
        int row = movies.rowOf(rawMovieId);
        return row < 0 ? coldMovieRow() : row;
    }

    /** Predicted rating; an unknown user or movie is scored through its cold-start row. */
    public float predict(int rawUserId, int rawMovieId) {
        return predict(new int[] {rawUserId}, new int[] {rawMovieId})[0];
    }

    /** Predicted ratings for pairs of raw ids, in batches, in inference mode (no dropout). */
    public float[] predict(int[] rawUserIds, int[] rawMovieIds) {
        if (rawUserIds.length != rawMovieIds.length) {
            throw new IllegalArgumentException("user and movie arrays differ in length");
        }
        int[] userRows = new int[rawUserIds.length];
        int[] movieRows = new int[rawMovieIds.length];
        for (int i = 0; i < userRows.length; i++) {
            userRows[i] = userRow(rawUserIds[i]);
            movieRows[i] = movieRow(rawMovieIds[i]);
        }
        return predictRows(userRows, movieRows);
    }

    /** Predicted ratings for each (user, movie) pair of the ratings, in their order. */
    public float[] predict(RatingData data) {
        int[] users = new int[data.size()];
        int[] movies = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            users[i] = data.userId(i);
            movies[i] = data.movieId(i);
        }
        return predict(users, movies);
    }

    /** Predicted ratings for pairs of embedding rows (cold-start rows allowed). */
    public float[] predictRows(int[] userRows, int[] movieRows) {
        float[] out = new float[userRows.length];
        for (int from = 0; from < userRows.length; from += PREDICT_BATCH) {
            int n = Math.min(PREDICT_BATCH, userRows.length - from);
            float[] u = new float[n];
            float[] m = new float[n];
            float[] genres = new float[n * GenreFeatures.WIDTH];
            for (int i = 0; i < n; i++) {
                u[i] = userRows[from + i];
                m[i] = movieRows[from + i];
                GenreFeatures.write(genreMaskAt(movieRows[from + i]), genres, i * GenreFeatures.WIDTH);
            }
            INDArray result = output(Nd4j.create(u, new long[] {n, 1}), Nd4j.create(m, new long[] {n, 1}),
                    Nd4j.create(genres, new long[] {n, GenreFeatures.WIDTH}));
            float[] values = result.reshape(n).toFloatVector();
            System.arraycopy(values, 0, out, from, n);
        }
        return out;
    }

    private synchronized INDArray output(INDArray userRows, INDArray movieRows, INDArray genres) {
        return graph.output(false, userRows, movieRows, genres)[0];
    }

    @Override
    public String toString() {
        return "HybridModel[variant=" + config.variant() + ", users=" + users.size() + ", movies=" + movies.size()
                + ", params=" + graph.numParams() + "]";
    }
}
