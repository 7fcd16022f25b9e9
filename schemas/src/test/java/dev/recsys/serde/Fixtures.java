package dev.recsys.serde;

import dev.recsys.schemas.Genre;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.PartitionOffset;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import dev.recsys.schemas.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every top-level record, with optional fields set and unset. */
public final class Fixtures {

    private Fixtures() {
    }

    public static RatingEvent rating(int userId, int movieId, float rating, long sequence) {
        return RatingEvent.newBuilder()
                .setUserId(userId)
                .setMovieId(movieId)
                .setRating(rating)
                .setEventTime(Instant.ofEpochMilli(881_250_949_000L + sequence))
                .setSource("synthetic/u.data")
                .setSequence(sequence)
                .build();
    }

    public static Movie movie() {
        return Movie.newBuilder()
                .setMovieId(1)
                .setTitle("Toy Story (1995)")
                .setReleaseDate(LocalDate.of(1995, 1, 1))
                .setGenres(List.of(Genre.ANIMATION, Genre.CHILDRENS, Genre.COMEDY))
                .build();
    }

    public static User user() {
        return User.newBuilder().setUserId(1).setAge(24).setGender("M").setOccupation("technician")
                .setZipCode(null).build();
    }

    public static Recommendations recommendations() {
        return Recommendations.newBuilder()
                .setUserId(7)
                .setItems(List.of(
                        RecommendedItem.newBuilder().setMovieId(50).setTitle("Star Wars (1977)").setScore(4.6f).build(),
                        RecommendedItem.newBuilder().setMovieId(1682).setTitle(null).setScore(3.25f).build()))
                .setModelVersion(3L)
                .setStrategy(Strategy.MODEL)
                .setTriggerEventTime(Instant.ofEpochMilli(881_250_949_000L))
                .setTriggerSource("ml-100k/u.data")
                .setTriggerSequence(12L)
                .setGeneratedAt(Instant.ofEpochMilli(1_700_000_000_123L))
                .build();
    }

    public static ModelUpdate modelUpdate() {
        byte[] payload = "not really a model".getBytes(StandardCharsets.UTF_8);
        return ModelUpdate.newBuilder()
                .setVersion(4)
                .setParentVersion(null)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setTrainedThrough(List.of(new PartitionOffset("ratings", 0, 50_000L),
                        new PartitionOffset("ratings", 1, 49_999L)))
                .setRatingsSeen(99_999L)
                .setUserIds(List.of(1, 2, 943))
                .setMovieIds(List.of(1, 1682))
                .setMovieGenreMasks(List.of(0b111000, 1))
                .setMetrics(Map.of("val_mse", 0.83, "val_accuracy", 0.86))
                .setHyperparameters(Map.of("epochs", "15", "variant", "hybrid"))
                .setPayloadFormat("dl4j-computation-graph-zip/v1")
                .setPayload(ByteBuffer.wrap(payload))
                .setSha256("0".repeat(64))
                .build();
    }

    /** Every top-level record of the contract, for parameterized round trips. */
    public static Stream<SpecificRecord> everyRecord() {
        return Stream.of(rating(7, 300, 4.5f, 1), movie(), user(), recommendations(), modelUpdate());
    }
}
