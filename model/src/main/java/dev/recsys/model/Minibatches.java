package dev.recsys.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Training ratings encoded once as embedding rows, and minibatches gathered from a shuffled order.
 * One MultiDataSet per minibatch, filled from primitive arrays: no INDArray per rating.
 */
final class Minibatches {
    private final int[] userRows;
    private final int[] movieRows;
    private final float[] ratings;
    private final int[] genreMasksByRow;
    private final int[] order;
    private final Random random;

    Minibatches(int[] userRows, int[] movieRows, float[] ratings, int[] genreMasksByRow, long seed) {
        this.userRows = userRows;
        this.movieRows = movieRows;
        this.ratings = ratings;
        this.genreMasksByRow = genreMasksByRow;
        this.order = new int[ratings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.random = new Random(seed);
    }

    int size() {
        return order.length;
    }

    /** A new epoch: Fisher-Yates over the indices, then batches gather through them. */
    void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The minibatch of the n shuffled ratings starting at from. */
    MultiDataSet batch(int from, int n) {
        float[] u = new float[n];
        float[] m = new float[n];
        float[] genres = new float[n * GenreFeatures.WIDTH];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int r = order[from + i];
            u[i] = userRows[r];
            m[i] = movieRows[r];
            labels[i] = ratings[r];
            GenreFeatures.write(genreMasksByRow[movieRows[r]], genres, i * GenreFeatures.WIDTH);
        }
        INDArray[] features = {
            Nd4j.create(u, new long[] {n, 1}),
            Nd4j.create(m, new long[] {n, 1}),
            Nd4j.create(genres, new long[] {n, GenreFeatures.WIDTH})
        };
        return new MultiDataSet(features, new INDArray[] {Nd4j.create(labels, new long[] {n, 1})});
    }
}
