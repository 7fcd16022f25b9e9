package dev.recsys.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Ratings held out of training, and the lists they judge. The ratings give the rating networks their validation
 * loss, each user read from their training history; the lists judge the ranking: the ranking network's early stop,
 * the blend weight and the recency chosen at each training, and the trainer's publish decision.
 */
public record HeldOut(RatingData ratings, List<ListQuery> lists) {
    public HeldOut {
        lists = List.copyOf(lists);
    }

    public int size() {
        return ratings.size();
    }

    /** The offline splits' protocol ({@link ListQuery#byUser}): each user's held-out movies against their history. */
    public static HeldOut byUser(RatingData train, RatingData held) {
        return new HeldOut(held, ListQuery.byUser(History.byUser(train), held));
    }

    /**
     * The live protocol: each held-out rating judges the list made from its user's training ratings before it, with
     * the movie rated as the one hit, whatever its rating (what {@code ./recsys bench online} counts). A rating with
     * no training rating of its user before it judges nothing, as a user's first rating is not counted live. At most
     * {@code limit} lists, a seeded sample in log order, so that judging stays cheap on a long log.
     *
     * @param train       the training ratings in log order
     * @param held        the held-out ratings in log order
     * @param trainBefore for each held-out rating, how many training ratings of its user came before it
     */
    public static HeldOut nextRatings(RatingData train, RatingData held, int[] trainBefore, int limit, long seed) {
        if (trainBefore.length != held.size()) {
            throw new IllegalArgumentException(trainBefore.length + " positions for " + held.size() + " ratings");
        }
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            if (trainBefore[i] > 0) {
                usable.add(i);
            }
        }
        if (usable.size() > limit) {
            java.util.Collections.shuffle(usable, new Random(seed));
            usable = new ArrayList<>(usable.subList(0, limit));
            usable.sort(null);
        }
        Map<Integer, History> histories = History.byUser(train);
        List<ListQuery> lists = new ArrayList<>(usable.size());
        for (int i : usable) {
            History all = histories.getOrDefault(held.userId(i), History.EMPTY);
            // a movie rated twice sits at its last rating's place in the history: the prefix is then off by one
            int before = Math.min(trainBefore[i], all.size());
            History prefix = new History(Arrays.copyOf(all.movieIds(), before), Arrays.copyOf(all.ratings(), before));
            lists.add(new ListQuery(held.userId(i), prefix, Set.of(held.movieId(i))));
        }
        return new HeldOut(held, lists);
    }
}
