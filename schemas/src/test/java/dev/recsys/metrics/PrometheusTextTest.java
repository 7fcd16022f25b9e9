package dev.recsys.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    /** A sample line of the text format 0.0.4: name, optional labels, a value. */
    static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\")*})?"
                    + " (NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");

    @Test
    void writesKafkaMetricsAsFamiliesWithLabelsAndLeavesOutTextValues() {
        try (Metrics metrics = new Metrics()) {
            Sensor sensor = metrics.sensor("requests");
            sensor.add(metrics.metricName("request-total", "producer-metrics", "Requests sent",
                    Map.of("client-id", "p-1")), new CumulativeSum());
            sensor.add(metrics.metricName("request-latency-avg", "producer-metrics", "Mean latency\nin ms",
                    Map.of("client-id", "p-1")), new Avg());
            metrics.addMetric(metrics.metricName("version", "app-info", "", Map.of()),
                    (Gauge<String>) (config, now) -> "4.1.0");
            sensor.record(3);
            sensor.record(5);

            String text = new PrometheusText().kafka(metrics.metrics()).render();

            assertThat(text).contains("# TYPE kafka_producer_metrics_request_total counter\n"
                    + "kafka_producer_metrics_request_total{client_id=\"p-1\"} 8\n");
            assertThat(text).contains("# HELP kafka_producer_metrics_request_latency_avg Mean latency\\nin ms\n"
                    + "# TYPE kafka_producer_metrics_request_latency_avg gauge\n"
                    + "kafka_producer_metrics_request_latency_avg{client_id=\"p-1\"} 4\n");
            assertThat(text).doesNotContain("app_info_version").doesNotContain("4.1.0");
            assertWellFormed(text);
        }
    }

    @Test
    void escapesLabelValuesAndWritesSpecialNumbers() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("path", "C:\\dir \"x\"\nnext");
        labels.put("a-b", "1");
        String text = new PrometheusText()
                .add("app_odd", "odd values", labels, Double.NaN)
                .add("app_odd", "ignored: the first help counts", Map.of("path", "other"), Double.POSITIVE_INFINITY)
                .add("app_odd", "a second sample of the same series is ignored", labels, 1)
                .add("app.rate", "a fraction", 0.25)
                .add("9lives", "", -2)
                .render();

        assertThat(text).isEqualTo("""
                # HELP app_odd odd values
                # TYPE app_odd gauge
                app_odd{a_b="1",path="C:\\\\dir \\"x\\"\\nnext"} NaN
                app_odd{path="other"} +Inf
                # HELP app_rate a fraction
                # TYPE app_rate gauge
                app_rate 0.25
                # TYPE _9lives gauge
                _9lives -2
                """);
        assertWellFormed(text);
    }

    /** Every line a comment or a sample, and no series twice. */
    static void assertWellFormed(String text) {
        List<String> samples = Arrays.stream(text.split("\n")).filter(line -> !line.startsWith("# ")).toList();
        assertThat(samples).allSatisfy(line -> assertThat(line).matches(SAMPLE));
        assertThat(samples.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).distinct().count())
                .isEqualTo(samples.size());
    }
}
