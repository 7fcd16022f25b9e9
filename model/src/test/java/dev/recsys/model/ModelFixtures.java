package dev.recsys.model;

import java.util.Map;

/** Small trained models shared by the tests of this package; trained once per JVM. */
final class ModelFixtures {
    static final TestRatings DATA = TestRatings.generate(120, 150, 6000, 7);

    private static HybridModel withBiases;
    private static HybridModel study;

    private ModelFixtures() {
    }

    static ModelConfig quick(ModelConfig base) {
        return base.with(Map.of("epochs", "2", "batch_size", "256"));
    }

    static synchronized HybridModel withBiases() {
        if (withBiases == null) {
            withBiases = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(),
                    quick(ModelConfig.defaults()), null, null);
        }
        return withBiases;
    }

    static synchronized HybridModel study() {
        if (study == null) {
            study = ModelTrainer.train(DATA.ratings(), null, DATA.genreMasks(), quick(ModelConfig.study()), null, null);
        }
        return study;
    }
}
