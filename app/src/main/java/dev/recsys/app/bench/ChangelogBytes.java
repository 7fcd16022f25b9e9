package dev.recsys.app.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What the streams app's state costs Kafka: the bytes its changelog topics ({@code <application.id>-<store>-changelog})
 * hold on the brokers, read from their log directories. That is every record batch as written, transaction markers
 * included, until the log cleaner compacts a segment (a changelog's segments roll at 1 GB by default, so a benchmark's
 * never are). Each partition counts once however many replicas it has. Per rating processed, it is what one rating
 * writes to state on average.
 */
public final class ChangelogBytes {
    private ChangelogBytes() {
    }

    /** Bytes per store, by store name, of the changelogs of the app with this application id. */
    public static Map<String, Long> byStore(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException {
        String prefix = applicationId + "-";
        String suffix = "-changelog";
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<TopicPartition, Long> partitions = new HashMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    String topic = replica.getKey().topic();
                    if (topic.startsWith(prefix) && topic.endsWith(suffix)) {
                        partitions.merge(replica.getKey(), replica.getValue().size(), Math::max);
                    }
                }
            }
        }
        Map<String, Long> stores = new TreeMap<>();
        partitions.forEach((partition, bytes) -> stores.merge(partition.topic()
                .substring(prefix.length(), partition.topic().length() - suffix.length()), bytes, Long::sum));
        return stores;
    }

    /** All the stores' bytes over the ratings processed; NaN before the first rating. */
    public static double perRating(Map<String, Long> byStore, long ratings) {
        long total = byStore.values().stream().mapToLong(Long::longValue).sum();
        return ratings == 0 ? Double.NaN : (double) total / ratings;
    }
}
