package dev.recsys.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.common.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainerMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Cli.commandLine(new TrainerMain());
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aUsageErrorSaysWhatIsWrongInOneLineAndExitsWithTwo() {
        assertThat(run("--retrain-every-ratings", "many")).isEqualTo(2);

        assertThat(err.toString().lines().toList()).containsExactly(
                "trainer: Invalid value for option '--retrain-every-ratings': 'many' is not a long",
                "See 'trainer --help'.");
    }

    @Test
    void helpListsTheFlagsWithTheirVariablesAndExitsWithZero() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("--retrain-interval=T", "TRAINER_RETRAIN_INTERVAL",
                "TRAINER_CONFIG_<KEY>", "KAFKA_BOOTSTRAP_SERVERS", "Exit codes:");
    }
}
