package dev.recsys.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.common.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class DemoOptionsTest {

    @Test
    void defaultsReplay20000SyntheticRatingsAt250ASecond() {
        DemoOptions defaults = Cli.parse(new DemoOptions());

        assertThat(defaults.replay().data()).isNull();
        assertThat(defaults.replay().ratings()).isEqualTo(20_000);
        assertThat(defaults.replay().rate()).isEqualTo(250);
        assertThat(defaults.user()).isNull();
        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.linger()).isEqualTo(20);
    }

    @Test
    void takesFlagsInBothForms() {
        DemoOptions set = Cli.parse(new DemoOptions(), "--data=data/ml-100k", "--ratings", "0", "--rate", "1000",
                "--user", "42", "--linger", "-1");

        assertThat(set.replay().data()).isEqualTo(Path.of("data/ml-100k"));
        assertThat(set.replay().ratings()).isZero();
        assertThat(set.replay().ratingsText()).isEqualTo("all");
        assertThat(set.replay().rate()).isEqualTo(1000);
        assertThat(set.user()).isEqualTo(42);
        assertThat(set.linger()).isEqualTo(-1);
    }

    @Test
    void theOnlineBenchReplaysEveryRatingAtAThousandASecond() {
        ReplayOptions online = Cli.parse(new ReplayOptions(0, 1000));

        assertThat(online.ratings()).isZero();
        assertThat(online.rate()).isEqualTo(1000);
        assertThat(Cli.parse(new ReplayOptions(0, 1000), "--ratings", "20000").ratingsText()).isEqualTo("20,000");
    }

    @Test
    void badValuesSayWhichFlag() {
        assertThatThrownBy(() -> Cli.parse(new DemoOptions(), "--rate", "fast"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--rate': 'fast' is not a double");
        assertThatThrownBy(() -> Cli.parse(new DemoOptions(), "--rate", "0"))
                .isInstanceOf(ParameterException.class).hasMessage("--rate must be a positive number, got 0.0");
        assertThatThrownBy(() -> Cli.parse(new DemoOptions(), "--ratings", "-5"))
                .isInstanceOf(ParameterException.class).hasMessage("--ratings must not be negative, got -5");
        assertThatThrownBy(() -> Cli.parse(new DemoOptions(), "--http-port", "70000"))
                .isInstanceOf(ParameterException.class).hasMessage("--http-port must be 0..65535, got 70000");
        assertThatThrownBy(() -> Cli.parse(new DemoOptions(), "--users", "3"))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("Unknown options: '--users'");
    }
}
