package dev.recsys.trainer.training;

import dev.recsys.model.HybridModel;

import java.util.Map;

/**
 * The last published model: the one new models are compared with and warm-started from.
 *
 * @param model null when the published payload could not be loaded (the version sequence still continues from it)
 */
public record CurrentModel(long version, HybridModel model, Map<String, Double> metrics) {
    public CurrentModel {
        metrics = Map.copyOf(metrics);
    }
}
