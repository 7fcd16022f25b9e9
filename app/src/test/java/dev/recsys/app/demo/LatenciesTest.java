package dev.recsys.app.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesOverAllSamplesAndOverThoseFromAGivenTime() {
        Latencies latencies = new Latencies();
        assertThat(latencies.summary()).isEqualTo(new Latencies.Summary(0, 0, 0, 0));
        assertThat(latencies.firstAt()).isEqualTo(-1);
        // a slow start-up second, then 100 fast samples
        for (int i = 0; i < 10; i++) {
            latencies.add(1_000 + i, 3_000 - i);
        }
        for (int i = 1; i <= 100; i++) {
            latencies.add(2_000 + i, i);
        }

        assertThat(latencies.firstAt()).isEqualTo(1_000);
        Latencies.Summary all = latencies.summary();
        assertThat(all.count()).isEqualTo(110);
        assertThat(all.p50()).isEqualTo(55);
        assertThat(all.p99()).isEqualTo(2_999);
        assertThat(all.max()).isEqualTo(3_000);
        assertThat(latencies.since(2_000)).isEqualTo(new Latencies.Summary(100, 50, 99, 100));
        assertThat(latencies.since(9_999)).isEqualTo(new Latencies.Summary(0, 0, 0, 0));
    }
}
