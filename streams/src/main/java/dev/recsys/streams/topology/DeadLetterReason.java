package dev.recsys.streams.topology;

/** Why a rating went to the dead-letter topic; the name travels in the {@code dlq.reason} header. */
public enum DeadLetterReason {
    /** The key is missing or is not a 4-byte int. */
    UNDECODABLE_KEY,
    /** The value is missing, or is not a RatingEvent in the registry's wire format. */
    UNDECODABLE_VALUE,
    /** The key is not the event's user id: the user's state would live on the wrong partition. */
    KEY_MISMATCH,
    /** The rating is not a number from 0.5 to 5. */
    RATING_OUT_OF_RANGE,
    /** The movie is not in the catalogue (the movies topic). */
    UNKNOWN_MOVIE
}
