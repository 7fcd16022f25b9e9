package dev.recsys.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.schemas.ModelUpdate;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTimelineTest {

    @Test
    void keepsTheLatestVersionsInVersionOrderWhateverTheOrderRead() {
        ModelTimeline timeline = new ModelTimeline(3);
        for (long version : new long[] {2, 1, 4, 3, 5}) {
            timeline.published(update(version, 1.0 / version));
        }

        assertThat(timeline.points()).extracting(ModelTimeline.Point::version).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aVersionReadAgainReplacesItsPoint() {
        ModelTimeline timeline = new ModelTimeline(10);
        timeline.published(update(1, 0.9));
        timeline.published(update(1, 0.8));

        assertThat(timeline.points()).singleElement()
                .satisfies(point -> assertThat(point.metrics()).containsEntry("val_mse", 0.8));
    }

    private static ModelUpdate update(long version, double mse) {
        return ModelUpdate.newBuilder().setVersion(version).setCreatedAt(Instant.ofEpochSecond(version))
                .setTrainedThrough(List.of()).setRatingsSeen(1000 * version).setUserIds(List.of())
                .setMovieIds(List.of()).setMovieGenreMasks(List.of()).setMetrics(Map.of("val_mse", mse))
                .setHyperparameters(Map.of()).setPayloadFormat("none").setPayload(ByteBuffer.allocate(0))
                .setSha256("").build();
    }
}
