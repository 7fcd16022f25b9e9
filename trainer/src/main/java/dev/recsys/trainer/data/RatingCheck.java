package dev.recsys.trainer.data;

import dev.recsys.schemas.RatingEvent;

/**
 * What makes a decoded rating unusable for training. One out-of-range value in the log would otherwise pull every
 * model trained from then on, forever, since the log is replayed at each start.
 */
public final class RatingCheck {
    /** MovieLens' scale: half stars from 0.5 (ml-latest) up to 5. */
    public static final float MIN_RATING = 0.5f;
    public static final float MAX_RATING = 5.0f;

    private RatingCheck() {
    }

    /** Why the rating cannot be used, or null when it can. */
    public static String problem(RatingEvent event) {
        float rating = event.getRating();
        if (!(rating >= MIN_RATING && rating <= MAX_RATING)) {
            return "rating " + rating + " is outside " + MIN_RATING + ".." + MAX_RATING;
        }
        if (event.getUserId() < 0 || event.getMovieId() < 0) {
            return "negative id (user " + event.getUserId() + ", movie " + event.getMovieId() + ")";
        }
        return null;
    }
}
