package dev.recsys.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.trainer.training.RetrainLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** The flags; what the environment gives when a flag is absent is checked on a real process in the app module. */
class TrainerConfigTest {

    @Test
    void flagsReachTheSettings() {
        TrainerConfig config = TrainerConfig.parse("--bootstrap-servers", "other:9092", "--retrain-interval=90s",
                "--retrain-every-ratings", "100", "--epochs", "4", "--model", "study", "--compression", "LZ4",
                "--http-host", "127.0.0.1", "--http-port", "9000");

        assertThat(config.kafka().bootstrapServers()).isEqualTo("other:9092");
        assertThat(config.retrainEveryRatings()).isEqualTo(100);
        assertThat(config.retrainInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.modelConfig().variant()).isEqualTo("study");
        assertThat(config.modelConfig().epochs()).isEqualTo(4);
        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(config.describe()).containsEntry("http", "127.0.0.1:9000");
    }

    @Test
    void eachKindOfRetrainHasItsSampleAndBudget() {
        RetrainLimits defaults = TrainerConfig.parse().retrainLimits();
        assertThat(defaults).isEqualTo(new RetrainLimits(1_000_000, Duration.ofMinutes(8), 200_000,
                Duration.ofSeconds(40)));
        assertThat(TrainerConfig.parse().fullRetrainInterval()).isEqualTo(Duration.ofHours(6));

        TrainerConfig config = TrainerConfig.parse("--max-training-ratings", "500000", "--full-retrain-budget", "0",
                "--incremental-max-ratings", "50000", "--retrain-budget", "30s", "--full-retrain-interval", "2h");
        assertThat(config.retrainLimits()).isEqualTo(new RetrainLimits(500_000, Duration.ZERO, 50_000,
                Duration.ofSeconds(30)));
        assertThat(config.fullRetrainInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(config.describe()).containsEntry("retrain.budget", Duration.ofSeconds(30))
                .containsEntry("incremental.max.ratings", 50_000L);
        assertThatThrownBy(() -> TrainerConfig.parse("--incremental-max-ratings", "0"))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("--incremental-max-ratings must be");
    }

    @Test
    void theStatusServerCanBeTurnedOff() {
        assertThat(TrainerConfig.parse("--http-port", "-1").describe()).containsEntry("http", "off");
    }

    @Test
    void modelParamsComeRepeatedOrCommaSeparated() {
        TrainerConfig config = TrainerConfig.parse("--model-param", "learning_rate=0.01",
                "--model-param", "batch_size=128,dropout=0.2");

        assertThat(config.modelConfig().learningRate()).isEqualTo(0.01);
        assertThat(config.modelConfig().batchSize()).isEqualTo(128);
        assertThat(config.modelConfig().dropout()).isEqualTo(0.2);
    }

    @Test
    void clientSettingsReachEveryClient() {
        TrainerConfig config = TrainerConfig.parse("--config", "security.protocol=SASL_SSL");

        assertThat(config.kafka().clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void theLoggedConfigurationMasksSecrets() {
        TrainerConfig config = TrainerConfig.parse("--schema-registry-url", "https://fred:hunter2@registry:8081",
                "--schema-registry-user-info", "fred:hunter2",
                "--config", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"p\";");

        String described = config.describe().toString();

        assertThat(described).doesNotContain("hunter2").doesNotContain("password=\"p\"")
                .contains("https://********@registry:8081", "sasl.jaas.config=********");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFlag() {
        assertThatThrownBy(() -> TrainerConfig.parse("--min-ratings", "lots")).isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--min-ratings': 'lots' is not a long");
        assertThatThrownBy(() -> TrainerConfig.parse("--retrain-interval", "soon"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--retrain-interval': 'soon' is not a duration "
                        + "(PT60S, 60s, 5m, 500ms or seconds)");
        assertThatThrownBy(() -> TrainerConfig.parse("--compression", "brotli"))
                .isInstanceOf(ParameterException.class).hasMessage("Invalid value for option '--compression': "
                        + "expected one of [NONE, GZIP, SNAPPY, LZ4, ZSTD] (case-insensitive) but was 'brotli'");
    }

    @Test
    void anUnknownModelOrParameterIsAUsageErrorAtStart() {
        assertThatThrownBy(() -> TrainerConfig.parse("--model-param", "learning_rat=1"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("learning_rat");
        assertThatThrownBy(() -> TrainerConfig.parse("--model", "huge"))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("--model: ")
                .hasMessageContaining("huge");
    }

    @Test
    void valuesOutOfRangeSayTheRange() {
        assertThatThrownBy(() -> TrainerConfig.parse("--validation-fraction", "1"))
                .isInstanceOf(ParameterException.class).hasMessage("--validation-fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> TrainerConfig.parse("--http-port", "70000"))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("--http-port must be -1");
    }

    @Test
    void bothRetrainTriggersOffIsAUsageError() {
        assertThatThrownBy(() -> TrainerConfig.parse("--retrain-every-ratings", "0", "--retrain-interval", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("never retrain");
    }
}
