package dev.recsys.app.watch;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.KafkaOptions;
import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.Recommendations;
import dev.recsys.serde.AvroDeserializer;
import dev.recsys.serde.SerdeConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys watch --user N}: prints the user's list each time it changes. Reads only the partition the user's key
 * hashes to (as the producer's default partitioner does), read_committed, so it shows exactly what the app committed.
 */
@Command(name = "watch", description = "Print one user's recommendations as they change, until Ctrl-C.")
public final class Watch implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Option(names = "--user", paramLabel = "N", required = true,
            description = "The user whose recommendations to print.")
    private int userId;

    @Option(names = "--from-beginning", description = "Print the user's earlier lists too, not only new ones.")
    private boolean fromBeginning;

    @Mixin
    private final KafkaOptions kafka = new KafkaOptions("WATCH");

    @Override
    public Integer call() {
        Map<String, Object> client = new HashMap<>(kafka.clientProperties());
        client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return watch(client, SerdeConfig.registry(kafka.schemaRegistryUrl(), kafka.schemaRegistryUserInfo()),
                userId, fromBeginning, System.out, System.err);
    }

    /** @param client the consumer's settings: bootstrap servers and the user's client properties */
    static int watch(Map<String, Object> client, Map<String, Object> registryConfig, int userId,
                     boolean fromBeginning, PrintStream out, PrintStream err) {
        Object bootstrap = client.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> serdeConfig = new HashMap<>(registryConfig);
        serdeConfig.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Recommendations> values = new AvroDeserializer<>();
        values.configure(serdeConfig, false);
        try (KafkaConsumer<Integer, Recommendations> consumer =
                     new KafkaConsumer<>(consumerProps(client), new IntegerDeserializer(), values)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RECOMMENDATIONS, Duration.ofSeconds(15));
            if (partitions == null || partitions.isEmpty()) {
                err.println("recsys watch: topic " + Topics.RECOMMENDATIONS + " does not exist on " + bootstrap
                        + " (is the streams app running?)");
                return 1;
            }
            TopicPartition partition = new TopicPartition(Topics.RECOMMENDATIONS, partitionOf(userId, partitions.size()));
            consumer.assign(List.of(partition));
            if (fromBeginning) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seekToEnd(List.of(partition));
            }
            err.println("Watching user " + userId + " on " + partition + " (Ctrl-C to stop)");
            CountDownLatch done = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    main.interrupt();
                }
            }, "recsys-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                poll(consumer, userId, out);
            } catch (WakeupException e) {
                // Ctrl-C
            } finally {
                done.countDown();
            }
            return 0;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("recsys watch: no answer from Kafka at " + bootstrap + ": " + e.getMessage());
            return 1;
        }
    }

    private static void poll(KafkaConsumer<Integer, Recommendations> consumer, int userId, PrintStream out) {
        while (true) {
            for (ConsumerRecord<Integer, Recommendations> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.key() != null && record.key() == userId && record.value() != null) {
                    out.print(WatchFormat.block(record.value()));
                    out.flush();
                }
            }
        }
    }

    /** The partition the default partitioner sends an int key to. */
    static int partitionOf(int userId, int partitions) {
        byte[] key = new IntegerSerializer().serialize(Topics.RECOMMENDATIONS, userId);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private static Properties consumerProps(Map<String, Object> client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "recsys-watch");
        return props;
    }
}
