package dev.recsys.app.watch;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Topics;
import dev.recsys.serde.AvroDeserializer;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.serde.AppSerdes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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

/**
 * {@code ./recsys watch --user N}: prints the user's list each time it changes. Reads only the partition the user's key
 * hashes to (as the producer's default partitioner does), read_committed, so it shows exactly what the app committed.
 */
public final class WatchMain {
    static final String USAGE = """
            usage: recsys watch --user N [flags]
              --user N                           the user whose recommendations to print
              --bootstrap-servers HOST:PORT,...  Kafka (env KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)
              --schema-registry-url URL          (env SCHEMA_REGISTRY_URL, default http://localhost:8081)
              --from-beginning                   print the user's earlier lists too, not only new ones
              --help                             this text
            """;
    private static final Set<String> FLAGS = Set.of("user", "bootstrap-servers", "schema-registry-url");
    private static final Set<String> SWITCHES = Set.of("from-beginning", "help");

    private WatchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CliArgs cli;
        int userId;
        try {
            cli = CliArgs.parse(args, FLAGS, SWITCHES);
            if (cli.has("help")) {
                System.out.print(USAGE);
                return 0;
            }
            if (!cli.has("user")) {
                throw new UsageException("--user is required");
            }
            userId = cli.intValue("user", 0);
        } catch (UsageException e) {
            System.err.println("recsys watch: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        Map<String, String> env = System.getenv();
        String bootstrap = cli.get("bootstrap-servers") != null ? cli.get("bootstrap-servers")
                : env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", StreamsSettings.DEFAULT_BOOTSTRAP);
        String registry = cli.get("schema-registry-url") != null ? cli.get("schema-registry-url")
                : env.getOrDefault("SCHEMA_REGISTRY_URL", StreamsSettings.DEFAULT_REGISTRY);
        return watch(bootstrap, AppSerdes.registryConfig(registry, env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")),
                userId, cli.has("from-beginning"), System.out, System.err);
    }

    static int watch(String bootstrap, Map<String, Object> registryConfig, int userId, boolean fromBeginning,
                     PrintStream out, PrintStream err) {
        Map<String, Object> serdeConfig = new HashMap<>(registryConfig);
        serdeConfig.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Recommendations> values = new AvroDeserializer<>();
        values.configure(serdeConfig, false);
        try (KafkaConsumer<Integer, Recommendations> consumer =
                     new KafkaConsumer<>(consumerProps(bootstrap), new IntegerDeserializer(), values)) {
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

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "recsys-watch");
        return props;
    }
}
