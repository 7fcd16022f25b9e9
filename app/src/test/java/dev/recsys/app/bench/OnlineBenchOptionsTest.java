package dev.recsys.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.config.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OnlineBenchOptionsTest {

    @Test
    void defaultsToEveryRatingAtAThousandASecondOnSyntheticData() {
        assertThat(OnlineBenchOptions.parse()).isEqualTo(new OnlineBenchOptions(null, 0, 1000, null, false));
    }

    @Test
    void takesFlagsInBothForms() {
        assertThat(OnlineBenchOptions.parse("--data=data/ml-100k", "--ratings", "20000", "--rate", "500",
                "--json", "online.json"))
                .isEqualTo(new OnlineBenchOptions(Path.of("data/ml-100k"), 20_000, 500, "online.json", false));
    }

    @Test
    void helpIsASwitch() {
        assertThat(OnlineBenchOptions.parse("-h").help()).isTrue();
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> OnlineBenchOptions.parse("--rate", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate > 0");
        assertThatThrownBy(() -> OnlineBenchOptions.parse("--users", "3"))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag --users");
    }
}
