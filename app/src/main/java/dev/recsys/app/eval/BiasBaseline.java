package dev.recsys.app.eval;

import dev.recsys.model.IdMap;
import dev.recsys.model.RatingData;

/**
 * The classic baseline predictor: global mean + user bias + movie bias, the biases shrunk towards zero by
 * lambda (fitted by a few sweeps of alternating regularised least squares).
 */
public final class BiasBaseline {
    private static final int SWEEPS = 10;

    private final double mean;
    private final IdMap users;
    private final IdMap movies;
    private final double[] userBias;
    private final double[] movieBias;
    private final double lambda;

    private BiasBaseline(double mean, IdMap users, IdMap movies, double[] userBias, double[] movieBias,
                         double lambda) {
        this.mean = mean;
        this.users = users;
        this.movies = movies;
        this.userBias = userBias;
        this.movieBias = movieBias;
        this.lambda = lambda;
    }

    /** Fits with each lambda of the grid and keeps the one with the lowest MSE on validation. */
    public static BiasBaseline fitChoosingLambda(RatingData train, RatingData validation, double... lambdas) {
        BiasBaseline best = null;
        double bestMse = Double.POSITIVE_INFINITY;
        for (double lambda : lambdas) {
            BiasBaseline candidate = fit(train, lambda);
            double mse = validation == null || validation.size() == 0 ? 0 : candidate.mse(validation);
            if (best == null || mse < bestMse) {
                best = candidate;
                bestMse = mse;
            }
        }
        return best;
    }

    public static BiasBaseline fit(RatingData train, double lambda) {
        IdMap users = new IdMap();
        IdMap movies = new IdMap();
        int[] u = new int[train.size()];
        int[] m = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            u[i] = users.getOrAdd(train.userId(i));
            m[i] = movies.getOrAdd(train.movieId(i));
        }
        double mean = train.meanRating();
        double[] bu = new double[users.size()];
        double[] bm = new double[movies.size()];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            solve(train, mean, m, bm, u, bu, lambda);
            solve(train, mean, u, bu, m, bm, lambda);
        }
        return new BiasBaseline(mean, users.frozen(), movies.frozen(), bu, bm, lambda);
    }

    /** target[t] = sum over t's ratings of (r - mean - other) / (lambda + count). */
    private static void solve(RatingData train, double mean, int[] targetRows, double[] target, int[] otherRows,
                              double[] other, double lambda) {
        double[] sum = new double[target.length];
        int[] count = new int[target.length];
        for (int i = 0; i < train.size(); i++) {
            sum[targetRows[i]] += train.rating(i) - mean - other[otherRows[i]];
            count[targetRows[i]]++;
        }
        for (int t = 0; t < target.length; t++) {
            target[t] = sum[t] / (lambda + count[t]);
        }
    }

    public double predict(int rawUserId, int rawMovieId) {
        int u = users.rowOf(rawUserId);
        int m = movies.rowOf(rawMovieId);
        return mean + (u < 0 ? 0 : userBias[u]) + (m < 0 ? 0 : movieBias[m]);
    }

    public double mse(RatingData data) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            double e = predict(data.userId(i), data.movieId(i)) - data.rating(i);
            sum += e * e;
        }
        return data.size() == 0 ? Double.NaN : sum / data.size();
    }

    public float[] predictAll(RatingData data) {
        float[] out = new float[data.size()];
        for (int i = 0; i < data.size(); i++) {
            out[i] = (float) predict(data.userId(i), data.movieId(i));
        }
        return out;
    }

    public double lambda() {
        return lambda;
    }
}
