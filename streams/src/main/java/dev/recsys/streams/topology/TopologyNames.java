package dev.recsys.streams.topology;

/**
 * Every store, processor, source and sink name of the topology, in one place. Store names become changelog topic
 * names ({@code <application.id>-<store>-changelog}), so renaming one is a breaking change for a running deployment.
 */
public final class TopologyNames {
    /**
     * Per user and movie: the user's rating, its time and its place in the history (changelogged, co-partitioned with
     * ratings). Replaced the per-user {@code user-history}, which a rating rewrote whole.
     */
    public static final String USER_RATINGS_STORE = "user-ratings";
    /** Per movie: count and sum of the ratings this task has seen (changelogged; see the topology's popularity note). */
    public static final String MOVIE_POPULARITY_STORE = "movie-popularity";
    /** Per user: the last list emitted, answered by GET /users/{id}/recommendations (changelogged). */
    public static final String LATEST_RECOMMENDATIONS_STORE = "latest-recommendations";
    /** Per task: ratings held until their movie reaches the catalogue, by source offset (changelogged). */
    public static final String HELD_RATINGS_STORE = "held-ratings";
    /** Global: the catalogue, titles and genres by movie id. */
    public static final String MOVIE_CATALOGUE_STORE = "movie-catalogue";
    /** Global: the version of the model in use, by model name. */
    public static final String MODEL_VERSION_STORE = "model-version";

    public static final String RATINGS_SOURCE = "ratings-source";
    public static final String RATING_PROCESSOR = "rating-processor";
    public static final String RECOMMENDATIONS_SINK = "recommendations-sink";
    public static final String RATINGS_DLQ_SINK = "ratings-dlq-sink";
    /** Consumed name of the movies global store: its source is "movies-source", its processor "movies". */
    public static final String MOVIES = "movies";
    /** Consumed name of the model global store: its source is "model-updates-source", its processor "model-updates". */
    public static final String MODEL_UPDATES = "model-updates";

    private TopologyNames() {
    }
}
