package dev.recsys.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.common.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The broker command's usage errors; none of these starts a broker. */
class BrokerMainTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Cli.commandLine(new BrokerMain());
        commandLine.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aBadPortIsAUsageErrorNotACrash() {
        assertThat(run("--port", "ninety")).isEqualTo(2);
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--prot", "9092")).isEqualTo(2);

        assertThat(err.toString()).contains("broker: Invalid value for option '--port': 'ninety' is not an int",
                "broker: --port must be 0..65535, got 70000", "broker: Unknown options: '--prot', '9092'");
    }

    @Test
    void helpIsNoError() {
        assertThat(run("--help")).isZero();
    }
}
