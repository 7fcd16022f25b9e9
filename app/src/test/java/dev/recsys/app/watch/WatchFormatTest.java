package dev.recsys.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Strategy;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.Test;

class WatchFormatTest {
    @Test
    void printsOneBlockWithVersionStrategyRankTitleAndScore() {
        Recommendations r = new Recommendations(42, List.of(new RecommendedItem(50, "Star Wars (1977)", 4.8123f),
                new RecommendedItem(9, null, 3.5f)), 3L, Strategy.MODEL, Instant.parse("1998-01-01T00:00:00Z"),
                "ml-100k/u.data", 17L, Instant.parse("2024-01-01T00:00:00Z"));
        String block = WatchFormat.block(r);
        assertThat(block.lines().toList()).hasSize(3);
        assertThat(block).contains("user 42", "model v3", "MODEL", "ml-100k/u.data#17");
        assertThat(block.lines().toList().get(1)).isEqualTo("   1.  4.81  Star Wars (1977)");
        assertThat(block.lines().toList().get(2)).contains("2.", "3.50", "movie 9");
    }

    @Test
    void findsThePartitionTheProducerChose() {
        for (int user = 1; user < 200; user++) {
            byte[] key = new IntegerSerializer().serialize("t", user);
            assertThat(Watch.partitionOf(user, 4)).isEqualTo(BuiltInPartitioner.partitionForKey(key, 4));
        }
    }
}
