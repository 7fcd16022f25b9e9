package dev.recsys.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.schemas.RatingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RatingLogTest {

    @Test
    void sortsByTimeKeepingFileOrderForTies() {
        RatingLog log = new RatingLog("ml-100k/u.data");
        List<RatingEvent> events = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int line = 1; line <= 20_000; line++) {
            // few distinct timestamps: many ties, which must keep their line order
            RatingEvent event = new RatingEvent(random.nextInt(1, 50), random.nextInt(1, 100),
                    (float) random.nextInt(1, 6), Instant.ofEpochSecond(880_000_000L + random.nextInt(500)),
                    "ml-100k/u.data", (long) line);
            events.add(event);
            log.add(event);
        }

        log.sortByTime();

        List<RatingEvent> expected = new ArrayList<>(events);
        expected.sort(Comparator.comparing(RatingEvent::getEventTime)); // List.sort is stable
        List<RatingEvent> sorted = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            sorted.add(log.event(i));
            assertThat(log.userId(i)).isEqualTo(sorted.get(i).getUserId());
            assertThat(log.timeMillis(i)).isEqualTo(sorted.get(i).getEventTime().toEpochMilli());
        }
        assertThat(sorted).isEqualTo(expected);
    }

    @Test
    void anAlreadyOrderedLogKeepsItsOrder() {
        RatingLog log = new RatingLog("synthetic/u.data");
        for (int line = 1; line <= 100; line++) {
            log.add(new RatingEvent(line, 1, 3f, Instant.ofEpochSecond(line / 3), "synthetic/u.data", (long) line));
        }

        log.sortByTime();

        for (int i = 0; i < 100; i++) {
            assertThat(log.event(i).getSequence()).isEqualTo(i + 1);
        }
    }
}
