package dev.recsys.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A command as the project writes them: options with variables, a check, a result. */
    @Command(name = "sample", description = "A sample command.")
    static final class Sample implements Callable<Integer>, Validated {
        @Mixin
        private HelpOption help;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:CLI_TEST_UNSET_THREADS:-1}",
                description = "Threads (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "fast")
        Mode mode;

        @Mixin
        private final KafkaOptions kafka = new KafkaOptions("SAMPLE", java.util.Map.of());

        private boolean ran;

        enum Mode { FAST, SLOW }

        @Override
        public void validate() {
            Validated.require(threads >= 1, "--threads must be at least 1, got " + threads);
        }

        @Override
        public Integer call() {
            ran = true;
            if (threads == 13) {
                throw new IllegalStateException("unlucky");
            }
            return 0;
        }
    }

    private int run(Sample sample, String... args) {
        CommandLine commandLine = Cli.commandLine(sample);
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aCheckThatFailsIsAUsageErrorAndTheCommandDoesNotRun() {
        Sample sample = new Sample();

        assertThat(run(sample, "--threads", "0")).isEqualTo(2);

        assertThat(sample.ran).isFalse();
        assertThat(err.toString().lines().toList())
                .containsExactly("sample: --threads must be at least 1, got 0", "See 'sample --help'.");
    }

    @Test
    void aFailureWhileRunningExitsWithOneAndOneLine() {
        assertThat(run(new Sample(), "--threads", "13")).isEqualTo(1);

        assertThat(err.toString().lines().toList()).containsExactly("sample: unlucky");
    }

    @Test
    void enumValuesTakeAnyCaseAndTheLastOfARepeatedFlagWins() {
        Sample sample = new Sample();

        assertThat(run(sample, "--mode", "Slow", "--threads", "2", "--threads", "3")).isZero();

        assertThat(sample.mode).isEqualTo(Sample.Mode.SLOW);
        assertThat(sample.threads).isEqualTo(3);
    }

    @Test
    void helpListsEachVariableWithItsFlag() {
        assertThat(run(new Sample(), "--help")).isZero();

        assertThat(out.toString()).contains("Environment (a flag wins over its variable):")
                .containsPattern("CLI_TEST_UNSET_THREADS +--threads")
                .containsPattern("KAFKA_BOOTSTRAP_SERVERS +--bootstrap-servers")
                .containsPattern("SAMPLE_CLIENT_CONFIG +--client-config")
                .containsPattern("SAMPLE_CONFIG_<KEY> +--config KEY=VALUE")
                .contains("Threads (default: 1).");
    }
}
