package dev.recsys.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Decides what to do when a stream thread dies: replace it (it resumes from the last committed transaction, so a
 * transient failure costs nothing), unless threads keep dying, which means a fault a new thread would only repeat:
 * then shut the instance down so that the failure is visible rather than a hot loop.
 */
final class ThreadReplacementPolicy {
    private final int limit;
    private final Duration window;
    private final Deque<Long> deaths = new ArrayDeque<>();

    ThreadReplacementPolicy(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    synchronized StreamThreadExceptionResponse decide() {
        return decide(System.nanoTime());
    }

    synchronized StreamThreadExceptionResponse decide(long nowNanos) {
        deaths.addLast(nowNanos);
        while (!deaths.isEmpty() && nowNanos - deaths.peekFirst() > window.toNanos()) {
            deaths.removeFirst();
        }
        return deaths.size() > limit ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT
                : StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
