package dev.recsys.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.common.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree of {@code ./recsys}; nothing here starts a service. */
class RecsysTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Cli.commandLine(new Recsys());
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static void commands(CommandLine commandLine, List<String> path, List<List<String>> all) {
        all.add(path);
        commandLine.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                commands(sub, longer, all);
            }
        });
    }

    @Test
    void everyCommandAnswersHelpWithItsUsage() {
        List<List<String>> all = new ArrayList<>();
        commands(Cli.commandLine(new Recsys()), List.of(), all);

        assertThat(all).hasSize(19); // recsys, its 8 commands and the 10 under ingest, train and bench
        for (List<String> path : all) {
            out.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(path);
            args.add("--help");

            assertThat(run(args.toArray(String[]::new))).as("%s", args).isZero();
            assertThat(out.toString()).as("%s", args).startsWith(("Usage: recsys " + String.join(" ", path)).trim());
        }
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("help")).isZero();

        assertThat(out.toString()).contains("demo", "broker", "ingest", "trainer", "train", "streams", "watch",
                "bench");
    }

    @Test
    void withoutACommandItListsThemAndExitsTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).startsWith("recsys: missing command").contains("streams", "watch");

        assertThat(run("bench")).isEqualTo(2);
        assertThat(err.toString())
                .contains("recsys bench: missing command: ingest, score, model-size, pipeline, online, soak or scale");
    }

    @Test
    void watchNeedsAUser() {
        assertThat(run("watch")).isEqualTo(2);

        assertThat(err.toString()).startsWith("recsys watch: Missing required option: '--user=N'");
    }
}
