package dev.recsys.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.common.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestMainTest {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(new IngestMain());
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String firstErrLine() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void withoutACommandItSaysWhichThereAreAndExitsTwo() {
        assertThat(run()).isEqualTo(2);

        assertThat(firstErrLine()).isEqualTo("ingest: missing command: replay or synth");
        assertThat(err.toString()).contains("replay", "synth");
    }

    @Test
    void anUnknownFlagIsAUsageErrorWithASuggestion() {
        assertThat(run("replay", "--speeed", "2")).isEqualTo(2);

        assertThat(firstErrLine()).isEqualTo("ingest replay: Unknown options: '--speeed', '2'");
        assertThat(err.toString()).contains("--speed").endsWith("See 'ingest replay --help'." + System.lineSeparator());
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheFlag() {
        assertThat(run("replay", "--rate", "x")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest replay: Invalid value for option '--rate': 'x' is not a double");

        assertThat(run("replay", "--rate", "10", "--speed", "2")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest replay: give --rate or --speed, not both");

        assertThat(run("replay", "--on-error", "ignore")).isEqualTo(2);
        assertThat(firstErrLine()).startsWith("ingest replay: Invalid value for option '--on-error': expected one of");

        assertThat(run("replay", "--limit")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest replay: Missing required parameter for option '--limit' (N)");
    }

    @Test
    void synthWithoutItsDirectoryOrWithTooFewRatingsIsAUsageError() {
        assertThat(run("synth")).isEqualTo(2);
        assertThat(firstErrLine()).isEqualTo("ingest synth: Missing required option: '--out=DIR'");

        assertThat(run("synth", "--out", dir.toString(), "--users", "10", "--ratings", "100")).isEqualTo(2);
        assertThat(firstErrLine()).startsWith("ingest synth: ratings must be between 20 per user (200)");
    }

    @Test
    void helpGoesToStandardOutputAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("replay", "synth");

        assertThat(run("replay", "-h")).isZero();
        assertThat(out.toString()).contains("--rate=R", "INGEST_RATE", "INGEST_CLIENT_CONFIG", "INGEST_CONFIG_<KEY>",
                "130");

        assertThat(run("synth", "--help")).isZero();
        assertThat(out.toString()).contains("--seed=S", "INGEST_SYNTH_SEED");
    }

    @Test
    void synthWritesTheSetItIsAskedFor() {
        int code = run("synth", "--out", dir.resolve("flag").toString(), "--users", "7", "--movies", "40",
                "--ratings", "150", "--seed", "3");

        assertThat(code).isZero();
        assertThat(dir.resolve("flag/u.data")).exists();
        assertThat(out.toString()).startsWith("Wrote a synthetic ml-100k-format set to " + dir.resolve("flag")
                + ": 7 users, 40 movies, 150 ratings, seed 3");
    }

    @Test
    void synthWritesTheMlLatestLayoutWhenAskedAndRefusesAnUnknownFormat() {
        int code = run("synth", "--out", dir.resolve("latest").toString(), "--format", "ml-latest", "--users", "7",
                "--movies", "40", "--ratings", "150");

        assertThat(code).isZero();
        assertThat(dir.resolve("latest/ratings.csv")).exists();
        assertThat(dir.resolve("latest/movies.csv")).exists();
        assertThat(dir.resolve("latest/u.data")).doesNotExist();
        assertThat(out.toString()).startsWith("Wrote a synthetic ml-latest-format set to " + dir.resolve("latest"));

        assertThat(run("synth", "--out", dir.toString(), "--format", "ml-1m")).isEqualTo(2);
        assertThat(firstErrLine()).contains("'--format'", "expected ml-100k or ml-latest");
    }

    @Test
    void anUnreachableBrokerEndsTheReplayWithOneLineWithinTheTimeout() throws IOException {
        run("synth", "--out", dir.toString(), "--users", "5", "--movies", "30", "--ratings", "100");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        long start = System.nanoTime();

        int code = run("replay", "--data", dir.toString(), "--bootstrap-servers", "127.0.0.1:" + port,
                "--schema-registry-url", "mock://IngestMainTest", "--timeout", "2");

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("ingest: Kafka broker at 127.0.0.1:" + port
                + " did not answer within 2 s" + System.lineSeparator());
        assertThat(seconds).isLessThan(10);
        assertThat(Files.exists(dir.resolve("u.data"))).isTrue();
    }
}
