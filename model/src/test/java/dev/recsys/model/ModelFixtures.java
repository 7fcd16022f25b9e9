package dev.recsys.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small trained models shared by the tests of this package; trained once per JVM. */
final class ModelFixtures {
    static final TestRatings DATA = TestRatings.generate(120, 150, 6000, 7);
    /** Every user's history in {@link #DATA}. */
    static final Map<Integer, History> HISTORIES = History.byUser(DATA.ratings());
    /** A movie id no fixture model knows. */
    static final int UNKNOWN_MOVIE = 999_999;

    private static HybridModel defaultModel;
    private static HybridModel study;
    private static HybridModel withoutDotTerm;

    private ModelFixtures() {
    }

    /** Few epochs on small minibatches: enough for weights that are not the initial ones, and fast. */
    static ModelConfig quick(ModelConfig base) {
        return base.with(Map.of("epochs", "2", "batch_size", "256", "ranking_epochs", "8",
                "ranking_batch_size", "32"));
    }

    /** The default architecture: an ensemble of two rating networks with bias and dot terms, and a ranking network. */
    static synchronized HybridModel defaultModel() {
        if (defaultModel == null) {
            defaultModel = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(),
                    quick(ModelConfig.defaults()), null, null);
        }
        return defaultModel;
    }

    /** The study's: no bias terms, no ranking network (lists by predicted rating). */
    static synchronized HybridModel study() {
        if (study == null) {
            study = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(), quick(ModelConfig.study()), null, null);
        }
        return study;
    }

    /** Bias terms without the dot term, a single rating network, no ranking network (lists by predicted rating). */
    static synchronized HybridModel withoutDotTerm() {
        if (withoutDotTerm == null) {
            withoutDotTerm = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(),
                    quick(ModelConfig.defaults().with(Map.of("dot_term", "false", "members", "1", "ranking", "false",
                            "variant", "no-dot"))), null, null);
        }
        return withoutDotTerm;
    }

    static List<HybridModel> everyArchitecture() {
        return List.of(defaultModel(), study(), withoutDotTerm());
    }

    /** Raw ids of some users of the data, spread over it. */
    static int[] someUsers(int count) {
        int[] all = HISTORIES.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = all[i * all.length / count];
        }
        return out;
    }

    /** The history with one more rating at its end. */
    static History plus(History history, int movieId, float rating) {
        int[] ids = Arrays.copyOf(history.movieIds(), history.size() + 1);
        float[] ratings = Arrays.copyOf(history.ratings(), history.size() + 1);
        ids[history.size()] = movieId;
        ratings[history.size()] = rating;
        return new History(ids, ratings);
    }
}
