package dev.recsys.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A small {@code bench scale} end to end: every figure the issue asks for is there and within reason. */
class ScaleBenchIT {

    @Test
    void reportsEveryFigureAtASmallSize(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("scale.json");

        int exit = Cli.run(new ScaleBench(), "--users", "200", "--movies", "300", "--ratings", "12000",
                "--new-ratings", "1500", "--scoring-users", "100", "--trainer-arg=--epochs=2",
                "--trainer-arg=--model-param=ranking_epochs=4", "--json", json.toString());

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        for (String positive : List.of("ingest_events_per_s", "trainer_read_seconds", "first_model_seconds",
                "incremental_retrain_seconds", "model_message_bytes", "trainer_heap_mb_peak",
                "streams_catchup_events_per_s", "streams_ms_per_full_scoring", "streams_heap_mb_peak",
                "state_bytes_per_rating")) {
            assertThat(figures.path(positive).asDouble()).as(positive).isPositive();
        }
        assertThat(figures.path("ratings").asLong()).isEqualTo(12_000);
        assertThat(figures.path("streams_catchup_ratings").asLong()).isEqualTo(12_000);
        assertThat(figures.path("model_records").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(figures.path("model_message_bytes").asLong()).isLessThanOrEqualTo(16L << 20);
        assertThat(figures.path("two_stage_recall").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.path("scoring_users").asInt()).isEqualTo(100);
        // a rating writes a few small entries to state, not its user's history
        assertThat(figures.path("state_bytes_per_rating").asDouble()).isLessThan(1_000);
    }
}
