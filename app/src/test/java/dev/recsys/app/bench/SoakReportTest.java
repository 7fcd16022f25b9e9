package dev.recsys.app.bench;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoakReportTest {

    @Test
    void theTableSpreadsItsRowsEvenlyFromTheFirstSampleToTheLast() {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            samples.add(new SoakSample(10 * i, i, i, 0, 1, 1, -1, 0, 0, 0, -1, "waiting"));
        }

        List<SoakSample> rows = SoakReport.condensed(samples, 5);

        assertThat(rows).extracting(SoakSample::ratingsSent).containsExactly(0L, 25L, 50L, 75L, 100L);
    }
}
