package dev.recsys.ingest.replay;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds each rating back until it is due. Due times are absolute (start + i / rate, or start + original gap / speed),
 * so a late event does not push the later ones back and the average rate holds even when single waits overshoot.
 */
final class Pacer {
    // wake at least this often while waiting, so a long --speed gap can still be cancelled promptly
    private static final long MAX_PARK_NANOS = 50_000_000L;

    private final Pacing pacing;
    private long startNanos;
    private long firstEventMillis;

    Pacer(Pacing pacing) {
        this.pacing = pacing;
    }

    void start(long firstEventMillis) {
        this.startNanos = System.nanoTime();
        this.firstEventMillis = firstEventMillis;
    }

    boolean paced() {
        return pacing.mode() != Pacing.Mode.FULL_SPEED;
    }

    /**
     * Waits until the index-th event (from 0) of this run, which happened at eventMillis, is due.
     *
     * @return false if cancelled while waiting
     */
    boolean awaitTurn(long index, long eventMillis, BooleanSupplier cancelled) {
        long due = switch (pacing.mode()) {
            case FULL_SPEED -> startNanos;
            case RATE -> startNanos + (long) (index * 1e9 / pacing.value());
            case SPEED -> startNanos + (long) ((eventMillis - firstEventMillis) * 1e6 / pacing.value());
        };
        long remaining;
        while ((remaining = due - System.nanoTime()) > 0) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
        }
        return !cancelled.getAsBoolean();
    }
}
