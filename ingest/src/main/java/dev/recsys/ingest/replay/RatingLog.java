package dev.recsys.ingest.replay;

import dev.recsys.schemas.RatingEvent;
import java.time.Instant;
import java.util.Arrays;

/**
 * The ratings to replay, held in parallel primitive arrays (about 36 bytes a rating while sorting: ml-100k takes
 * 4 MB, ml-25m's 25 million ratings about 1 GB of heap, against some 2.5 GB as RatingEvent objects) and put in
 * timestamp order by a stable sort, so ratings with the same timestamp keep their file order.
 */
public final class RatingLog {
    private final String source;
    private int size;
    private int[] users = new int[1024];
    private int[] movies = new int[1024];
    private float[] ratings = new float[1024];
    private long[] times = new long[1024];
    private long[] sequences = new long[1024];
    private int[] order;

    public RatingLog(String source) {
        this.source = source;
    }

    public void add(RatingEvent event) {
        if (order != null) {
            throw new IllegalStateException("the log is sorted already");
        }
        if (!source.equals(event.getSource())) {
            throw new IllegalArgumentException("one source per log: " + source + ", not " + event.getSource());
        }
        if (size == users.length) {
            int capacity = Math.addExact(size, size >> 1);
            users = Arrays.copyOf(users, capacity);
            movies = Arrays.copyOf(movies, capacity);
            ratings = Arrays.copyOf(ratings, capacity);
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
        }
        users[size] = event.getUserId();
        movies[size] = event.getMovieId();
        ratings[size] = event.getRating();
        times[size] = event.getEventTime().toEpochMilli();
        sequences[size] = event.getSequence();
        size++;
    }

    public String source() {
        return source;
    }

    public int size() {
        return size;
    }

    /** Orders by event time, ties by insertion (file) order. Already-ordered logs, like u.data of the generator, cost one pass. */
    public void sortByTime() {
        order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = times[i - 1] <= times[i];
        }
        if (!sorted) {
            mergeSort(order, new int[size], 0, size);
        }
    }

    /** The i-th rating in time order (after {@link #sortByTime}). */
    RatingEvent event(int i) {
        int at = order[i];
        return new RatingEvent(users[at], movies[at], ratings[at], Instant.ofEpochMilli(times[at]), source,
                sequences[at]);
    }

    /** The sequence number of the i-th rating in time order (its line in the source). */
    public long sequence(int i) {
        return sequences[order[i]];
    }

    public int userId(int i) {
        return users[order[i]];
    }

    public int movieId(int i) {
        return movies[order[i]];
    }

    public float rating(int i) {
        return ratings[order[i]];
    }

    long timeMillis(int i) {
        return times[order[i]];
    }

    // A stable merge sort on int indexes: no boxing, so 25 million entries need two int arrays and nothing else.
    private void mergeSort(int[] a, int[] buffer, int from, int to) {
        if (to - from < 32) {
            insertionSort(a, from, to);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(a, buffer, from, middle);
        mergeSort(a, buffer, middle, to);
        if (times[a[middle - 1]] <= times[a[middle]]) {
            return;
        }
        System.arraycopy(a, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            if (right >= to || (left < middle && times[buffer[left]] <= times[buffer[right]])) {
                a[k] = buffer[left++];
            } else {
                a[k] = buffer[right++];
            }
        }
    }

    private void insertionSort(int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int value = a[i];
            long key = times[value];
            int j = i - 1;
            while (j >= from && times[a[j]] > key) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = value;
        }
    }
}
