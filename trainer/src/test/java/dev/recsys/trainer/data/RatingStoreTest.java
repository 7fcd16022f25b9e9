package dev.recsys.trainer.data;

import dev.recsys.model.HeldOut;
import dev.recsys.model.ListQuery;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class RatingStoreTest {

    @Test
    void aValidationRatingIsJudgedAgainstTheTrainingRatingsItsUserGaveBeforeIt() {
        ValidationSplit split = new ValidationSplit(0.5, 42);
        RatingStore store = new RatingStore(split);
        int user = 9;
        int trained = 0;
        int validated = 0;
        int[] expectedBefore = new int[100];
        for (int movie = 1; movie <= 100; movie++) {
            if (split.isValidation(user, movie)) {
                expectedBefore[validated++] = trained;
            } else {
                trained++;
            }
            store.add(user, movie, 4f);
            store.add(user + 1, movie, 3f);   // another user's ratings interleaved
        }

        RatingStore.Snapshot snapshot = store.snapshot();
        HeldOut heldOut = snapshot.heldOut(1000, 1);

        assertThat(validated).isBetween(30, 70);
        int checked = 0;
        for (ListQuery list : heldOut.lists()) {
            if (list.userId() == user) {
                int movie = list.relevant().iterator().next();
                // this user's training movies are in increasing order: the history holds those rated before
                assertThat(java.util.Arrays.stream(list.history().movieIds()).max().orElseThrow()).isLessThan(movie);
                assertThat(list.history().size()).isEqualTo(expectedBefore[checked + firstWithHistory(expectedBefore)]);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(validated - firstWithHistory(expectedBefore));
    }

    @Test
    void theSnapshotHoldsBothSlicesInLogOrder() {
        RatingStore store = new RatingStore(new ValidationSplit(0.2, 42));
        for (int i = 0; i < 500; i++) {
            store.add(i % 7, i, 3f);
        }

        RatingStore.Snapshot snapshot = store.snapshot();

        assertThat(snapshot.size()).isEqualTo(500);
        assertThat(snapshot.trainBefore()).hasSize(snapshot.validation().size());
        for (int i = 1; i < snapshot.train().size(); i++) {
            assertThat(snapshot.train().movieId(i)).isGreaterThan(snapshot.train().movieId(i - 1));
        }
    }

    @Test
    void pastTheLimitASnapshotHoldsWholeUsersThoseWhoRatedLatelyFirst() {
        RatingStore store = new RatingStore(new ValidationSplit(0.2, 42));
        for (int i = 0; i < 10_000; i++) {
            store.add(i % 100, i, 1 + i % 5);   // users 0-99, 100 ratings each
        }
        store.snapshot(1_000, 1);   // what came before is no longer new
        for (int i = 0; i < 300; i++) {
            store.add(200 + i % 3, 20_000 + i, 4f);   // users 200-202 rate since: 100 ratings each
        }

        RatingStore.Snapshot sample = store.snapshot(1_000, 7);

        assertThat(sample.held()).isEqualTo(10_300);
        assertThat(sample.sampled()).isTrue();
        assertThat(sample.train().size()).isBetween(500, 1_000);
        Map<Integer, Integer> trainedPerUser = new HashMap<>();
        for (int i = 0; i < sample.train().size(); i++) {
            trainedPerUser.merge(sample.train().userId(i), 1, Integer::sum);
            if (i > 0) {   // log order: the movie ids were given in increasing order
                assertThat(sample.train().movieId(i)).isGreaterThan(sample.train().movieId(i - 1));
            }
        }
        assertThat(trainedPerUser).containsKeys(200, 201, 202);
        RatingStore.Snapshot whole = store.snapshot();
        Map<Integer, Integer> trainedInWhole = new HashMap<>();
        for (int i = 0; i < whole.train().size(); i++) {
            trainedInWhole.merge(whole.train().userId(i), 1, Integer::sum);
        }
        trainedPerUser.forEach((user, n) -> assertThat(n).as("user %d whole", user).isEqualTo(trainedInWhole.get(user)));
        assertThat(sample.users()).isEqualTo(trainedPerUser.size());
        for (int i = 0; i < sample.validation().size(); i++) {
            assertThat(trainedPerUser).containsKey(sample.validation().userId(i));
        }
        // each validation rating keeps the count of its user's training ratings before it: the whole user is there
        HeldOut heldOut = sample.heldOut(1000, 1);
        for (ListQuery list : heldOut.lists()) {
            assertThat(list.history().size()).isLessThanOrEqualTo(trainedPerUser.get(list.userId()));
        }
        // another seed, another sample of the others
        assertThat(usersOf(store.snapshot(1_000, 8))).isNotEqualTo(usersOf(store.snapshot(1_000, 9)));
    }

    @Test
    void underTheLimitASnapshotIsTheWholeLog() {
        RatingStore store = new RatingStore(new ValidationSplit(0.2, 42));
        for (int i = 0; i < 500; i++) {
            store.add(i % 7, i, 3f);
        }

        RatingStore.Snapshot snapshot = store.snapshot(store.size(), 3);

        assertThat(snapshot.sampled()).isFalse();
        assertThat(snapshot.size()).isEqualTo(500);
        assertThat(snapshot.held()).isEqualTo(500);
        assertThat(snapshot.users()).isEqualTo(7);
    }

    @Test
    void bytesHeldCountsTheColumnsAtTheirCapacityAndACounterPerUser() {
        RatingStore store = new RatingStore(new ValidationSplit(0.0, 42));   // every rating trains
        int initial = 1 << 14;
        long empty = 2 * 12L * initial + 4L * initial;
        store.add(1, 1, 3f);
        store.add(2, 1, 3f);
        assertThat(store.bytesHeld()).isEqualTo(empty + 2 * RatingStore.BYTES_PER_USER);

        for (int i = 2; i <= initial; i++) {   // one past the capacity: the training columns double
            store.add(1, i, 3f);
        }

        assertThat(store.bytesHeld()).isEqualTo(empty + 12L * initial + 2 * RatingStore.BYTES_PER_USER);
    }

    private static Set<Integer> usersOf(RatingStore.Snapshot snapshot) {
        Set<Integer> users = new TreeSet<>();
        for (int i = 0; i < snapshot.train().size(); i++) {
            users.add(snapshot.train().userId(i));
        }
        return users;
    }

    /** How many of the user's first validation ratings came before any training rating (they judge no list). */
    private static int firstWithHistory(int[] before) {
        int n = 0;
        while (before[n] == 0) {
            n++;
        }
        return n;
    }
}
