package dev.recsys.app.demo;

import dev.recsys.config.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void defaultsAndFlagsInBothForms() {
        DemoOptions defaults = DemoOptions.parse();
        assertThat(defaults).isEqualTo(new DemoOptions(null, 20_000, 250, null, 8080, 20));
        DemoOptions set = DemoOptions.parse("--data=data/ml-100k", "--ratings", "0", "--rate", "1000", "--user", "42",
                "--linger", "-1");
        assertThat(set).isEqualTo(new DemoOptions(Path.of("data/ml-100k"), 0, 1000, 42, 8080, -1));
    }

    @Test
    void helpIsNoError() {
        assertThat(DemoOptions.parse("--help")).isNull();
        assertThat(DemoOptions.parse("-h")).isNull();
    }

    @Test
    void badValuesSayWhichFlag() {
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "fast"))
                .isInstanceOf(UsageException.class).hasMessage("--rate must be a number, got 'fast'");
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate > 0");
        assertThatThrownBy(() -> DemoOptions.parse("--users", "3"))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag --users");
    }
}
