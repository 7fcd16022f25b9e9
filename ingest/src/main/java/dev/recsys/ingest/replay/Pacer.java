package dev.recsys.ingest.replay;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds each rating back until it is due. Due times are absolute (start + i / rate, or start + original gap / speed),
 * so a late event does not push the later ones back and the average rate holds even when single waits overshoot.
 */
final class Pacer {
    // wake at least this often while waiting, so a long --speed gap can still be cancelled promptly
    static final long MAX_PARK_NANOS = 50_000_000L;

    /**
     * The time a pacer reads and how it waits. Monotonic nanoseconds rather than an {@code InstantSource}: a wall
     * clock that is set back or forward would stall or rush the replay.
     */
    interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };

        long nanoTime();

        /** Waits about that long (less when woken early, which the pacer allows for). */
        void park(long nanos);
    }

    private final Pacing pacing;
    private final Clock clock;
    private long startNanos;
    private long firstEventMillis;

    Pacer(Pacing pacing) {
        this(pacing, Clock.SYSTEM);
    }

    Pacer(Pacing pacing, Clock clock) {
        this.pacing = pacing;
        this.clock = clock;
    }

    void start(long firstEventMillis) {
        this.startNanos = clock.nanoTime();
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
        while ((remaining = due - clock.nanoTime()) > 0) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            clock.park(Math.min(remaining, MAX_PARK_NANOS));
        }
        return !cancelled.getAsBoolean();
    }
}
