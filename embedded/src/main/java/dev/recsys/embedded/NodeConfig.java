package dev.recsys.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties of one combined broker+controller node: the project's {@link BrokerDefaults}, what makes it
 * a single-node KRaft cluster on loopback, and the caller's overrides on top. The settings that wire the node
 * to its own sockets and directory cannot be overridden; trying to is a usage error, not a silent ignore.
 */
final class NodeConfig {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Set<String> OWNED = Set.of(
            "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "inter.broker.listener.name", "controller.listener.names",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dirs", "log.dir", "metadata.log.dir");

    private NodeConfig() {
    }

    static Map<String, String> properties(int nodeId, String host, int brokerPort, int controllerPort, Path dataDir,
                                          Map<String, String> overrides) {
        rejectOwned(overrides);
        Map<String, String> props = BrokerDefaults.properties();
        // Fail a start that hangs (a port or disk problem) instead of blocking the caller forever.
        props.put("server.max.startup.time.ms", "60000");
        // Production feature levels only: the embedded broker stands in for a real one, not for a Kafka test.
        props.put("unstable.api.versions.enable", "false");
        props.put("unstable.feature.versions.enable", "false");
        props.putAll(overrides);

        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
        props.put("log.dirs", dataDir.toString());
        return props;
    }

    private static void rejectOwned(Map<String, String> overrides) {
        Set<String> clash = new TreeSet<>(overrides.keySet());
        clash.retainAll(OWNED);
        if (!clash.isEmpty()) {
            throw new IllegalArgumentException("The embedded broker sets " + clash
                    + " itself; use EmbeddedKafka.start(port, overrides) to choose the port");
        }
    }
}
