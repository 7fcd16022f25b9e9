package dev.recsys.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (such as the streams app) has come on a topic, from the offsets it committed: the records
 * before them, summed over the partitions, and the records after them up to each partition's end.
 *
 * @param processed records before the committed offsets
 * @param lag       records after them
 */
record GroupProgress(long processed, long lag) {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    static GroupProgress of(Admin admin, String group, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long processed = 0;
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            long position = at == null ? 0 : at.offset();
            processed += position;
            lag += Math.max(0, latest.get(partition).offset() - position);
        }
        return new GroupProgress(processed, lag);
    }
}
