package dev.recsys.model;

import java.util.Arrays;

/**
 * Raw int ids to dense rows 0..size-1, in order of first appearance; grows for unseen ids.
 * An open-addressing table on primitive ints: training maps every rating through it.
 * Not thread-safe while growing; a {@link #frozen()} copy is immutable and safe to share.
 */
public final class IdMap {
    private static final int EMPTY = Integer.MIN_VALUE;

    private int[] keys;
    private int[] rows;
    private int[] rawIds;
    private int size;
    private final boolean frozen;

    public IdMap() {
        this(16, false);
    }

    private IdMap(int capacity, boolean frozen) {
        int tableSize = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1;
        this.keys = new int[tableSize];
        Arrays.fill(keys, EMPTY);
        this.rows = new int[tableSize];
        this.rawIds = new int[Math.max(4, capacity)];
        this.frozen = frozen;
    }

    /** A map whose row i is rawIds[i]; duplicates are rejected (a model's id list must be a bijection). */
    public static IdMap of(int[] rawIds) {
        IdMap map = new IdMap(rawIds.length, false);
        for (int rawId : rawIds) {
            if (map.rowOf(rawId) >= 0) {
                throw new IllegalArgumentException("duplicate id " + rawId);
            }
            map.getOrAdd(rawId);
        }
        return map;
    }

    /** The row of rawId, or -1 if it has none. */
    public int rowOf(int rawId) {
        if (rawId == EMPTY) {
            return -1;
        }
        int mask = keys.length - 1;
        for (int slot = mix(rawId) & mask; ; slot = (slot + 1) & mask) {
            int key = keys[slot];
            if (key == rawId) {
                return rows[slot];
            }
            if (key == EMPTY) {
                return -1;
            }
        }
    }

    /** The row of rawId, adding it as the next row if absent. */
    public int getOrAdd(int rawId) {
        int existing = rowOf(rawId);
        if (existing >= 0) {
            return existing;
        }
        if (frozen) {
            throw new IllegalStateException("this id map is frozen; copy it to grow it");
        }
        if (rawId == EMPTY) {
            throw new IllegalArgumentException("id " + rawId + " is reserved");
        }
        if (size == rawIds.length) {
            rawIds = Arrays.copyOf(rawIds, size * 2);
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        int row = size++;
        rawIds[row] = rawId;
        insert(rawId, row);
        return row;
    }

    public int rawIdAt(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return rawIds[row];
    }

    public int size() {
        return size;
    }

    /** Raw ids by row, a copy. */
    public int[] rawIds() {
        return Arrays.copyOf(rawIds, size);
    }

    /** A growable copy. */
    public IdMap copy() {
        return copyOf(false);
    }

    /** An immutable copy ({@link #getOrAdd} of an unknown id throws). */
    public IdMap frozen() {
        return frozen ? this : copyOf(true);
    }

    public boolean isFrozen() {
        return frozen;
    }

    private IdMap copyOf(boolean asFrozen) {
        IdMap copy = new IdMap(Math.max(size, 4), false);
        for (int i = 0; i < size; i++) {
            copy.getOrAdd(rawIds[i]);
        }
        return asFrozen ? copy.asFrozen() : copy;
    }

    private IdMap asFrozen() {
        IdMap f = new IdMap(4, true);
        f.keys = keys;
        f.rows = rows;
        f.rawIds = rawIds;
        f.size = size;
        return f;
    }

    private void rehash(int tableSize) {
        keys = new int[tableSize];
        Arrays.fill(keys, EMPTY);
        rows = new int[tableSize];
        for (int row = 0; row < size; row++) {
            insert(rawIds[row], row);
        }
    }

    private void insert(int rawId, int row) {
        int mask = keys.length - 1;
        int slot = mix(rawId) & mask;
        while (keys[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = rawId;
        rows[slot] = row;
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "IdMap[size=" + size + (frozen ? ", frozen" : "") + "]";
    }
}
