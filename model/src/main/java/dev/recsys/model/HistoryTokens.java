package dev.recsys.model;

/**
 * How a rating enters the rating network's history table: one row per (movie, rating band), so that the user's
 * vector learns both what they watched and how they liked it. Bands are whole stars: 0.5 and 1 are band 0, 1.5 and
 * 2 band 1, ... 4.5 and 5 band 4. A movie the model does not know takes its cold-start row's bands.
 */
public final class HistoryTokens {
    public static final int BANDS = 5;

    private HistoryTokens() {
    }

    /** Rows of the history table for a model of {@code movieRows} movie rows (the cold-start row included). */
    public static int tableRows(int movieRows) {
        return movieRows * BANDS;
    }

    public static int band(float rating) {
        int band = (int) Math.ceil(rating) - 1;
        return Math.max(0, Math.min(BANDS - 1, band));
    }

    public static int token(int movieRow, float rating) {
        return movieRow * BANDS + band(rating);
    }
}
