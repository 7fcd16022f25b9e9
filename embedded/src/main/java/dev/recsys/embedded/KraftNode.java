package dev.recsys.embedded;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One combined broker+controller, assembled from the same parts {@link KafkaRaftServer} uses, with two
 * differences that matter inside someone else's JVM: its sockets come from {@link LoopbackSockets} and its
 * faults go to {@link BrokerFaults} rather than halting the process.
 */
final class KraftNode {

    private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);

    private final ControllerServer controller;
    private final BrokerServer broker;

    private KraftNode(ControllerServer controller, BrokerServer broker) {
        this.controller = controller;
        this.broker = broker;
    }

    /**
     * Formats {@code dataDir} unless it holds a node already (a restart keeps its logs and cluster id), then starts
     * the controller and the broker; returns once the broker is unfenced.
     */
    static KraftNode start(Map<String, String> props, Path dataDir, LoopbackSockets sockets, BrokerFaults faults)
            throws Exception {
        long began = System.nanoTime();
        KafkaConfig config = new KafkaConfig(props, false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(config, dataDir);
        }
        long formatted = System.nanoTime();
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> initialized =
                KafkaRaftServer.initializeLogDirs(config, LOG, "");
        SharedServer shared = new SharedServer(
                config,
                initialized._1(),
                Time.SYSTEM,
                new Metrics(),
                CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                faults,
                sockets);
        ControllerServer controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), initialized._2());
        BrokerServer broker = new BrokerServer(shared);
        KraftNode node = new KraftNode(controller, broker);
        try {
            // Same order as KafkaRaftServer: the broker registers with the controller it shares the quorum with.
            long built = System.nanoTime();
            controller.startup();
            long controllerUp = System.nanoTime();
            broker.startup();
            LOG.debug("Node {}: config and format {} ms, assembly {} ms, controller {} ms, broker {} ms",
                    config.nodeId(), millis(began, formatted), millis(formatted, built),
                    millis(built, controllerUp), millis(controllerUp, System.nanoTime()));
        } catch (RuntimeException | Error e) {
            node.shutdown();
            throw e;
        }
        return node;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    int brokerPort() {
        return broker.boundPort(ListenerName.normalised(NodeConfig.BROKER_LISTENER));
    }

    /** Broker first, then controller, as KafkaRaftServer does, so that the broker can still deregister. */
    void shutdown() {
        broker.shutdown();
        broker.awaitShutdown();
        controller.shutdown();
        controller.awaitShutdown();
    }

    private static void format(KafkaConfig config, Path dataDir) throws Exception {
        new Formatter()
                // The formatter reports to stdout by default; a library has no business printing there.
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(NodeConfig.CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
    }
}
