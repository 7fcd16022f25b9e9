package dev.recsys.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theTableHasEveryTopicOnce() {
        assertThat(Topics.NAMES).containsExactly(Topics.RATINGS, Topics.MOVIES, Topics.USERS, Topics.MODEL_UPDATES,
                Topics.RECOMMENDATIONS, Topics.RATINGS_DLQ).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownTopicIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Topics.spec("rating"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no topic rating in the table: [ratings, movies, users, model-updates, recommendations,"
                        + " ratings-dlq]");
    }

    @Test
    void aServicesOwnSettingChangesItsCopyOfARowNotTheTable() {
        TopicSpec row = Topics.spec(Topics.MODEL_UPDATES);

        TopicSpec changed = row.withPartitions(3).withConfig("max.message.bytes", "1000");

        assertThat(changed.partitions()).isEqualTo(3);
        assertThat(changed.configs()).containsEntry("max.message.bytes", "1000")
                .containsEntry("cleanup.policy", "compact");
        assertThat(changed.why()).isEqualTo(row.why());
        assertThat(Topics.spec(Topics.MODEL_UPDATES)).isEqualTo(row);
        assertThat(row.configs()).containsEntry("max.message.bytes", Integer.toString(Topics.MAX_MODEL_BYTES));
    }

    @Test
    void aTopicNeedsANameAndAPartition() {
        assertThatThrownBy(() -> new TopicSpec(" ", 1, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicSpec("none", 0, Map.of()))
                .hasMessage("a topic needs at least one partition, got 0 for none");
    }
}
