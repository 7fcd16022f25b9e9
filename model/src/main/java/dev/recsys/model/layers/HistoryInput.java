package dev.recsys.model.layers;

/**
 * The input layout of {@link HistoryPooling}, one row per example: column 0 the row's group (its user), column 1 the
 * row's own token to leave out (-1 for none), then a share of the group's tokens, padded with -1 up to the widest
 * row of the minibatch. A group's history is every token its rows carry, so the rows of a user split the user's
 * history between them (see {@link #share}): the input is a few tokens wide instead of the longest history. Values
 * are floats holding ints (exact up to 2^24).
 */
public final class HistoryInput {
    public static final int GROUP = 0;
    public static final int SELF = 1;
    public static final int FIRST_TOKEN = 2;
    public static final int NONE = -1;

    private HistoryInput() {
    }

    /**
     * Which of a group's tokens its i-th row (of rows) carries: [from, to) of the group's token list, tokens
     * spread as evenly as the rows allow. Returns {from, to}.
     */
    public static int[] share(int tokens, int rows, int i) {
        int per = (tokens + rows - 1) / rows;
        int from = Math.min(tokens, i * per);
        return new int[] {from, Math.min(tokens, from + per)};
    }

    /** The inverse of the user-vector scaling: a sum of n tokens is divided by sqrt(n); 0 for none. */
    public static float vectorScale(int n) {
        return n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
    }

    public static float biasScale(int n, double shrinkage) {
        return (float) (1 / (n + shrinkage));
    }
}
