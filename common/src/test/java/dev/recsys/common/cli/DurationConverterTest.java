package dev.recsys.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void takesIsoAndTheShortForms() {
        assertThat(converter.convert("PT60S")).isEqualTo(Duration.ofSeconds(60));
        assertThat(converter.convert("pt5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert(" 45 ")).isEqualTo(Duration.ofSeconds(45));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseSaysWhatIsAccepted() {
        for (String bad : new String[] {"soon", "5 minutes", "PT", "-5s", ""}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessage("'" + bad + "' is not a duration (PT60S, 60s, 5m, 500ms or seconds)");
        }
    }
}
