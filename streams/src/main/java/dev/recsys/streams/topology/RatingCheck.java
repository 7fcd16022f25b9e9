package dev.recsys.streams.topology;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RatingScale;
import dev.recsys.serde.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.util.function.IntPredicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a rating from its raw key and value and checks it: a good rating comes back decoded, a bad one with the
 * reason it goes to the dead-letter topic. Only a {@link SerializationException} from the value deserializer counts
 * as bad data, and not even that when the registry could not be asked: that (and anything else) propagates, so that the record is retried rather
 * than lost to the dead-letter topic.
 */
public final class RatingCheck {
    private final Deserializer<RatingEvent> values;

    public RatingCheck(Deserializer<RatingEvent> values) {
        this.values = values;
    }

    /** The outcome: exactly one of event and reason is set. */
    public record Verdict(int userId, RatingEvent event, DeadLetterReason reason, String detail) {
        static Verdict bad(DeadLetterReason reason, String detail) {
            return new Verdict(-1, null, reason, detail);
        }

        public boolean ok() {
            return event != null;
        }
    }

    public Verdict check(String topic, Headers headers, byte[] key, byte[] value, IntPredicate movieKnown) {
        if (key == null || key.length != Integer.BYTES) {
            return Verdict.bad(DeadLetterReason.UNDECODABLE_KEY,
                    key == null ? "no key; ratings are keyed by the int user id"
                            : "key of " + key.length + " bytes is not an int user id");
        }
        int userId = ByteBuffer.wrap(key).getInt();
        if (value == null) {
            return Verdict.bad(DeadLetterReason.UNDECODABLE_VALUE, "no value (a tombstone is not a rating)");
        }
        RatingEvent event;
        try {
            event = values.deserialize(topic, headers, value);
        } catch (SerializationException e) {
            if (registryUnavailable(e)) {
                throw e;
            }
            return Verdict.bad(DeadLetterReason.UNDECODABLE_VALUE, describe(e));
        }
        if (event == null) {
            return Verdict.bad(DeadLetterReason.UNDECODABLE_VALUE, "value decoded to nothing");
        }
        if (event.getUserId() != userId) {
            return Verdict.bad(DeadLetterReason.KEY_MISMATCH,
                    "key is user " + userId + " but the event is for user " + event.getUserId());
        }
        float rating = event.getRating();
        if (!RatingScale.contains(rating)) {
            return Verdict.bad(DeadLetterReason.RATING_OUT_OF_RANGE, RatingScale.outside(Float.toString(rating)));
        }
        if (!movieKnown.test(event.getMovieId())) {
            return Verdict.bad(DeadLetterReason.UNKNOWN_MOVIE,
                    "movie " + event.getMovieId() + " is not in the catalogue");
        }
        return new Verdict(userId, event, null, null);
    }

    /** The registry could not be asked (down, overloaded, refusing us): the record is fine, retry it later. */
    private static boolean registryUnavailable(SerializationException e) {
        return e.getCause() instanceof SchemaRegistryException registry
                && (registry.isUnreachable() || registry.status() >= 500 || registry.status() == 401
                        || registry.status() == 403);
    }

    private static String describe(SerializationException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            message = message + ": " + cause.getMessage();
        }
        return message;
    }
}
