package dev.recsys.trainer.data;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RatingScale;

/**
 * What makes a decoded rating unusable for training. One out-of-range value in the log would otherwise pull every
 * model trained from then on, forever, since the log is replayed at each start.
 */
public final class RatingCheck {
    private RatingCheck() {
    }

    /** Why the rating cannot be used, or null when it can. */
    public static String problem(RatingEvent event) {
        float rating = event.getRating();
        if (!RatingScale.contains(rating)) {
            return RatingScale.outside(Float.toString(rating));
        }
        if (event.getUserId() < 0 || event.getMovieId() < 0) {
            return "negative id (user " + event.getUserId() + ", movie " + event.getMovieId() + ")";
        }
        return null;
    }
}
