package dev.recsys.trainer.config;

import dev.recsys.config.UsageException;
import dev.recsys.trainer.TrainerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerFlagsTest {

    @Test
    void defaultsSuitTheLocalStack() {
        TrainerConfig config = TrainerFlags.parse(new String[0], Map.of());
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.retrainEveryRatings()).isEqualTo(5000);
        assertThat(config.retrainInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.minRatings()).isEqualTo(2000);
        assertThat(config.modelConfig().variant()).isEqualTo("default");
        assertThat(config.maxModelBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(8090);
    }

    @Test
    void theStatusPortComesFromFlagOrEnvironmentAndCanBeTurnedOff() {
        assertThat(TrainerFlags.parse(new String[] {"--http-port", "-1"}, Map.of("TRAINER_HTTP_PORT", "9000"))
                .httpPort()).isEqualTo(-1);
        TrainerConfig fromEnv = TrainerFlags.parse(new String[0], Map.of("TRAINER_HTTP_PORT", "9000",
                "TRAINER_HTTP_HOST", "127.0.0.1"));
        assertThat(fromEnv.httpPort()).isEqualTo(9000);
        assertThat(fromEnv.describe()).containsEntry("http", "127.0.0.1:9000");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--http-port", "70000"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("HTTP port");
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "TRAINER_RETRAIN_EVERY_RATINGS", "100",
                "TRAINER_RETRAIN_INTERVAL", "PT5M", "TRAINER_EPOCHS", "3");
        TrainerConfig config = TrainerFlags.parse(new String[] {"--bootstrap-servers", "other:9092",
            "--retrain-interval=90s", "--epochs", "4", "--model", "study"}, env);
        assertThat(config.bootstrapServers()).isEqualTo("other:9092");
        assertThat(config.retrainEveryRatings()).isEqualTo(100);
        assertThat(config.retrainInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.modelConfig().variant()).isEqualTo("study");
        assertThat(config.modelConfig().epochs()).isEqualTo(4);
    }

    @Test
    void modelParamsReachTheModelConfig() {
        TrainerConfig config = TrainerFlags.parse(new String[] {"--model-param", "learning_rate=0.01",
            "--model-param", "batch_size=128"}, Map.of("TRAINER_MODEL_PARAMS", "dropout=0.2,batch_size=64"));
        assertThat(config.modelConfig().learningRate()).isEqualTo(0.01);
        assertThat(config.modelConfig().batchSize()).isEqualTo(128);
        assertThat(config.modelConfig().dropout()).isEqualTo(0.2);
    }

    @Test
    void kafkaOverridesComeFromFlagsAndEnvironment() {
        TrainerConfig config = TrainerFlags.parse(new String[] {"--config", "security.protocol=SASL_SSL"},
                Map.of("TRAINER_CONFIG_SASL_MECHANISM", "PLAIN"));
        assertThat(config.kafkaOverrides()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void describeMasksSecrets() {
        TrainerConfig config = TrainerFlags.parse(new String[] {
            "--schema-registry-url", "https://fred:hunter2@registry:8081",
            "--config", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"u\" password=\"p\";"},
                Map.of("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "fred:hunter2"));
        String described = config.describe().toString();
        assertThat(described).doesNotContain("hunter2").doesNotContain("password=\"p\"")
                .contains("https://********@registry:8081");
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhatIsWrong() {
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--min-ratings", "lots"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--min-ratings");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--retrain-interval", "soon"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("soon");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--model-param", "learning_rat=1"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("learning_rat");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--model", "huge"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("huge");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--validation-fraction", "1"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("validation fraction");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--retrain-every-ratings", "0",
            "--retrain-interval", "0"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("never retrain");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[] {"--bogus"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> TrainerFlags.parse(new String[0], Map.of("TRAINER_MIN_RATINGS", "x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("TRAINER_MIN_RATINGS");
    }

    @Test
    void helpReturnsNoConfig() {
        assertThat(TrainerFlags.parse(new String[] {"--help"}, Map.of())).isNull();
    }

    @Test
    void durationsTakeIsoAndShortForms() {
        assertThat(Durations.parse("PT60S")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    }
}
