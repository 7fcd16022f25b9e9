package dev.recsys.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.streams.TestData;
import org.junit.jupiter.api.Test;

class ModelTimelineTest {

    @Test
    void keepsTheLatestVersionsInVersionOrderWhateverTheOrderRead() {
        ModelTimeline timeline = new ModelTimeline(3);
        for (long version : new long[] {2, 1, 4, 3, 5}) {
            timeline.published(TestData.withoutWeights(version, 1.0 / version));
        }

        assertThat(timeline.points()).extracting(ModelTimeline.Point::version).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aVersionReadAgainReplacesItsPoint() {
        ModelTimeline timeline = new ModelTimeline(10);
        timeline.published(TestData.withoutWeights(1, 0.9));
        timeline.published(TestData.withoutWeights(1, 0.8));

        assertThat(timeline.points()).singleElement()
                .satisfies(point -> assertThat(point.metrics()).containsEntry("val_mse", 0.8));
    }
}
