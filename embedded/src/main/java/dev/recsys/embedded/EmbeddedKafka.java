package dev.recsys.embedded;

import dev.recsys.common.Secrets;
import dev.recsys.common.topics.TopicSpec;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM, listening on loopback, with
 * its data in a temporary directory that {@link #close()} deletes. It is what the integration tests run
 * against and what {@code ./recsys demo} uses when no external cluster is given.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("ratings", 4, Map.of());
 *     ... clients with bootstrap.servers = kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    // Distinct node ids keep the per-node JMX app-info beans of brokers that overlap in one JVM apart.
    private static final AtomicInteger NODE_IDS = new AtomicInteger();

    private volatile KraftNode node;
    private final Map<String, String> props;
    private final int controllerPort;
    private final LoopbackSockets sockets;
    private final BrokerFaults faults;
    private final Path baseDir;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KraftNode node, Map<String, String> props, int controllerPort, LoopbackSockets sockets,
                          BrokerFaults faults, Path baseDir) {
        this.node = node;
        this.props = props;
        this.controllerPort = controllerPort;
        this.sockets = sockets;
        this.faults = faults;
        this.baseDir = baseDir;
        this.bootstrapServers = LoopbackSockets.LOOPBACK.getHostAddress() + ":" + node.brokerPort();
    }

    /** Starts a broker on a free loopback port with the project's {@link BrokerDefaults}. */
    public static EmbeddedKafka start() {
        return start(0, Map.of());
    }

    /** Starts a broker on a free loopback port; {@code brokerOverrides} go on top of {@link BrokerDefaults}. */
    public static EmbeddedKafka start(Map<String, String> brokerOverrides) {
        return start(0, brokerOverrides);
    }

    /**
     * Starts a broker on the given loopback port (0 picks a free one), for a demo that other processes on
     * this machine should find at a known address.
     */
    public static EmbeddedKafka start(int port, Map<String, String> brokerOverrides) {
        return start(port, brokerOverrides, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #start(int, Map)}, with the broker's temporary directory created under {@code parentDir}. */
    static EmbeddedKafka start(int port, Map<String, String> brokerOverrides, Path parentDir) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be 0..65535, got " + port);
        }
        BrokerLogLevels.quietBrokerLoggers();
        long started = System.nanoTime();
        Path baseDir = null;
        LoopbackSockets sockets = new LoopbackSockets();
        boolean running = false;
        try {
            baseDir = Files.createTempDirectory(parentDir, "recsys-kafka-");
            int brokerPort = sockets.bind(NodeConfig.BROKER_LISTENER, port);
            int controllerPort = sockets.bind(NodeConfig.CONTROLLER_LISTENER, 0);
            Map<String, String> props = NodeConfig.properties(NODE_IDS.incrementAndGet(),
                    LoopbackSockets.LOOPBACK.getHostAddress(), brokerPort, controllerPort,
                    baseDir.resolve("data"), brokerOverrides);
            BrokerFaults faults = new BrokerFaults();
            KraftNode node = KraftNode.start(props, baseDir.resolve("data"), sockets, faults);
            EmbeddedKafka kafka = new EmbeddedKafka(node, props, controllerPort, sockets, faults, baseDir);
            running = true;
            LOG.info("Embedded Kafka {} started in {} ms (data in {}, overrides {})", kafka.bootstrapServers,
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), baseDir, Secrets.mask(brokerOverrides));
            return kafka;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka broker failed to start: " + e.getMessage(), e);
        } finally {
            if (!running) {
                cleanUp(sockets, baseDir);
            }
        }
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates a topic (replication factor 1) and returns once every partition has a leader that serves it.
     * An existing topic with the same partition count is accepted as is.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopic(new TopicSpec(name, partitions, configs));
    }

    /** {@link #createTopic(String, int, Map)} for a row of the topic table, such as {@code Topics.spec(name)}. */
    public void createTopic(TopicSpec topic) {
        ensureUsable();
        TopicCreator.create(bootstrapServers, topic, TOPIC_TIMEOUT);
    }

    /** {@link #createTopic(String, int, Map)} with the broker's default topic configuration. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Stops the broker and, after {@code downtime}, starts it again on the same ports with the same log directory
     * and cluster, as a restarted broker process would be: what was written stays, clients see it gone meanwhile.
     */
    public synchronized void restart(Duration downtime) throws InterruptedException {
        ensureUsable();
        long started = System.nanoTime();
        node.shutdown();
        LOG.info("Embedded Kafka {} stopped for a restart", bootstrapServers);
        Thread.sleep(downtime.toMillis());
        try {
            int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
            sockets.bind(NodeConfig.BROKER_LISTENER, port);
            sockets.bind(NodeConfig.CONTROLLER_LISTENER, controllerPort);
            node = KraftNode.start(props, baseDir.resolve("data"), sockets, faults);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka broker failed to start again: " + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka {} restarted in {} ms (down {} ms)", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), downtime.toMillis());
    }

    /**
     * Completes with the broker's first fatal fault (it never completes on a healthy broker), so that a
     * process whose whole job is this broker can exit with an error instead of serving a broken one.
     */
    public CompletableFuture<Throwable> fatalFault() {
        return faults.fatal();
    }

    /** Shuts the broker down, frees its port and deletes its data; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            node.shutdown();
        } finally {
            cleanUp(sockets, baseDir);
        }
        LOG.info("Embedded Kafka {} stopped in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        faults.firstFatal().ifPresent(fault ->
                LOG.warn("Embedded Kafka {} had a fatal fault while running: {}", bootstrapServers, fault.getMessage()));
    }

    /** The temporary directory holding the broker's logs and metadata; gone after {@link #close()}. */
    Path baseDirectory() {
        return baseDir;
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers + "]";
    }

    private void ensureUsable() {
        if (closed.get()) {
            throw new IllegalStateException("Embedded Kafka " + bootstrapServers + " is closed");
        }
        faults.firstFatal().ifPresent(fault -> {
            throw new IllegalStateException("Embedded Kafka " + bootstrapServers + " is broken: "
                    + fault.getMessage(), fault);
        });
    }

    private static void cleanUp(LoopbackSockets sockets, Path baseDir) {
        sockets.close();
        if (baseDir == null) {
            return;
        }
        try {
            Utils.delete(baseDir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete the embedded broker's data in {}: {}", baseDir, e.getMessage());
        }
    }
}
