package dev.recsys.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

/**
 * Training ratings encoded once as feature arrays, shuffled once per epoch with one gather per array, then cut into
 * minibatches that are views: no INDArray per rating and no allocation per minibatch.
 */
final class Minibatches {
    private final INDArray users;
    private final INDArray movies;
    private final INDArray genres;
    private final INDArray labels;
    private final int[] order;
    private final Random random;
    private INDArray[] shuffled;

    Minibatches(int[] userRows, int[] movieRows, float[] ratings, int[] genreMasksByRow, long seed) {
        int n = ratings.length;
        float[] u = new float[n];
        float[] m = new float[n];
        float[] g = new float[n * GenreFeatures.WIDTH];
        for (int i = 0; i < n; i++) {
            u[i] = userRows[i];
            m[i] = movieRows[i];
            GenreFeatures.write(genreMasksByRow[movieRows[i]], g, i * GenreFeatures.WIDTH);
        }
        this.users = Nd4j.create(u, new long[] {n, 1});
        this.movies = Nd4j.create(m, new long[] {n, 1});
        this.genres = Nd4j.create(g, new long[] {n, GenreFeatures.WIDTH});
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
            Nd4j.pullRows(users, 1, order), Nd4j.pullRows(movies, 1, order),
            Nd4j.pullRows(genres, 1, order), Nd4j.pullRows(labels, 1, order)
        };
    }

    /** The minibatch of the n shuffled ratings starting at from, as views of this epoch's arrays. */
    MultiDataSet batch(int from, int n) {
        INDArray[] v = new INDArray[shuffled.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = shuffled[i].get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all());
        }
        return new MultiDataSet(new INDArray[] {v[0], v[1], v[2]}, new INDArray[] {v[3]});
    }
}
