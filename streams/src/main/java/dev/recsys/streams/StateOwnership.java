package dev.recsys.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Kafka cluster the local state directory belongs to. The stores' contents are only valid against the
 * changelogs and offsets of the cluster that wrote them: a state volume kept while the broker was replaced by a new,
 * empty one (a {@code docker-compose down} / {@code up} without a broker volume, say) would pair old user histories
 * with a log that starts again. The cluster id is written beside the state at the first start; a start against
 * another cluster wipes the application's local state first, so that it is rebuilt from the new cluster.
 */
final class StateOwnership {
    private static final Logger log = LoggerFactory.getLogger(StateOwnership.class);

    private StateOwnership() {
    }

    /** The file that records the cluster of {@code applicationId}'s state under {@code stateDir}. */
    static Path marker(Path stateDir, String applicationId) {
        return stateDir.resolve("recsys-" + applicationId + ".cluster-id");
    }

    /**
     * Compares the cluster the admin client reaches with the one recorded; runs {@code wipe} (Kafka Streams'
     * {@code cleanUp}, before start) when they differ, and records the current one. Returns true when it wiped.
     */
    static boolean check(Map<String, Object> adminConfig, Path stateDir, String applicationId, Runnable wipe)
            throws IOException, InterruptedException {
        String cluster;
        try (Admin admin = Admin.create(adminConfig)) {
            cluster = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read the Kafka cluster id: " + e.getMessage(), e);
        }
        return check(cluster, stateDir, applicationId, wipe);
    }

    static boolean check(String cluster, Path stateDir, String applicationId, Runnable wipe) throws IOException {
        Path marker = marker(stateDir, applicationId);
        String recorded = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).strip() : null;
        boolean wiped = false;
        if (recorded != null && !recorded.equals(cluster)) {
            log.warn("The local state in {} was built against Kafka cluster {}, but this is cluster {}: deleting "
                    + "it, to be rebuilt from this cluster's changelogs", stateDir, recorded, cluster);
            wipe.run();
            wiped = true;
        }
        if (!cluster.equals(recorded)) {
            Files.createDirectories(stateDir);
            Files.writeString(marker, cluster + "\n", StandardCharsets.UTF_8);
        }
        return wiped;
    }
}
