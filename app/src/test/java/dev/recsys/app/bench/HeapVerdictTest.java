package dev.recsys.app.bench;

import dev.recsys.app.bench.HeapVerdict.Outcome;
import dev.recsys.app.bench.HeapVerdict.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeapVerdictTest {
    private static final long MB = 1 << 20;
    private static final long MAX_HEAP = 1000 * MB;
    // warm-up: the first quarter of the samples; bound 10% of the max heap, 100 MB
    private static final Rule QUARTER = new Rule(-1, 0.25, 0.10, MAX_HEAP);

    @Test
    void theSlopeIsTheLeastSquaresLineThroughNoisySamples() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // 2 MB a second, with +-1 MB of alternating noise the line must see through
            samples.add(sample(i, 1000L * i, (100 + 2 * i + (i % 2 == 0 ? 1 : -1)) * MB, 0));
        }

        double slope = HeapVerdict.slope(samples, SoakSample::seconds, SoakSample::heapAfterGc);

        assertThat(slope / MB).isCloseTo(2.0, within(0.1));
    }

    @Test
    void theWarmUpIsLeftOutOfTheLine() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // the heap fills by 300 MB in the first two samples (a quarter of eight), then stays at 400 MB
            samples.add(sample(10 * i, 1000L * i, (i < 2 ? 100 + 150 * i : 400) * MB, 0));
        }

        HeapVerdict verdict = HeapVerdict.judge(samples, QUARTER);

        assertThat(verdict.warmupSamples()).isEqualTo(2);
        assertThat(verdict.fitted()).isEqualTo(6);
        assertThat(verdict.growthBytes()).isCloseTo(0, within(1.0));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void theDrainAfterTheReplayIsLeftOutOfTheLine() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // sent grows to 8,000 at sample 8; the heap grows 1 MB a sample until then, and drops by 200 MB after
            long sent = Math.min(1000L * i, 8000);
            samples.add(sample(10 * i, sent, (i <= 8 ? 400 + i : 200) * MB, 0));
        }

        HeapVerdict verdict = HeapVerdict.judge(samples, QUARTER);

        assertThat(HeapVerdict.replayEnd(samples)).isEqualTo(9);
        assertThat(verdict.fitted()).isEqualTo(9 - 3);
        assertThat(verdict.growthBytes() / MB).isCloseTo(5.0, within(0.01));
    }

    @Test
    void warmUpSecondsWhenGivenReplaceTheShareOfSamples() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(sample(10 * i, 1000L * i, 100 * MB, 0));
        }

        assertThat(HeapVerdict.warmupSamples(samples, new Rule(35, 0.25, 0.10, MAX_HEAP))).isEqualTo(4);
    }

    @Test
    void aHeapThatKeepsGrowingBeyondTheBoundFails() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            samples.add(sample(10 * i, 1000L * i, (200 + 20 * i) * MB, 0));   // 20 MB every sample, for ever
        }

        HeapVerdict verdict = HeapVerdict.judge(samples, QUARTER);

        // fitted from sample 3 to 11: 8 steps of 20 MB
        assertThat(verdict.growthBytes() / MB).isCloseTo(160, within(0.01));
        assertThat(verdict.bytesPerMillion() / MB).isCloseTo(20_000, within(0.1));
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.line()).startsWith("verdict: FAIL");
    }

    @Test
    void theRatingLogsGrowthIsAllowedFor() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // the same growth, all of it the trainer's rating log
            samples.add(sample(10 * i, 1000L * i, (200 + 20 * i) * MB, 20 * i * MB));
        }

        HeapVerdict verdict = HeapVerdict.judge(samples, QUARTER);

        assertThat(verdict.rawGrowthBytes() / MB).isCloseTo(160, within(0.01));
        assertThat(verdict.growthBytes()).isCloseTo(0, within(1.0));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void tooFewSamplesAfterWarmUpAreInconclusive() {
        List<SoakSample> samples = List.of(sample(0, 0, 100 * MB, 0), sample(10, 1000, 100 * MB, 0),
                sample(20, 2000, 100 * MB, 0));

        HeapVerdict verdict = HeapVerdict.judge(samples, QUARTER);

        assertThat(verdict.fitted()).isEqualTo(2);
        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    }

    private static SoakSample sample(double seconds, long ratings, long heapAfterGc, long ratingLog) {
        return new SoakSample(seconds, ratings, ratings, 0, heapAfterGc, 2 * heapAfterGc, -1, 0, ratingLog, 10, 1,
                "waiting");
    }
}
