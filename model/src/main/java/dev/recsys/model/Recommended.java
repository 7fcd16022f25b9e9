package dev.recsys.model;

/**
 * A user's top movies, best first: raw ids, the predicted rating of each (on the rating scale, what people are shown)
 * and the final score that ordered them (ranking score + blend weight x predicted rating; the predicted rating
 * itself when the model orders by it).
 */
public record Recommended(int[] movieIds, float[] predictedRatings, float[] scores) {
    public Recommended {
        if (movieIds.length != predictedRatings.length || movieIds.length != scores.length) {
            throw new IllegalArgumentException("ids, predictions and scores differ in length");
        }
    }

    public int size() {
        return movieIds.length;
    }
}
