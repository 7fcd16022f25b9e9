package dev.recsys.model;

import dev.recsys.schemas.User;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small trained models shared by the tests of this package; trained once per JVM. */
final class ModelFixtures {
    static final TestRatings DATA = TestRatings.generate(120, 150, 6000, 7);

    private static HybridModel defaultModel;
    private static HybridModel study;
    private static HybridModel withoutDotTerm;
    private static HybridModel withUserFeatures;

    private ModelFixtures() {
    }

    static ModelConfig quick(ModelConfig base) {
        return base.with(Map.of("epochs", "2", "batch_size", "256"));
    }

    static synchronized HybridModel defaultModel() {
        if (defaultModel == null) {
            defaultModel = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(),
                    quick(ModelConfig.defaults()), null, null);
        }
        return defaultModel;
    }

    /** Bias terms without the dot term. */
    static synchronized HybridModel withoutDotTerm() {
        if (withoutDotTerm == null) {
            withoutDotTerm = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(),
                    quick(ModelConfig.defaults().with(Map.of("dot_term", "false", "members", "1",
                            "variant", "no-dot"))), null, null);
        }
        return withoutDotTerm;
    }

    static synchronized HybridModel withUserFeatures() {
        if (withUserFeatures == null) {
            withUserFeatures = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(), demographics(),
                    quick(ModelConfig.defaults().with(Map.of("user_features", "true", "members", "1",
                            "variant", "features"))),
                    null, null);
        }
        return withUserFeatures;
    }

    /** Demographics for the fixture's users, some missing: those users have unknown features. */
    static Map<Integer, User> demographics() {
        String[] occupations = {"student", "programmer", "writer", "other", "retired"};
        Map<Integer, User> users = new HashMap<>();
        for (int i = 0; i < DATA.ratings().size(); i++) {
            int id = DATA.ratings().userId(i);
            if (id % 5 != 0) {
                users.put(id, new User(id, 15 + id % 50, id % 2 == 0 ? "M" : "F", occupations[id % 5], "00000"));
            }
        }
        return users;
    }

    /** One model of each architecture: the default (an ensemble of two networks with bias and dot terms), the
     *  study's, a single network without the dot term, a single network with user features. */
    static List<HybridModel> everyArchitecture() {
        return List.of(defaultModel(), study(), withoutDotTerm(), withUserFeatures());
    }

    static synchronized HybridModel study() {
        if (study == null) {
            study = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(), quick(ModelConfig.study()), null, null);
        }
        return study;
    }
}
