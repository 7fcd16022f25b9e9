package dev.recsys.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one service, served as Prometheus text on {@code GET /metrics}: its own counters and gauges
 * (registered on {@link #registry()}) and its Kafka clients' metrics through Micrometer's Kafka binders.
 *
 * <p>Micrometer names a meter {@code a.b.c} as {@code a_b_c}, a counter with {@code _total} added, and a Kafka metric
 * as {@code kafka_<group without "-metrics">_<name>} with its tags (and {@code kafka_version}) as labels.
 */
public final class ServiceMetrics implements AutoCloseable {
    /** Prometheus' text exposition format, which every scraper reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * How often the Kafka binders look for metrics that appeared (a newly assigned partition's lag) or went, which a
     * scrape cannot trigger. Micrometer's default is 60 s, so a rebalanced instance would hide its new partitions'
     * lag for a minute; each look compares the key sets of a few thousand metrics, well under 1 ms.
     */
    public static final Duration KAFKA_REFRESH = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ServiceMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    /**
     * Makes one of Micrometer's Kafka binders on this service's refresh schedule, such as
     * {@code (scheduler, every) -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, every)}.
     */
    @FunctionalInterface
    public interface KafkaBinder<B extends MeterBinder & AutoCloseable> {
        B create(ScheduledExecutorService scheduler, Duration refreshInterval);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Binds a Kafka client's (or Kafka Streams') metrics; their meters go when this closes. */
    public <B extends MeterBinder & AutoCloseable> B bindKafka(KafkaBinder<B> binder) {
        B bound = binder.create(kafkaRefresh, KAFKA_REFRESH);
        bound.bindTo(registry);
        binders.add(bound);
        return bound;
    }

    /**
     * Runs before each scrape: to take one snapshot that a service's gauges then read (so that one page is
     * consistent), or to bring up to date a meter whose set of series changes (a published model's figures).
     */
    public void beforeScrape(Runnable action) {
        beforeScrape.add(action);
    }

    /** Every meter now, in {@link #CONTENT_TYPE}. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                log.warn("closing a metrics binder failed: {}", e.toString());
            }
        }
        binders.clear();
        kafkaRefresh.shutdownNow();
        registry.close();
    }
}
