package dev.recsys.streams.stats;

import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.Strategy;
import dev.recsys.streams.topology.AppCounters;
import dev.recsys.streams.topology.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream over the last minutes, for the page's small charts: on a timer it reads this instance's counters and its
 * consumer lag on ratings from Kafka Streams' metrics, and keeps a bounded ring of the samples. Each rating is either
 * recommended for or dead-lettered, so ratings are the sum of both counters.
 */
public final class StreamSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamSampler.class);

    /** The counters' totals and the consumer lag at one time; lag null while Kafka reports none. */
    public record Sample(long timeMs, Map<Strategy, Long> recommendations, Map<DeadLetterReason, Long> deadLetters,
                         Long consumerLag) {
        long ratings() {
            return recommendations.values().stream().mapToLong(Long::longValue).sum()
                    + deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One point of the charts: rates over the interval that ends at {@code timeMs}, the dead letters since the
     * instance started, and the lag at that time.
     */
    public record Point(long timeMs, double ratingsPerSecond, Map<String, Double> recommendationsPerSecond,
                        Map<String, Long> deadLetters, Long consumerLag) {
    }

    /** What the app keeps: a sample every 2 s for the last 10 minutes. */
    public static final Duration EVERY = Duration.ofSeconds(2);
    public static final int KEPT = 300;

    private final AppCounters counters;
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Duration every;
    private final int capacity;
    private final ArrayDeque<Sample> ring;
    private ScheduledExecutorService timer;

    /**
     * @param metrics  Kafka Streams' metrics ({@code KafkaStreams::metrics})
     * @param every    how often {@link #start} samples
     * @param capacity how many samples are kept
     */
    public StreamSampler(AppCounters counters, Supplier<Map<MetricName, ? extends Metric>> metrics, Duration every,
                         int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2 (a rate needs two samples), got "
                    + capacity);
        }
        this.counters = counters;
        this.metrics = metrics;
        this.every = every;
        this.capacity = capacity;
        this.ring = new ArrayDeque<>(capacity);
    }

    public Duration every() {
        return every;
    }

    /** Samples now and then every {@link #every()} on a daemon thread, until closed. */
    public synchronized void start() {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recsys-stream-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sampleSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            sample(System.currentTimeMillis());
        } catch (RuntimeException e) {
            // a sample missed is a gap in a chart; a dead timer would be every later one
            log.warn("Could not sample the stream's figures: {}", e.toString());
        }
    }

    /** Takes one sample at the given time. */
    public void sample(long timeMs) {
        Map<Strategy, Long> recommendations = new LinkedHashMap<>();
        for (Strategy strategy : Strategy.values()) {
            recommendations.put(strategy, counters.recommendations(strategy));
        }
        Map<DeadLetterReason, Long> deadLetters = new LinkedHashMap<>();
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, counters.deadLetters(reason));
        }
        Sample sample = new Sample(timeMs, recommendations, deadLetters, ratingsLag(metrics.get()));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(sample);
        }
    }

    /**
     * The records this instance's consumers have yet to read from ratings: the sum of {@code records-lag} over the
     * ratings partitions it is assigned; null before any is reported.
     */
    static Long ratingsLag(Map<MetricName, ? extends Metric> metrics) {
        long lag = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && Topics.RATINGS.equals(name.tags().get("topic")) && name.tags().containsKey("partition")
                    && entry.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                lag += Math.round(value);
                any = true;
            }
        }
        return any ? lag : null;
    }

    /** The charts' points, oldest first: one per sample after the first, the rates against the sample before. */
    public List<Point> points() {
        List<Sample> samples;
        synchronized (ring) {
            samples = new ArrayList<>(ring);
        }
        List<Point> points = new ArrayList<>(Math.max(samples.size() - 1, 0));
        for (int i = 1; i < samples.size(); i++) {
            Sample before = samples.get(i - 1);
            Sample now = samples.get(i);
            double seconds = Math.max(now.timeMs() - before.timeMs(), 1) / 1000.0;
            Map<String, Double> recommended = new LinkedHashMap<>();
            now.recommendations().forEach((strategy, total) -> recommended.put(label(strategy),
                    (total - before.recommendations().get(strategy)) / seconds));
            Map<String, Long> deadLetters = new LinkedHashMap<>();
            now.deadLetters().forEach((reason, total) -> deadLetters.put(label(reason), total));
            points.add(new Point(now.timeMs(), (now.ratings() - before.ratings()) / seconds, recommended,
                    deadLetters, now.consumerLag()));
        }
        return points;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
