package dev.recsys.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose's one-shot {@code topics} service creates the topics with kafka-topics commands; these must say
 * what the table says, or a stack started with docker-compose runs on other topics than the services would create.
 */
class ComposeTopicsTest {
    private static final String CREATE = "t ";

    private static List<String> script;

    @BeforeAll
    static void readCompose() throws IOException {
        Path compose = composeFile();
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(compose)) {
            yaml = new Yaml().load(reader);
        }
        Map<?, ?> service = (Map<?, ?>) ((Map<?, ?>) yaml.get("services")).get("topics");
        assertThat(service).as("the topics service of %s", compose).isNotNull();
        List<?> command = (List<?>) service.get("command");
        script = command.get(0).toString().lines().map(String::strip).toList();
    }

    @Test
    void createsExactlyTheTablesTopicsWithTheirPartitionsAndConfigs() {
        Map<String, Row> fromTable = new LinkedHashMap<>();
        Topics.TABLE.forEach(spec -> fromTable.put(spec.name(), new Row(spec.partitions(), spec.configs())));

        Map<String, Row> fromCompose = new LinkedHashMap<>();
        for (String line : script) {
            if (line.startsWith(CREATE)) {
                Map.Entry<String, Row> topic = parse(line);
                assertThat(fromCompose.put(topic.getKey(), topic.getValue())).as("%s created twice", topic.getKey())
                        .isNull();
            }
        }

        assertThat(fromCompose).isEqualTo(fromTable);
    }

    @Test
    void createsOnlyWhatIsMissingWithOneReplica() {
        String function = script.stream().filter(line -> line.startsWith("t()")).findFirst().orElseThrow(
                () -> new AssertionError("no t() function in the topics service: " + script));

        assertThat(function).contains("kafka-topics.sh", "--create", "--if-not-exists", "--replication-factor 1");
        assertThat(script).filteredOn(line -> line.contains("--create")).containsExactly(function);
    }

    /** A topic row as a command gives it; a flag this does not know fails, so the check never passes by skipping. */
    private static Map.Entry<String, Row> parse(String line) {
        List<String> args = new ArrayList<>(Arrays.asList(line.substring(CREATE.length()).trim().split("\\s+")));
        String name = null;
        Integer partitions = null;
        Map<String, String> configs = new TreeMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            assertThat(i + 1).as("a value after %s in: %s", flag, line).isLessThan(args.size());
            String value = args.get(i + 1);
            switch (flag) {
                case "--topic" -> name = value;
                case "--partitions" -> partitions = Integer.valueOf(value);
                case "--config" -> {
                    String[] pair = value.split("=", 2);
                    assertThat(pair).as("key=value in: %s", line).hasSize(2);
                    configs.put(pair[0], pair[1]);
                }
                default -> throw new AssertionError("unexpected " + flag + " in: " + line);
            }
        }
        assertThat(name).as("--topic in: %s", line).isNotNull();
        assertThat(partitions).as("--partitions in: %s", line).isNotNull();
        return Map.entry(name, new Row(partitions, configs));
    }

    private static Path composeFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path compose = dir.resolve("docker-compose.yml");
            if (Files.isRegularFile(compose)) {
                return compose;
            }
        }
        throw new AssertionError("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
    }

    private record Row(int partitions, Map<String, String> configs) {
    }
}
