package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldOutTest {

    @Test
    void nextRatingsJudgesEachHeldOutRatingAgainstTheTrainingRatingsBeforeIt() {
        RatingData train = new RatingData();
        train.add(1, 10, 4f);
        train.add(1, 20, 2f);
        train.add(2, 10, 5f);
        train.add(1, 30, 5f);
        RatingData held = new RatingData();
        held.add(1, 40, 1f);   // after 10 and 20
        held.add(2, 50, 3f);   // after 10
        held.add(1, 60, 4f);   // after all three

        HeldOut heldOut = HeldOut.nextRatings(train, held, new int[] {2, 1, 3}, 100, 7);

        assertThat(heldOut.ratings()).isSameAs(held);
        List<ListQuery> lists = heldOut.lists();
        assertThat(lists).extracting(ListQuery::userId).containsExactly(1, 2, 1);
        assertThat(lists.get(0).history().movieIds()).containsExactly(10, 20);
        assertThat(lists.get(0).history().ratings()).containsExactly(4f, 2f);
        // the movie rated next is the hit, whatever its rating
        assertThat(lists.get(0).relevant()).containsExactly(40);
        assertThat(lists.get(1).history().movieIds()).containsExactly(10);
        assertThat(lists.get(2).history().movieIds()).containsExactly(10, 20, 30);
        assertThat(lists.get(2).relevant()).containsExactly(60);
    }

    @Test
    void aHeldOutRatingWithNothingBeforeItJudgesNoList() {
        RatingData train = new RatingData();
        train.add(1, 10, 4f);
        RatingData held = new RatingData();
        held.add(1, 5, 4f);
        held.add(3, 6, 4f);

        HeldOut heldOut = HeldOut.nextRatings(train, held, new int[] {0, 0}, 100, 7);

        assertThat(heldOut.lists()).isEmpty();
        assertThat(heldOut.size()).isEqualTo(2);
    }

    @Test
    void moreListsThanTheLimitAreASeededSampleInLogOrder() {
        RatingData train = new RatingData();
        RatingData held = new RatingData();
        int[] before = new int[50];
        for (int i = 0; i < 50; i++) {
            train.add(i, 1000 + i, 4f);
            held.add(i, 2000 + i, 4f);
            before[i] = 1;
        }

        List<ListQuery> a = HeldOut.nextRatings(train, held, before, 10, 3).lists();
        List<ListQuery> b = HeldOut.nextRatings(train, held, before, 10, 3).lists();
        List<ListQuery> other = HeldOut.nextRatings(train, held, before, 10, 4).lists();

        assertThat(a).hasSize(10).isEqualTo(b).isNotEqualTo(other);
        assertThat(a).extracting(ListQuery::userId).isSorted();
    }

    @Test
    void byUserJudgesEachUsersRelevantMoviesAgainstTheirWholeTrainingHistory() {
        RatingData train = new RatingData();
        train.add(1, 10, 4f);
        train.add(1, 20, 2f);
        RatingData held = new RatingData();
        held.add(1, 30, 5f);
        held.add(1, 40, 4f);
        held.add(1, 50, 3f);   // under 4: not a hit offline
        held.add(2, 60, 2f);   // user 2 has nothing relevant: no list

        List<ListQuery> lists = HeldOut.byUser(train, held).lists();

        assertThat(lists).hasSize(1);
        assertThat(lists.get(0).history().movieIds()).containsExactly(10, 20);
        assertThat(lists.get(0).relevant()).isEqualTo(Set.of(30, 40));
    }

    @Test
    void refusesPositionsThatDoNotMatchTheRatings() {
        assertThatThrownBy(() -> HeldOut.nextRatings(new RatingData(), new RatingData(), new int[1], 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
