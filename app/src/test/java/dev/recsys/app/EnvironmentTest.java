package dev.recsys.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What containers do: configure the services by environment variables. A JVM cannot change its own environment, so
 * each case runs a process of its own with only the variables it names, and reads the settings it prints.
 */
class EnvironmentTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        // files, not pipes: a process that writes more than a pipe holds must not stall
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run settings(Map<String, String> env, String... args) throws Exception {
        Run run = run(env, PrintSettings.class, args);
        assertThat(run.code).as(run.err).isZero();
        return run;
    }

    @Test
    void withoutVariablesTheServicesTakeTheDocumentedDefaults() throws Exception {
        List<String> lines = settings(Map.of(), "streams", ";", "trainer", ";", "replay").out.lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("streams: ").contains("bootstrap.servers=localhost:9092",
                "schema.registry.url=http://localhost:8081", "application.id=recsys-streams", "http=0.0.0.0:8080",
                "application.server=localhost:8080", "num.stream.threads=1", "num.standby.replicas=0",
                "commit.interval.ms=100", "replication.factor=-1", "history.limit=1000", "top.n=10",
                "topic.wait=PT1M");
        assertThat(lines.get(1)).startsWith("trainer: ").contains("bootstrap.servers=localhost:9092",
                "retrain.every.ratings=5000", "retrain.interval=PT1M", "min.ratings=2000", "model=default",
                "validation.fraction=0.1", "validation.seed=42", "publish.tolerance=0.0", "max.model.bytes=16777216",
                "compression.type=zstd", "http=0.0.0.0:8090");
        assertThat(lines.get(2)).startsWith("replay: ").contains("data=(synthetic, generated)", "if.missing=fail",
                "bootstrap.servers=localhost:9092", "pacing=full speed", "limit=none", "partitions=4",
                "on.error=skip", "compression.type=lz4", "connect.timeout=15000 ms");
    }

    @Test
    void eachServiceTakesItsVariablesAndAFlagWinsOverOne() throws Exception {
        Path clientConfig = dir.resolve("client.properties");
        Files.writeString(clientConfig, "security.protocol=SASL_SSL\nssl.truststore.password=changeit\n");
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SCHEMA_REGISTRY_URL", "https://fred:hunter2@registry:8081",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "fred:hunter2"));
        env.putAll(Map.of("STREAMS_NUM_THREADS", "3", "STREAMS_STATE_DIR", "/var/lib/recsys/state",
                "STREAMS_APPLICATION_SERVER", "streams:8080", "STREAMS_TOPIC_WAIT_SECONDS", "5",
                "STREAMS_CONFIG_MAX_POLL_RECORDS", "250", "STREAMS_CONFIG_SASL_JAAS_CONFIG", "jaas-secret"));
        env.putAll(Map.of("TRAINER_RETRAIN_INTERVAL", "5m", "TRAINER_MIN_RATINGS", "50",
                "TRAINER_MODEL_PARAMS", "dropout=0.2,batch_size=64", "TRAINER_EPOCHS", "3",
                "TRAINER_COMPRESSION", "lz4", "TRAINER_HTTP_PORT", "-1",
                "TRAINER_CLIENT_CONFIG", clientConfig.toString(), "TRAINER_CONFIG_SASL_MECHANISM", "PLAIN"));
        env.putAll(Map.of("INGEST_DATA_DIR", "/data/ml-100k", "INGEST_IF_MISSING", "synthetic",
                "INGEST_RATE", "200", "INGEST_LIMIT", "1000", "INGEST_ON_ERROR", "fail",
                "INGEST_COMPRESSION", "zstd", "INGEST_CONNECT_TIMEOUT_S", "2", "INGEST_PARTITIONS", "8",
                "INGEST_CONFIG_CLIENT_ID", "ingest-1"));

        List<String> lines = settings(env, "streams", "--threads", "2", ";", "trainer", "--min-ratings", "100", ";",
                "replay", "--partitions", "2").out.lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("bootstrap.servers=kafka:9092", "num.stream.threads=2",
                "state.dir=/var/lib/recsys/state", "application.server=streams:8080", "topic.wait=PT5S",
                "max.poll.records=250", "schema.registry.url=https://********@registry:8081",
                "schema.registry.basic.auth.user.info=********", "sasl.jaas.config=********");
        assertThat(lines.get(1)).contains("bootstrap.servers=kafka:9092", "retrain.interval=PT5M", "min.ratings=100",
                "dropout=0.2", "batch_size=64", "epochs=3", "compression.type=lz4", "http=off",
                "security.protocol=SASL_SSL", "ssl.truststore.password=********", "sasl.mechanism=PLAIN");
        assertThat(lines.get(2)).contains("bootstrap.servers=kafka:9092", "data=/data/ml-100k",
                "if.missing=synthetic", "pacing=200.0 events/s", "limit=1000", "on.error=fail",
                "compression.type=zstd", "connect.timeout=2000 ms", "partitions=2", "client.id=ingest-1");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2", "jaas-secret", "changeit");
    }

    @Test
    void aVariableOfTheWrongTypeIsAUsageErrorThatNamesIt() throws Exception {
        Run run = run(Map.of("STREAMS_NUM_THREADS", "many"), Recsys.class, "streams");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.lines().findFirst()).hasValue("recsys streams: Invalid value for option '--threads': "
                + "'many' is not an int (from STREAMS_NUM_THREADS)");
    }

    @Test
    void aVariableOutOfRangeIsAUsageErrorThatNamesIt() throws Exception {
        Run run = run(Map.of("TRAINER_VALIDATION_FRACTION", "1.5"), Recsys.class, "trainer");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.lines().findFirst()).hasValue("recsys trainer: --validation-fraction must be in [0, 1), "
                + "got 1.5 (from TRAINER_VALIDATION_FRACTION)");
    }
}
