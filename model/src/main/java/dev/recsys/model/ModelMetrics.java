package dev.recsys.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Rating-prediction metrics of a model on a set of ratings. */
public final class ModelMetrics {
    /** The study's "accuracy": prediction and truth on the same side of this rating. */
    public static final double ACCURACY_THRESHOLD = 2.5;

    private ModelMetrics() {
    }

    /** mse, rmse, mae and accuracy (same side of 2.5) of the model's predictions; NaN for no ratings. */
    public static Map<String, Double> evaluate(HybridModel model, RatingData data) {
        return of(model.predict(data), data);
    }

    /** The same metrics for predictions aligned with data. */
    public static Map<String, Double> of(float[] predicted, RatingData data) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException("predictions (" + predicted.length + ") do not match ratings ("
                    + data.size() + ")");
        }
        double squared = 0;
        double absolute = 0;
        long sameSide = 0;
        for (int i = 0; i < predicted.length; i++) {
            double truth = data.rating(i);
            double error = predicted[i] - truth;
            squared += error * error;
            absolute += Math.abs(error);
            if ((predicted[i] > ACCURACY_THRESHOLD) == (truth > ACCURACY_THRESHOLD)) {
                sameSide++;
            }
        }
        int n = predicted.length;
        double mse = n == 0 ? Double.NaN : squared / n;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mse", mse);
        metrics.put("rmse", Math.sqrt(mse));
        metrics.put("mae", n == 0 ? Double.NaN : absolute / n);
        metrics.put("accuracy", n == 0 ? Double.NaN : (double) sameSide / n);
        return metrics;
    }
}
