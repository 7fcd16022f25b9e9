package dev.recsys.trainer.kafka;

import dev.recsys.common.topics.Topics;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.trainer.TrainerConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Client properties of the trainer, built in one place from its config; the user's overrides go on top. */
public final class KafkaClients {
    private final TrainerConfig config;
    private final Map<String, String> clientProperties;

    public KafkaClients(TrainerConfig config) {
        this.config = config;
        this.clientProperties = config.kafka().clientProperties();
    }

    public Map<String, Object> admin() {
        Map<String, Object> props = common("recsys-trainer-admin");
        props.putAll(clientProperties);
        return props;
    }

    /**
     * A consumer without a group: partitions are assigned, not subscribed, and no offset is ever committed. The
     * trainer's state is rebuilt from the whole log at every start, so a committed position would be meaningless,
     * and without group membership there is no max.poll.interval.ms to miss and no rebalance to lose partitions.
     */
    public Map<String, Object> logReader(String clientId) {
        Map<String, Object> props = common(clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // ratings written by a transactional producer count only once committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    /** For the model log: records are megabytes, so fetch one at a time rather than hold many payloads at once. */
    public Map<String, Object> modelReader() {
        Map<String, Object> props = logReader("recsys-trainer-model-log");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return props;
    }

    public Map<String, Object> producer() {
        Map<String, Object> props = common("recsys-trainer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a model's chunks go in one transaction; one id per model line, so that a second trainer of the line fences
        // the first rather than both publishing versions
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "recsys-trainer-" + Topics.MODEL_NAME);
        // writing a 200 MB model's chunks takes longer than the default minute on a slow link
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        // a record of model-updates is at most this large (a larger model is several): the request must fit one,
        // and so must the buffer
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxModelBytes());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * config.maxModelBytes()));
        props.putAll(clientProperties);
        return props;
    }

    /** Serde settings: registry URL and credentials; the registry subjects follow the topic names. */
    public Map<String, Object> serde() {
        Map<String, Object> props = SerdeConfig.registry(config.kafka().schemaRegistryUrl(),
                config.kafka().schemaRegistryUserInfo());
        clientProperties.forEach((key, value) -> {
            if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                    || key.equals(SerdeConfig.AUTO_REGISTER_SCHEMAS) || key.equals(SerdeConfig.USE_LATEST_VERSION)) {
                props.put(key, value);
            }
        });
        return props;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }
}
