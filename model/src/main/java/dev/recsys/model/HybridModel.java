package dev.recsys.model;

import dev.recsys.schemas.RatingScale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained model with what it needs to be used: the rating network, the ranking network (absent when the config
 * orders lists by predicted rating), the movie id map (raw id to row), each movie's genre mask, the configuration
 * the blend weight of the final score (ranking score + blend weight x predicted rating) and the recency of the
 * ranking network's input (how much less a rating weighs for each rating the user gave after it).
 *
 * <p>The model holds no per-user rows: a user's side of every score comes from their {@link History}. The movie
 * tables have one row more than the id map, the cold-start row, set after training to the mean of the trained rows:
 * a rated movie the model does not know enters the history through it, so scoring never throws.
 *
 * <p>DL4J's networks are not thread-safe, so {@link #predict} synchronises on the model; serving uses
 * {@link FastScorer}.
 */
public final class HybridModel {
    private static final int PREDICT_BATCH = 4096;

    private final ComputationGraph rating;
    private final MultiLayerNetwork ranking;
    private final IdMap movies;
    private final int[] movieGenreMasks;
    private final ModelConfig config;
    private final float blendWeight;
    private final float recency;

    /** A model whose ranking network weighs the history by rating only (recency 1). */
    public HybridModel(ComputationGraph rating, MultiLayerNetwork ranking, IdMap movies, int[] movieGenreMasks,
                       ModelConfig config, float blendWeight) {
        this(rating, ranking, movies, movieGenreMasks, config, blendWeight, 1f);
    }

    public HybridModel(ComputationGraph rating, MultiLayerNetwork ranking, IdMap movies, int[] movieGenreMasks,
                       ModelConfig config, float blendWeight, float recency) {
        if (movieGenreMasks.length != movies.size()) {
            throw new IllegalArgumentException("genre masks (" + movieGenreMasks.length + ") do not match movies ("
                    + movies.size() + ")");
        }
        if ((ranking != null) != config.ranking()) {
            throw new IllegalArgumentException(config.ranking() ? "the config ranks with a ranking network, none given"
                    : "a ranking network for a config without one");
        }
        if (!(blendWeight >= 0)) {
            throw new IllegalArgumentException("blend weight must be >= 0, got " + blendWeight);
        }
        if (!(recency > 0 && recency <= 1)) {
            throw new IllegalArgumentException("recency must be in (0, 1], got " + recency);
        }
        this.rating = rating;
        this.ranking = ranking;
        this.movies = movies.frozen();
        this.movieGenreMasks = movieGenreMasks.clone();
        this.config = config;
        this.blendWeight = blendWeight;
        this.recency = recency;
        ModelShapes.check(this);
    }

    /** This model with another blend weight (same networks). */
    public HybridModel withBlendWeight(float weight) {
        return withLists(weight, recency);
    }

    /** This model with another blend weight and recency (same networks): how its lists are made. */
    public HybridModel withLists(float weight, float newRecency) {
        return new HybridModel(rating, ranking, movies, movieGenreMasks, config, weight, newRecency);
    }

    /**
     * Rating network {@code index} (from 0) of an ensemble as a model of its own: a single network with that
     * member's weights (copies), the same ids and the same ranking network.
     */
    public HybridModel member(int index) {
        ModelConfig single = config.member(index);
        ComputationGraph copy = new ComputationGraph(ModelFactory.ratingConfiguration(single, movies.size() + 1));
        copy.init();
        copyMember(copy, rating, index, false);
        return new HybridModel(copy, ranking, movies, movieGenreMasks, single, blendWeight, recency);
    }

    /** Single rating networks with the same ids, genres and architecture, as one graph, beside a ranking network. */
    static HybridModel ensemble(List<HybridModel> members, MultiLayerNetwork ranking, ModelConfig config,
                                double meanRating, float blendWeight) {
        HybridModel first = members.get(0);
        if (members.size() != config.members()) {
            throw new IllegalArgumentException(members.size() + " members for a config of " + config.members());
        }
        ComputationGraph graph = ModelFactory.rating(config, first.movies.size() + 1, meanRating);
        for (int k = 0; k < members.size(); k++) {
            HybridModel m = members.get(k);
            if (!Arrays.equals(m.movies.rawIds(), first.movies.rawIds())
                    || !Arrays.equals(m.movieGenreMasks, first.movieGenreMasks)) {
                throw new IllegalArgumentException("member " + k + " differs from member 0 in its ids or genres");
            }
            copyMember(m.rating, graph, k, true);
        }
        return new HybridModel(graph, ranking, first.movies, first.movieGenreMasks, config, blendWeight);
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

    public ComputationGraph rating() {
        return rating;
    }

    /** The ranking network, or null when the config orders lists by predicted rating. */
    public MultiLayerNetwork ranking() {
        return ranking;
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

    /** Genre masks by movie row, the cold-start row (genre UNKNOWN) included. */
    int[] genreMasksWithColdRow() {
        int[] masks = Arrays.copyOf(movieGenreMasks, movieGenreMasks.length + 1);
        masks[movieGenreMasks.length] = GenreFeatures.UNKNOWN_MASK;
        return masks;
    }

    public ModelConfig config() {
        return config;
    }

    /** Final score = ranking score + this x predicted rating (on the scale). */
    public float blendWeight() {
        return blendWeight;
    }

    /** In the ranking network's input, a rating weighs this much less for each rating the user gave after it. */
    public float recency() {
        return recency;
    }

    /** The row used for a movie the model does not know. */
    public int coldMovieRow() {
        return movies.size();
    }

    public int movieRow(int rawMovieId) {
        int row = movies.rowOf(rawMovieId);
        return row < 0 ? coldMovieRow() : row;
    }

    /**
     * Predicted ratings, on the rating scale, for each (user, movie) pair of the ratings, in their order, each user
     * read from their history in {@code histories} (a user missing there has an empty history). In batches,
     * inference mode (no dropout).
     */
    public float[] predict(RatingData pairs, Map<Integer, History> histories) {
        List<int[]> tokens = new ArrayList<>();
        Map<Integer, Integer> userIndex = new java.util.HashMap<>();
        int[] rowUser = new int[pairs.size()];
        int[] rowMovie = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            int user = pairs.userId(i);
            Integer index = userIndex.get(user);
            if (index == null) {
                index = tokens.size();
                userIndex.put(user, index);
                tokens.add(RatingInputs.tokens(histories.getOrDefault(user, History.EMPTY), movies));
            }
            rowUser[i] = index;
            rowMovie[i] = movieRow(pairs.movieId(i));
        }
        int[][] tokensByUser = tokens.toArray(new int[0][]);
        int[] masks = genreMasksWithColdRow();
        // rows sorted by user keep each batch's history input narrow
        Integer[] order = new Integer[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(rowUser[a], rowUser[b]));
        float[] out = new float[pairs.size()];
        for (int from = 0; from < order.length; from += PREDICT_BATCH) {
            int n = Math.min(PREDICT_BATCH, order.length - from);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = order[from + i];
            }
            float[] values = output(RatingInputs.features(rows, rowUser, tokensByUser, null, rowMovie, masks));
            for (int i = 0; i < n; i++) {
                out[rows[i]] = RatingScale.clamp(values[i]);
            }
        }
        return out;
    }

    /**
     * The ranking network's log-probability of every movie row for a history, through DL4J (inference mode): the
     * reference FastScorer's ranking scores equal up to a per-user constant. Null without a ranking network.
     */
    public synchronized float[] rankingLogSoftmax(History history) {
        if (ranking == null) {
            return null;
        }
        float[] input = RankingInput.row(history, movies, config.lowRatingWeight(), recency);
        float[] p = ranking.output(org.nd4j.linalg.factory.Nd4j.create(input, new long[] {1, input.length}), false)
                .toFloatVector();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.log(p[i]);
        }
        return p;
    }

    private synchronized float[] output(INDArray[] features) {
        return rating.output(false, features)[0].reshape(features[1].rows()).toFloatVector();
    }

    @Override
    public String toString() {
        return "HybridModel[variant=" + config.variant() + ", movies=" + movies.size() + ", params="
                + (rating.numParams() + (ranking == null ? 0 : ranking.numParams())) + "]";
    }
}
