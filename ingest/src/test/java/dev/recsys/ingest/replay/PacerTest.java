package dev.recsys.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void speedKeepsTheOriginalGapsShortenedByTheFactor() {
        Pacer pacer = new Pacer(Pacing.speed(1000));
        long start = System.nanoTime();
        pacer.start(1_000_000L);

        assertThat(pacer.awaitTurn(0, 1_000_000L, () -> false)).isTrue();
        // 300 s later in the data is 0.3 s later at 1000x
        assertThat(pacer.awaitTurn(1, 1_300_000L, () -> false)).isTrue();

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo(0.3).isLessThan(1.0);
    }

    @Test
    void rateDueTimesAreAbsoluteSoALateStartCatchesUp() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.rate(100));
        pacer.start(0);
        Thread.sleep(120); // simulate a stall: events 0..11 are already due

        long start = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            assertThat(pacer.awaitTurn(i, 0, () -> false)).isTrue();
        }

        assertThat((System.nanoTime() - start) / 1e6).isLessThan(30);
    }

    @Test
    void aCancelledWaitReturnsPromptly() {
        Pacer pacer = new Pacer(Pacing.rate(0.01)); // the second event is due in 100 s
        pacer.start(0);
        pacer.awaitTurn(0, 0, () -> false);
        long start = System.nanoTime();

        boolean proceeded = pacer.awaitTurn(1, 0, () -> System.nanoTime() - start > 100_000_000L);

        assertThat(proceeded).isFalse();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }
}
