package dev.recsys.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On a clock that moves only when the pacer parks, or when the test says: no real waiting, exact times. */
class PacerTest {
    private static final long MS = 1_000_000L;

    /** Starts far from zero so that nothing passes by treating a time as a duration. */
    private static final class FakeClock implements Pacer.Clock {
        long now = 7_000_000_000_000L;
        final List<Long> parks = new ArrayList<>();
        /** The share of a park that passes: below 1 the pacer is woken early. */
        double passes = 1.0;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void park(long nanos) {
            parks.add(nanos);
            now += Math.max(1, (long) (nanos * passes));
        }
    }

    private final FakeClock clock = new FakeClock();

    @Test
    void speedKeepsTheOriginalGapsShortenedByTheFactor() {
        Pacer pacer = new Pacer(Pacing.speed(1000), clock);
        long start = clock.now;
        pacer.start(1_000_000L);

        assertThat(pacer.awaitTurn(0, 1_000_000L, () -> false)).isTrue();
        assertThat(clock.now).isEqualTo(start);
        // 300 s later in the data is 0.3 s later at 1000x
        assertThat(pacer.awaitTurn(1, 1_300_000L, () -> false)).isTrue();

        assertThat(clock.now - start).isEqualTo(300 * MS);
    }

    @Test
    void rateSpacesEventsOneOverTheRateApart() {
        Pacer pacer = new Pacer(Pacing.rate(100), clock);
        long start = clock.now;
        pacer.start(0);

        for (int i = 0; i < 5; i++) {
            assertThat(pacer.awaitTurn(i, 0, () -> false)).isTrue();
            assertThat(clock.now - start).isEqualTo(i * 10 * MS);
        }
    }

    @Test
    void rateDueTimesAreAbsoluteSoALateStartCatchesUp() {
        Pacer pacer = new Pacer(Pacing.rate(100), clock);
        pacer.start(0);
        clock.now += 120 * MS; // a stall: events 0..12 are already due

        for (int i = 0; i <= 12; i++) {
            assertThat(pacer.awaitTurn(i, 0, () -> false)).isTrue();
        }
        assertThat(clock.parks).isEmpty();

        assertThat(pacer.awaitTurn(13, 0, () -> false)).isTrue();
        assertThat(clock.parks).containsExactly(10 * MS);
    }

    @Test
    void aLongWaitWakesEvery50MillisecondsAndACancelEndsItAtTheNextWake() {
        Pacer pacer = new Pacer(Pacing.rate(0.01), clock); // the second event is due in 100 s
        pacer.start(0);
        pacer.awaitTurn(0, 0, () -> false);
        long start = clock.now;

        boolean proceeded = pacer.awaitTurn(1, 0, () -> clock.now - start > 100 * MS);

        assertThat(proceeded).isFalse();
        assertThat(clock.parks).allMatch(nanos -> nanos == Pacer.MAX_PARK_NANOS);
        assertThat(clock.now - start).isEqualTo(150 * MS);
    }

    @Test
    void aWakeBeforeTheDueTimeWaitsAgainForTheRest() {
        clock.passes = 0.5;
        Pacer pacer = new Pacer(Pacing.rate(50), clock);
        long start = clock.now;
        pacer.start(0);

        pacer.awaitTurn(0, 0, () -> false);
        assertThat(pacer.awaitTurn(1, 0, () -> false)).isTrue();

        assertThat(clock.now - start).isBetween(20 * MS, 20 * MS + 1);
        assertThat(clock.parks).hasSizeGreaterThan(1);
    }

    @Test
    void fullSpeedNeverWaits() {
        Pacer pacer = new Pacer(Pacing.fullSpeed(), clock);
        pacer.start(0);

        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.awaitTurn(i, i * 1000L, () -> false)).isTrue();
        }

        assertThat(clock.parks).isEmpty();
        assertThat(pacer.paced()).isFalse();
    }

    @Test
    void aCancelledReplayDoesNotProceedEvenWhenTheEventIsDue() {
        Pacer pacer = new Pacer(Pacing.rate(100), clock);
        pacer.start(0);

        assertThat(pacer.awaitTurn(0, 0, () -> true)).isFalse();
    }
}
