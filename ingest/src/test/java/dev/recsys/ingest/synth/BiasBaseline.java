package dev.recsys.ingest.synth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic rating baseline: global mean + regularised user bias + regularised movie bias, fitted by a few
 * rounds of alternating least squares. A model that cannot beat it has learned nothing personal.
 */
final class BiasBaseline {
    private static final double LAMBDA_MOVIE = 10;
    private static final double LAMBDA_USER = 5;
    private static final int ROUNDS = 8;

    record Rating(int user, int movie, double stars) {
    }

    private final double mean;
    private final Map<Integer, Double> userBias = new HashMap<>();
    private final Map<Integer, Double> movieBias = new HashMap<>();

    BiasBaseline(List<Rating> train) {
        mean = train.stream().mapToDouble(Rating::stars).average().orElseThrow();
        for (int round = 0; round < ROUNDS; round++) {
            Map<Integer, double[]> movieSums = new HashMap<>();
            for (Rating r : train) {
                double[] s = movieSums.computeIfAbsent(r.movie(), k -> new double[2]);
                s[0] += r.stars() - mean - userBias.getOrDefault(r.user(), 0.0);
                s[1]++;
            }
            movieSums.forEach((movie, s) -> movieBias.put(movie, s[0] / (s[1] + LAMBDA_MOVIE)));
            Map<Integer, double[]> userSums = new HashMap<>();
            for (Rating r : train) {
                double[] s = userSums.computeIfAbsent(r.user(), k -> new double[2]);
                s[0] += r.stars() - mean - movieBias.getOrDefault(r.movie(), 0.0);
                s[1]++;
            }
            userSums.forEach((user, s) -> userBias.put(user, s[0] / (s[1] + LAMBDA_USER)));
        }
    }

    double mean() {
        return mean;
    }

    double predict(int user, int movie) {
        double p = mean + userBias.getOrDefault(user, 0.0) + movieBias.getOrDefault(movie, 0.0);
        return Math.max(1, Math.min(5, p));
    }

    static double mse(List<Rating> test, java.util.function.ToDoubleFunction<Rating> predictor) {
        return test.stream().mapToDouble(r -> {
            double e = predictor.applyAsDouble(r) - r.stars();
            return e * e;
        }).average().orElseThrow();
    }
}
