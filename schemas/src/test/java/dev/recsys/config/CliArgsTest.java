package dev.recsys.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliArgsTest {
    private static final Set<String> FLAGS = Set.of("data", "rate", "set");
    private static final Set<String> HELP = Set.of("help");

    @Test
    void takesBothFormsKeepsRepeatsAndTheLastValueWins() {
        CliArgs cli = CliArgs.parse(new String[] {"--data", "dir", "--rate=2.5", "--set", "a=1", "--set=b=2",
            "--rate", "3"}, FLAGS, HELP);
        assertThat(cli.get("data")).isEqualTo("dir");
        assertThat(cli.doubleValue("rate", 0)).isEqualTo(3.0);
        assertThat(cli.all("set")).containsExactly("a=1", "b=2");
        assertThat(cli.has("help")).isFalse();
        assertThat(cli.intValue("missing", 7)).isEqualTo(7);
        assertThat(cli.get("data", "other")).isEqualTo("dir");
        assertThat(cli.get("missing", "other")).isEqualTo("other");
    }

    @Test
    void dashHIsHelpWhereTheCommandHasHelp() {
        assertThat(CliArgs.parse(new String[] {"-h"}, FLAGS, HELP).has("help")).isTrue();
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"-h"}, FLAGS, Set.of()))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument '-h'");
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"--colour", "red"}, FLAGS, HELP))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag --colour");
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"--data"}, FLAGS, HELP))
                .isInstanceOf(UsageException.class).hasMessage("--data needs a value");
        // the next flag is not taken for the missing value
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"--data", "--rate", "2"}, FLAGS, HELP))
                .isInstanceOf(UsageException.class).hasMessage("--data needs a value");
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"stray"}, FLAGS, HELP))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument 'stray'");
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"--help=yes"}, FLAGS, HELP))
                .isInstanceOf(UsageException.class).hasMessage("--help takes no value");
        assertThatThrownBy(() -> CliArgs.parse(new String[] {"--rate", "fast"}, FLAGS, HELP).doubleValue("rate", 1))
                .isInstanceOf(UsageException.class).hasMessage("--rate must be a number, got 'fast'");
    }
}
