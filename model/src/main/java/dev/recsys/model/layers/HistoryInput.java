package dev.recsys.model.layers;

/**
 * The input layout of {@link HistoryPooling}, one row per example: column 0 the row's group (rows of one group have
 * the same tokens), column 1 the row's own token to leave out (-1 for none), then the group's tokens, padded with
 * -1 up to the widest row of the minibatch. Values are floats holding ints (exact up to 2^24).
 */
public final class HistoryInput {
    public static final int GROUP = 0;
    public static final int SELF = 1;
    public static final int FIRST_TOKEN = 2;
    public static final int NONE = -1;

    private HistoryInput() {
    }

    /** The inverse of the user-vector scaling: a sum of n tokens is divided by sqrt(n); 0 for none. */
    public static float vectorScale(int n) {
        return n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
    }

    public static float biasScale(int n, double shrinkage) {
        return (float) (1 / (n + shrinkage));
    }
}
