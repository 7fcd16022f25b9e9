package dev.recsys.schemas;

/** Topic names, in one place, so that every service and the docs agree. */
public final class Topics {
    /** Rating events, key: user id (int), value: {@link RatingEvent}. The log is the source of truth. */
    public static final String RATINGS = "ratings";
    /** The catalogue, compacted, key: movie id (int), value: {@link Movie}. */
    public static final String MOVIES = "movies";
    /** Demographics, compacted, key: user id (int), value: {@link User}. */
    public static final String USERS = "users";
    /** Published model versions, key: model name (string), value: {@link ModelUpdate}. */
    public static final String MODEL_UPDATES = "model-updates";
    /** A user's refreshed top-10 per rating, key: user id (int), value: {@link Recommendations}. */
    public static final String RECOMMENDATIONS = "recommendations";
    /** Ratings that could not be processed, with the reason in headers and the original bytes. */
    public static final String RATINGS_DLQ = "ratings-dlq";

    /** The key of model updates: one model line per name. */
    public static final String MODEL_NAME = "hybrid";

    private Topics() {
    }
}
