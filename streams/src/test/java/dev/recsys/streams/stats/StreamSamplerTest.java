package dev.recsys.streams.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recsys.schemas.Strategy;
import dev.recsys.streams.topology.AppCounters;
import dev.recsys.streams.topology.DeadLetterReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamSamplerTest {
    private final AppCounters counters = new AppCounters(new SimpleMeterRegistry());
    private final Metrics kafkaMetrics = new Metrics();

    @AfterEach
    void closeMetrics() {
        kafkaMetrics.close();
    }

    @Test
    void ratesAreTheCountersGrowthPerSecondBetweenSamples() {
        StreamSampler sampler = new StreamSampler(counters, kafkaMetrics::metrics, Duration.ofSeconds(2), 10);
        sampler.sample(10_000);
        for (int i = 0; i < 3; i++) {
            counters.recommended(Strategy.MODEL);
        }
        counters.deadLetter(DeadLetterReason.UNKNOWN_MOVIE);
        sampler.sample(12_000);

        assertThat(sampler.points()).singleElement().satisfies(point -> {
            assertThat(point.timeMs()).isEqualTo(12_000);
            assertThat(point.ratingsPerSecond()).isCloseTo(2.0, within(1e-9));
            assertThat(point.recommendationsPerSecond()).containsEntry("model", 1.5).containsEntry("popularity", 0.0);
            assertThat(point.deadLetters()).containsEntry("unknown_movie", 1L).containsEntry("key_mismatch", 0L);
        });
    }

    @Test
    void keepsOnlyTheLatestSamples() {
        StreamSampler sampler = new StreamSampler(counters, kafkaMetrics::metrics, Duration.ofSeconds(1), 3);
        for (long t = 1; t <= 5; t++) {
            sampler.sample(t * 1000);
        }

        assertThat(sampler.points()).extracting(StreamSampler.Point::timeMs).containsExactly(4000L, 5000L);
    }

    @Test
    void consumerLagIsTheSumOverTheRatingsPartitionsOnly() {
        lag("ratings", "0", 5.0);
        lag("ratings", "1", 7.0);
        lag("ratings", "2", Double.NaN);
        lag("movies", "0", 100.0);

        assertThat(StreamSampler.ratingsLag(kafkaMetrics.metrics())).isEqualTo(12L);
    }

    @Test
    void consumerLagIsUnknownBeforeKafkaReportsAny() {
        lag("movies", "0", 100.0);

        assertThat(StreamSampler.ratingsLag(kafkaMetrics.metrics())).isNull();
    }

    private void lag(String topic, String partition, double value) {
        kafkaMetrics.addMetric(kafkaMetrics.metricName("records-lag", "consumer-fetch-manager-metrics",
                Map.of("client-id", "app-StreamThread-1-consumer", "topic", topic, "partition", partition)),
                (Gauge<Double>) (config, now) -> value);
    }
}
