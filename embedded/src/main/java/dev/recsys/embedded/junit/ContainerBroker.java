package dev.recsys.embedded.junit;

import dev.recsys.common.topics.TopicSpec;
import dev.recsys.embedded.BrokerDefaults;
import dev.recsys.embedded.TopicCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Testcontainers backend: the official image of the same Kafka version, with the same broker defaults
 * as the in-JVM broker. Only loaded once the extension has checked that Testcontainers is on the classpath.
 */
final class ContainerBroker implements ManagedBroker {

    static final String IMAGE_PROPERTY = "recsys.kafka.image";
    static final String DEFAULT_IMAGE = "apache/kafka:4.1.1";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerBroker.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // closed by close(), which the extension's store calls after the class
    static ContainerBroker start(String image, Map<String, String> brokerProperties) {
        Map<String, String> props = BrokerDefaults.properties();
        props.putAll(brokerProperties);
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image)).withEnv(environment(props));
        container.start();
        LOG.info("Kafka container {} started at {}", image, container.getBootstrapServers());
        return new ContainerBroker(container);
    }

    /**
     * The apache/kafka image turns {@code KAFKA_*} variables into broker properties, reading "_" as ".",
     * "__" as "_" and "___" as "-".
     */
    static Map<String, String> environment(Map<String, String> brokerProperties) {
        Map<String, String> env = new LinkedHashMap<>();
        brokerProperties.forEach((key, value) -> env.put(environmentName(key), value));
        return env;
    }

    static String environmentName(String property) {
        StringBuilder name = new StringBuilder("KAFKA_");
        for (char c : property.toCharArray()) {
            switch (c) {
                case '.' -> name.append('_');
                case '_' -> name.append("__");
                case '-' -> name.append("___");
                default -> name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        TopicCreator.create(bootstrapServers(), new TopicSpec(name, partitions, configs), TOPIC_TIMEOUT);
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "ContainerBroker[" + container.getDockerImageName() + "]";
    }
}
