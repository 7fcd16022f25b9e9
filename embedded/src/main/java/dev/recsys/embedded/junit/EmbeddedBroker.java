package dev.recsys.embedded.junit;

import dev.recsys.embedded.EmbeddedKafka;

import java.util.Map;

/** The in-JVM backend. */
final class EmbeddedBroker implements ManagedBroker {

    private final EmbeddedKafka kafka;

    private EmbeddedBroker(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    static EmbeddedBroker start(Map<String, String> brokerProperties) {
        return new EmbeddedBroker(EmbeddedKafka.start(brokerProperties));
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        kafka.createTopic(name, partitions, configs);
    }

    @Override
    public void close() {
        kafka.close();
    }

    @Override
    public String toString() {
        return kafka.toString();
    }
}
