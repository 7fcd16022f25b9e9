package dev.recsys.ingest.replay;

/**
 * How fast ratings go out: as fast as the producer takes them, at a fixed rate, or at the original pace sped up.
 *
 * @param mode  which of the three
 * @param value events per second for {@link Mode#RATE}, the speed-up factor for {@link Mode#SPEED}, else 0
 */
public record Pacing(Mode mode, double value) {

    public enum Mode { FULL_SPEED, RATE, SPEED }

    public Pacing {
        if (mode != Mode.FULL_SPEED && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(mode.name().toLowerCase() + " must be a positive number, got " + value);
        }
    }

    public static Pacing fullSpeed() {
        return new Pacing(Mode.FULL_SPEED, 0);
    }

    /** A fixed number of rating events per second. */
    public static Pacing rate(double eventsPerSecond) {
        return new Pacing(Mode.RATE, eventsPerSecond);
    }

    /** The original gaps between ratings, {@code factor} times shorter. */
    public static Pacing speed(double factor) {
        return new Pacing(Mode.SPEED, factor);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case FULL_SPEED -> "full speed";
            case RATE -> value + " events/s";
            case SPEED -> value + "x the original pace";
        };
    }
}
