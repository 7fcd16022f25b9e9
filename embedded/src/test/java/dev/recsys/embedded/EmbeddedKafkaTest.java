package dev.recsys.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures: they happen before any broker thread runs, so they need no broker. */
class EmbeddedKafkaTest {

    @Test
    void failsWithTheReasonWhenTheRequestedPortIsTakenAndLeavesNoDataBehind(@TempDir Path parent)
            throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackSockets.LOOPBACK, 0));

            assertThatThrownBy(() -> EmbeddedKafka.start(taken.getLocalPort(), Map.of(), parent))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Embedded Kafka broker failed to start")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void rejectsAPortOutsideTheValidRange() {
        assertThatThrownBy(() -> EmbeddedKafka.start(70000, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    @Test
    void rejectsOverridesOfTheSettingsItOwnsBeforeStartingAnything() {
        assertThatThrownBy(() -> EmbeddedKafka.start(Map.of("advertised.listeners", "PLAINTEXT://example:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advertised.listeners");
    }

    @Test
    void reportsAnInvalidOverrideAsAStartFailure() {
        assertThatThrownBy(() -> EmbeddedKafka.start(Map.of("message.max.bytes", "lots")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("message.max.bytes");
    }
}
