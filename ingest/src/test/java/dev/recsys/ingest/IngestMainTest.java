package dev.recsys.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return IngestMain.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String firstErrLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void usageErrorsPrintOneLineAndTheUsageAndExitTwo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest: missing command: replay or synth");

        err.reset();
        assertThat(run(Map.of(), "replay", "--speeed", "2")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest: unknown flag --speeed");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ingest replay", "--rate R", "INGEST_RATE");

        err.reset();
        assertThat(run(Map.of(), "replay", "--rate", "x")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest: --rate (INGEST_RATE): 'x' is not a number");

        err.reset();
        assertThat(run(Map.of(), "replay", "--limit")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest: --limit needs a value");

        err.reset();
        assertThat(run(Map.of(), "synth")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest: --out (INGEST_SYNTH_OUT) is required");

        err.reset();
        assertThat(run(Map.of(), "synth", "--out", dir.toString(), "--users", "10", "--ratings", "100")).isEqualTo(2);
        assertThat(firstErrLine()).startsWith("ingest: ratings must be between 20 per user (200)");
    }

    @Test
    void helpGoesToStandardOutputAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ingest replay", "ingest synth", "--seed S");
        out.reset();
        assertThat(run(Map.of(), "replay", "-h")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ingest replay");
    }

    @Test
    void synthWritesTheSetFromFlagsOverEnvironment() {
        Map<String, String> env = Map.of("INGEST_SYNTH_OUT", dir.resolve("env").toString(), "INGEST_SYNTH_USERS", "7");

        int code = run(env, "synth", "--out", dir.resolve("flag").toString(), "--movies", "40", "--ratings", "150",
                "--seed", "3");

        assertThat(code).isZero();
        assertThat(dir.resolve("flag/u.data")).exists();
        assertThat(dir.resolve("env")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Wrote a synthetic ml-100k-format set to " + dir.resolve("flag") + ": 7 users, 40 movies,"
                        + " 150 ratings, seed 3");
    }

    @Test
    void anUnreachableBrokerEndsTheReplayWithOneLineWithinTheTimeout() throws IOException {
        run(Map.of(), "synth", "--out", dir.toString(), "--users", "5", "--movies", "30", "--ratings", "100");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        err.reset();
        long start = System.nanoTime();

        int code = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port), "replay", "--data", dir.toString(),
                "--schema-registry-url", "mock://IngestMainTest", "--timeout", "2");

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("ingest: Kafka broker at 127.0.0.1:" + port + " did not answer within 2 s"
                        + System.lineSeparator());
        assertThat(seconds).isLessThan(10);
        assertThat(Files.exists(dir.resolve("u.data"))).isTrue();
    }
}
