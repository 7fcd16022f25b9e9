package dev.recsys.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

/**
 * Training ratings encoded once as feature arrays, shuffled once per epoch with one gather per array, then cut into
 * minibatches that are views: no INDArray per rating. A minibatch's genre flags are gathered from a per-movie table
 * (one op), so memory holds 3 floats per rating rather than 22.
 */
final class Minibatches {
    private final INDArray users;
    private final INDArray movies;
    private final INDArray genresByMovieRow;
    private final INDArray labels;
    private final int[] movieRows;
    private final int[] order;
    private final Random random;
    private INDArray[] shuffled;

    Minibatches(int[] userRows, int[] movieRows, float[] ratings, int[] genreMasksByRow, long seed) {
        int n = ratings.length;
        float[] u = new float[n];
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = userRows[i];
            m[i] = movieRows[i];
        }
        float[] g = new float[genreMasksByRow.length * GenreFeatures.WIDTH];
        for (int row = 0; row < genreMasksByRow.length; row++) {
            GenreFeatures.write(genreMasksByRow[row], g, row * GenreFeatures.WIDTH);
        }
        this.users = Nd4j.create(u, new long[] {n, 1});
        this.movies = Nd4j.create(m, new long[] {n, 1});
        this.genresByMovieRow = Nd4j.create(g, new long[] {genreMasksByRow.length, GenreFeatures.WIDTH});
        this.movieRows = movieRows;
        this.labels = Nd4j.create(ratings.clone(), new long[] {n, 1});
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
    }

    int size() {
        return order.length;
    }

    /** A new epoch: Fisher-Yates over the indices, then one row gather per array. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        shuffled = new INDArray[] {
            Nd4j.pullRows(users, 1, order), Nd4j.pullRows(movies, 1, order), Nd4j.pullRows(labels, 1, order)
        };
    }

    /** The minibatch of the n shuffled ratings starting at from, as views of this epoch's arrays. */
    MultiDataSet batch(int from, int n) {
        INDArray[] v = new INDArray[shuffled.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = shuffled[i].get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
        }
        int[] batchMovies = new int[n];
        for (int i = 0; i < n; i++) {
            batchMovies[i] = movieRows[order[from + i]];
        }
        INDArray genres = Nd4j.pullRows(genresByMovieRow, 1, batchMovies);
        return new MultiDataSet(new INDArray[] {v[0], v[1], genres}, new INDArray[] {v[2]});
    }
}
