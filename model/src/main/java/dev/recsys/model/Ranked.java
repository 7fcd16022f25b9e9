package dev.recsys.model;

/** Movies chosen for a user, best first, with the score each is reported with. */
public record Ranked(int[] ids, float[] scores) {
    public Ranked {
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids and scores differ in length");
        }
    }

    public int size() {
        return ids.length;
    }
}
