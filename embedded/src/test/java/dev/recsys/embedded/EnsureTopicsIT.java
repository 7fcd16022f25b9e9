package dev.recsys.embedded;

import dev.recsys.common.topics.TopicAdmin;
import dev.recsys.common.topics.TopicException;
import dev.recsys.common.topics.TopicSpec;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one ensureTopics every service creates its topics with, against a real broker. */
@WithKafka
class EnsureTopicsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Admin admin;

    @BeforeEach
    void connect(KafkaBroker broker) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterEach
    void disconnect() {
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void createsEveryTopicOfTheTableWithItsPartitionsAndConfigsAndThenLeavesThem() throws Exception {
        TopicAdmin.Outcome first = TopicAdmin.ensureTopics(admin, Topics.TABLE, TopicAdmin.BROKER_DEFAULT, TIMEOUT);
        TopicAdmin.Outcome again = TopicAdmin.ensureTopics(admin, Topics.TABLE, TopicAdmin.BROKER_DEFAULT, TIMEOUT);

        assertThat(first.created()).containsExactlyElementsOf(Topics.NAMES);
        assertThat(again.created()).isEmpty();
        assertThat(again.differences()).isEmpty();
        for (TopicSpec spec : Topics.TABLE) {
            assertThat(partitions(spec.name())).as(spec.name()).isEqualTo(spec.partitions());
            Config config = config(spec.name());
            spec.configs().forEach((key, value) ->
                    assertThat(config.get(key).value()).as("%s of %s", key, spec.name()).isEqualTo(value));
        }
    }

    @Test
    void leavesAnExistingTopicAsItIsAndSaysWhereItDiffersFromItsRow() throws Exception {
        admin.createTopics(List.of(new NewTopic("drifted", 2, (short) 1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576")))).all().get();
        TopicSpec row = new TopicSpec("drifted", 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16777216"), "the latest record of a key is kept for ever");

        TopicAdmin.Outcome outcome = TopicAdmin.ensureTopics(admin, List.of(row), 1, TIMEOUT);

        assertThat(outcome.created()).isEmpty();
        assertThat(outcome.differences()).containsExactly(
                "Topic drifted has cleanup.policy=delete, not compact (the latest record of a key is kept for ever);"
                        + " change it with kafka-configs.sh --alter --entity-type topics --entity-name drifted"
                        + " --add-config cleanup.policy=compact",
                "Topic drifted has max.message.bytes=1048576, less than the 16777216 its records may take: larger"
                        + " ones will be refused; change it with kafka-configs.sh --alter --entity-type topics"
                        + " --entity-name drifted --add-config max.message.bytes=16777216");
        assertThat(partitions("drifted")).isEqualTo(2);
        assertThat(config("drifted").get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
    }

    @Test
    void allowsLargerRecordsThanTheRowAsks() throws Exception {
        admin.createTopics(List.of(new NewTopic("roomy", 1, (short) 1).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "33554432")))).all().get();

        TopicAdmin.Outcome outcome = TopicAdmin.ensureTopics(admin, List.of(new TopicSpec("roomy", 1,
                Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "16777216"))), 1, TIMEOUT);

        assertThat(outcome.differences()).isEmpty();
    }

    @Test
    void aTopicTheClusterCannotCreateFailsWithItsNameAndTheBrokersReason() {
        TopicSpec spec = new TopicSpec("three-copies", 1, Map.of());

        assertThatThrownBy(() -> TopicAdmin.ensureTopics(admin, List.of(spec), 3, TIMEOUT))
                .isInstanceOf(TopicException.class)
                .hasMessageStartingWith("Could not create topic three-copies: ")
                .hasMessageContaining("replication factor");
    }

    @Test
    void aClusterThatDoesNotAnswerFailsWithinTheTimeoutAndLeavesNoCallToWaitFor() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        long start = System.nanoTime();
        try (Admin nowhere = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + closedPort))) {

            assertThatThrownBy(() -> TopicAdmin.ensureTopics(nowhere, Topics.TABLE, 1, Duration.ofSeconds(1)))
                    .isInstanceOf(TopicException.class)
                    .hasMessage("Listing the topics took longer than 1 s");
        }

        // closing the client waits for pending calls: the call itself was bounded too
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private int partitions(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }

    private Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
