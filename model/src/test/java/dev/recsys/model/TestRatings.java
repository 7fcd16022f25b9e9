package dev.recsys.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Small seeded rating data for unit tests: ratings from latent user and movie factors, biases and noise, so that
 * a model has something to learn. Not MovieLens; the offline evaluation tests use the ingest module's generator.
 */
record TestRatings(RatingData ratings, Map<Integer, Integer> genreMasks) {

    static TestRatings generate(int users, int movies, int count, long seed) {
        Random random = new Random(seed);
        int factors = 3;
        double[][] u = gaussian(random, users, factors);
        double[][] v = gaussian(random, movies, factors);
        double[] userBias = column(gaussian(random, users, 1));
        double[] movieBias = column(gaussian(random, movies, 1));
        Map<Integer, Integer> masks = new HashMap<>();
        for (int m = 0; m < movies; m++) {
            int mask = 0;
            for (int g = 1; g < GenreFeatures.WIDTH; g++) {
                if (random.nextDouble() < 0.12) {
                    mask |= 1 << g;
                }
            }
            masks.put(movieId(m), mask == 0 ? GenreFeatures.UNKNOWN_MASK : mask);
        }
        RatingData data = new RatingData(count);
        for (int i = 0; i < count; i++) {
            int user = random.nextInt(users);
            int movie = random.nextInt(movies);
            double dot = 0;
            for (int f = 0; f < factors; f++) {
                dot += u[user][f] * v[movie][f];
            }
            double r = 3.5 + 0.4 * userBias[user] + 0.5 * movieBias[movie] + 0.5 * dot + 0.5 * random.nextGaussian();
            data.add(userId(user), movieId(movie), (float) Math.max(1, Math.min(5, Math.round(r))));
        }
        return new TestRatings(data, masks);
    }

    /** Raw ids are not dense rows: offset them so a bug that confuses the two shows. */
    static int userId(int index) {
        return 1000 + index * 3;
    }

    static int movieId(int index) {
        return 50_000 + index * 7;
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return m;
    }

    private static double[] column(double[][] m) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i][0];
        }
        return out;
    }
}
