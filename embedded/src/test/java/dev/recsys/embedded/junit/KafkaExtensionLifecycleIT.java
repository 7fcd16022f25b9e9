package dev.recsys.embedded.junit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small @WithKafka classes through the JUnit engine and checks what the extension did with them. The
 * nested classes are not picked up by themselves: the build only runs top-level *IT classes.
 */
class KafkaExtensionLifecycleIT {

    @Test
    void closesTheBrokerAfterTheClassAndAppliesItsBrokerProperties() {
        Events tests = run(ClassWithBrokerProperties.class, Map.of()).testEvents();

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        String[] hostAndPort = ClassWithBrokerProperties.seenBootstrapServers.split(":");
        assertThatThrownBy(() -> connect(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                .as("nothing listens where the class's broker was").isInstanceOf(ConnectException.class);
    }

    @Test
    void skipsTheClassWithAReasonWhenTestcontainersIsAskedForWithoutDocker() {
        boolean docker = ContainerBroker.dockerAvailable();
        Events classes = run(ClassOnTestcontainers.class, Map.of()).containerEvents();

        if (docker) {
            classes.assertStatistics(stats -> stats.skipped(0).failed(0));
            return;
        }
        classes.assertStatistics(stats -> stats.skipped(1).failed(0));
        assertThat(classes.skipped().list()).singleElement()
                .satisfies(event -> assertThat(event.getPayload(String.class)).get(
                                org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .contains("no Docker environment"));
    }

    @Test
    void followsTheBackendConfigurationParameterWhenTheClassLeavesItOpen() {
        boolean docker = ContainerBroker.dockerAvailable();
        Events classes = run(ClassOnDefaultBackend.class, Map.of(KafkaExtension.BACKEND_PROPERTY, "testcontainers"))
                .containerEvents();

        classes.assertStatistics(stats -> stats.skipped(docker ? 0 : 1).failed(0));
    }

    @Test
    void failsClearlyOnAnUnknownBackend() {
        Events classes = run(ClassOnDefaultBackend.class, Map.of(KafkaExtension.BACKEND_PROPERTY, "zookeeper"))
                .containerEvents();

        classes.assertStatistics(stats -> stats.failed(1));
        assertThat(classes.failed().list()).singleElement().satisfies(event -> assertThat(
                event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .hasMessageContaining("recsys.kafka=zookeeper is not a Kafka backend"));
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults run(Class<?> testClass,
                                                                                 Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(parameters)
                .selectors(selectClass(testClass))
                .execute();
    }

    private static void connect(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
    }

    @WithKafka(brokerProperties = "log.retention.ms = 123456")
    static class ClassWithBrokerProperties {

        static String seenBootstrapServers;

        @Test
        void brokerRunsWithTheDeclaredProperties(KafkaBroker broker) throws Exception {
            seenBootstrapServers = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, seenBootstrapServers))) {
                String nodeId = admin.describeCluster().nodes().get().iterator().next().idString();
                ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
                assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource)
                        .get("log.retention.ms").value()).isEqualTo("123456");
            }
        }
    }

    @WithKafka(backend = WithKafka.Backend.TESTCONTAINERS)
    static class ClassOnTestcontainers {

        @Test
        void runsAgainstAContainer(KafkaBroker broker) {
            broker.createTopic("container-topic", 2);
            assertThat(broker.bootstrapServers()).isNotBlank();
        }
    }

    @WithKafka
    static class ClassOnDefaultBackend {

        @Test
        void runsAgainstTheChosenBackend(KafkaBroker broker) {
            broker.createTopic("default-backend-topic", 1);
        }
    }
}
