package dev.recsys.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserRatingsTest {
    private static final int LIMIT = 5;
    private final RatedMovie.RatedMovieSerde serde = new RatedMovie.RatedMovieSerde();
    private KeyValueStore<Long, RatedMovie> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("user-ratings"), Serdes.Long(), serde)
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void theStoredHistoryIsTheOneWithRatingBuildsThroughReRatingsAndTheLimit() {
        // room in memory for one user's history: the other is read from the store, and they take turns
        check(() -> new UserRatings(store, LIMIT + 2));
    }

    @Test
    void aFreshInstanceReadsAndWritesTheSameHistories() {
        UserRatings shared = new UserRatings(store, 1000);
        check(() -> shared);
        // as after a restart: nothing in memory, everything from the store
        store();
        check(() -> new UserRatings(store, 0));
    }

    private void check(Supplier<UserRatings> instance) {
        Random random = new Random(7);
        UserHistory[] expected = {UserHistory.EMPTY, UserHistory.EMPTY};
        int[] users = {3, -3};  // a negative id is its own prefix, not another user's
        UserRatings ratings = instance.get();
        for (int i = 0; i < 400; i++) {
            int u = random.nextInt(2);
            int movie = random.nextInt(12) - 2;
            float rating = 0.5f * (1 + random.nextInt(10));
            assertThat(UserRatings.history(store, users[u])).isEqualTo(expected[u]);
            UserHistory before = ratings.history(users[u]);
            assertThat(before).isEqualTo(expected[u]);
            expected[u] = before.withRating(movie, rating, 1000L * i, LIMIT);
            ratings.add(users[u], before, expected[u]);
            ratings = instance.get();
        }
        for (int u = 0; u < 2; u++) {
            assertThat(UserRatings.history(store, users[u])).isEqualTo(expected[u]);
            assertThat(expected[u].size()).isEqualTo(LIMIT);
        }
        assertThat(entries()).as("one entry per kept (user, movie), none left behind").isEqualTo(2 * LIMIT);
        assertThat(UserRatings.history(store, 4)).isEqualTo(UserHistory.EMPTY);
    }

    @Test
    void aRatingWritesOneEntryAndDeletesTheOldestAtTheLimit() {
        UserRatings ratings = new UserRatings(store, 0);
        for (int movie = 1; movie <= LIMIT + 1; movie++) {
            UserHistory before = ratings.history(9);
            ratings.add(9, before, before.withRating(movie, 4f, movie, LIMIT));
        }
        assertThat(store.get(UserRatings.key(9, 1))).as("the oldest, dropped at the limit").isNull();
        assertThat(store.get(UserRatings.key(9, LIMIT + 1))).isEqualTo(new RatedMovie(4f, LIMIT + 1, LIMIT));
        assertThat(entries()).isEqualTo(LIMIT);
    }

    @Test
    void ratedMoviesRoundTripInSeventeenBytesAndForeignBytesAreRejected() {
        RatedMovie rated = new RatedMovie(4.5f, 874_965_758_000L, 41);
        byte[] bytes = serde.serializer().serialize("t", rated);
        assertThat(bytes).hasSize(17);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(rated);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
                .isInstanceOf(SerializationException.class);
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format");
    }

    private int entries() {
        int n = 0;
        try (KeyValueIterator<Long, RatedMovie> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
