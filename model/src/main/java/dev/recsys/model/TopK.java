package dev.recsys.model;

import java.util.Arrays;

/**
 * The k best (id, key) pairs of a stream of offers, best first; equal keys rank the lower id first so that results are
 * deterministic. A bounded min-heap on primitive arrays: O(n log k) and no allocation per offer, so one instance is
 * reused for every rating a processor handles. NaN keys are never selected: callers mark excluded entries with NaN.
 */
public final class TopK {
    private final int k;
    private final int[] ids;
    private final float[] keys;
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        this.ids = new int[k];
        this.keys = new float[k];
    }

    public void clear() {
        size = 0;
    }

    /** The k it keeps. */
    public int capacity() {
        return k;
    }

    public int size() {
        return size;
    }

    /** The key of the worst entry kept: the k-th best once k are kept. Only when not empty. */
    public float worst() {
        if (size == 0) {
            throw new IllegalStateException("no entry kept");
        }
        return keys[0];
    }

    /** The ids kept, in no order, into out (which must hold {@link #size()}); returns how many. */
    public int ids(int[] out) {
        System.arraycopy(ids, 0, out, 0, size);
        return size;
    }

    public void offer(int id, float key) {
        if (Float.isNaN(key)) {
            return;
        }
        if (size < k) {
            ids[size] = id;
            keys[size] = key;
            siftUp(size++);
        } else if (worse(ids[0], keys[0], id, key)) {
            ids[0] = id;
            keys[0] = key;
            siftDown(0);
        }
    }

    /**
     * The best rows of scores whose movie is not in the history, as raw movie ids, best first: the selection every
     * recommender here shares. Overwrites the history's rows of scores; reuses topK (cleared first).
     */
    public static int[] unrated(TopK topK, float[] scores, IdMap movies, History history) {
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                scores[row] = Float.NaN;
            }
        }
        topK.clear();
        int count = Math.min(scores.length, movies.size());
        for (int row = 0; row < count; row++) {
            topK.offer(row, scores[row]);
        }
        Ranked ranked = topK.result();
        int[] ids = new int[ranked.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = movies.rawIdAt(ranked.ids()[i]);
        }
        return ids;
    }

    /** The selected entries, best first. */
    public Ranked result() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> worse(ids[a], keys[a], ids[b], keys[b]) ? 1
                : worse(ids[b], keys[b], ids[a], keys[a]) ? -1 : 0);
        int[] outIds = new int[size];
        float[] outKeys = new float[size];
        for (int i = 0; i < size; i++) {
            outIds[i] = ids[order[i]];
            outKeys[i] = keys[order[i]];
        }
        return new Ranked(outIds, outKeys);
    }

    /** True if (idA, keyA) ranks below (idB, keyB). */
    private static boolean worse(int idA, float keyA, int idB, float keyB) {
        return keyA < keyB || (keyA == keyB && idA > idB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(ids[i], keys[i], ids[parent], keys[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(ids[right], keys[right], ids[left], keys[left]) ? right : left;
            if (!worse(ids[worst], keys[worst], ids[i], keys[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
    }
}
