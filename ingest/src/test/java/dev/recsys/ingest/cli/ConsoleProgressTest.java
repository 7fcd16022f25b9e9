package dev.recsys.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.ingest.replay.ReplayProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void drawsOneLineInPlaceWithCountsRateAndEtaAndEndsItWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        progress.onProgress(new ReplayProgress(ReplayProgress.Phase.READING, 0, 0, Duration.ZERO));
        progress.onProgress(new ReplayProgress(ReplayProgress.Phase.RATINGS, 25_000, 100_000, Duration.ofSeconds(5)));
        progress.onProgress(new ReplayProgress(ReplayProgress.Phase.DONE, 100_000, 100_000, Duration.ofSeconds(20)));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[########......................] 25,000/100,000 ratings (25.0%) 5,000/s ETA 0:15");
        assertThat(out).contains("\r[##############################] 100,000/100,000 ratings (100.0%) 5,000/s ETA 0:00");
        assertThat(out).endsWith(System.lineSeparator()).doesNotContain("\n\r");
    }
}
