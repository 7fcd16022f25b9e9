package dev.recsys.metrics;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Metrics in Prometheus' text exposition format (version 0.0.4), for a {@code GET /metrics} that any Prometheus
 * (or anything that scrapes it) can read without an agent.
 *
 * <p>Kafka's own client metrics come in through {@link #kafka}: {@code group} and {@code name} make the family name
 * ({@code kafka_<group>_<name>}, every character outside {@code [a-zA-Z0-9_]} replaced by {@code _}) and the tags
 * become labels. Values that are not numbers (Kafka has a few text metrics, such as the client version) are left
 * out. A family whose name ends in {@code _total} is typed {@code counter}, any other {@code gauge}.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** One sample of the application's own; families keep the order of their first sample. */
    public PrometheusText add(String name, String help, Map<String, String> labels, double value) {
        String family = sanitize(name);
        families.computeIfAbsent(family, f -> new Family(help)).samples
                .putIfAbsent(labels(new TreeMap<>(labels)), value);
        return this;
    }

    public PrometheusText add(String name, String help, double value) {
        return add(name, help, Map.of(), value);
    }

    /** Every numeric metric of a Kafka client or of Kafka Streams, under the prefix {@code kafka_}. */
    public PrometheusText kafka(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Map<MetricName, Metric>> sorted = new TreeMap<>();
        metrics.forEach((name, metric) -> sorted
                .computeIfAbsent(sanitize("kafka_" + name.group() + "_" + name.name()), k -> new LinkedHashMap<>())
                .put(name, metric));
        sorted.forEach((family, members) -> members.forEach((name, metric) -> {
            if (metric.metricValue() instanceof Number number) {
                add(family, name.description(), name.tags(), number.doubleValue());
            }
        }));
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        families.forEach((name, family) -> {
            if (family.help != null && !family.help.isBlank()) {
                out.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help)).append('\n');
            }
            out.append("# TYPE ").append(name).append(name.endsWith("_total") ? " counter" : " gauge").append('\n');
            family.samples.forEach((labels, value) ->
                    out.append(name).append(labels).append(' ').append(number(value)).append('\n'));
        });
        return out.toString();
    }

    /** Answers an HTTP request with the page: 200, the format's content type. */
    public void send(HttpExchange exchange) throws IOException {
        byte[] body = render().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String sanitize(String name) {
        String clean = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? "_" + clean : clean;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        labels.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(sanitize(key)).append("=\"").append(escapeLabel(value == null ? "" : value)).append('"');
        });
        return out.append('}').toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static final class Family {
        final String help;
        final Map<String, Double> samples = new LinkedHashMap<>();

        Family(String help) {
            this.help = help;
        }
    }
}
