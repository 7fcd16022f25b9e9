package dev.recsys.schemas;

/**
 * The rating scale every service accepts: MovieLens' stars, in halves from 0.5 (ml-latest) up to 5. Ingest refuses
 * a line outside it, streams sends such an event to the dead letters and the trainer leaves it out of training.
 */
public final class RatingScale {
    public static final float MIN = 0.5f;
    public static final float MAX = 5.0f;

    private RatingScale() {
    }

    /** Whether the rating is within the scale; false for NaN. */
    public static boolean contains(float rating) {
        return rating >= MIN && rating <= MAX;
    }

    /** A predicted rating as people see it: on the scale (a network's output can fall a little outside). */
    public static float clamp(float predicted) {
        return Math.max(MIN, Math.min(MAX, predicted));
    }

    /** The one wording of "out of range", with the rating as the caller shows it. */
    public static String outside(String shown) {
        return "rating " + shown + " is outside " + MIN + ".." + MAX;
    }
}
