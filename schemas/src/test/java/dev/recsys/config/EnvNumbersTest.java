package dev.recsys.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvNumbersTest {
    private static final Map<String, String> ENV = Map.of("PORT", " 8090 ", "BIG", "9000000000", "RATE", "2.5",
            "BAD", "lots");

    @Test
    void readsTrimmedNumbersOrTheFallback() {
        assertThat(EnvNumbers.intOf(ENV, "PORT", 1)).isEqualTo(8090);
        assertThat(EnvNumbers.longOf(ENV, "BIG", 1)).isEqualTo(9_000_000_000L);
        assertThat(EnvNumbers.doubleOf(ENV, "RATE", 1)).isEqualTo(2.5);
        assertThat(EnvNumbers.intOf(ENV, "MISSING", 7)).isEqualTo(7);
    }

    @Test
    void aBadValueNamesTheVariable() {
        assertThatThrownBy(() -> EnvNumbers.intOf(ENV, "BAD", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BAD must be an integer, got 'lots'");
        assertThatThrownBy(() -> EnvNumbers.intOf(ENV, "BIG", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BIG must be an integer, got '9000000000'");
        assertThatThrownBy(() -> EnvNumbers.doubleOf(ENV, "BAD", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BAD must be a number, got 'lots'");
    }
}
