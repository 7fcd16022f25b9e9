package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model message at MovieLens 25M's catalogue (62,423 movies), the default architecture: its records fit the model
 * topic's 16 MiB and put back together to the same weights. One test, as encoding and decoding 200 MB takes a while;
 * it prints the figures ({@code ./recsys bench model-size} prints them for any catalogue).
 */
class ModelMessageSizeTest {
    private static final int ML25M_MOVIES = 62_423;
    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    @Test
    void aModelOfMovieLens25mTravelsInRecordsOfAtMost16MiBAndReadsBackTheSame() throws Exception {
        HybridModel original = ModelMessageSize.untrained(ModelConfig.defaults(), ML25M_MOVIES);
        AtomicReference<HybridModel> decoded = new AtomicReference<>();

        ModelMessageSize size = ModelMessageSize.measure(original, MAX_RECORD_BYTES, decoded::set);
        System.out.println(size);

        // the assertions compare small values: a failure message that prints a 62k-movie model fills the heap
        HybridModel loaded = decoded.get();
        assertThat(size.chunks()).isGreaterThan(1);
        assertThat(size.largestRecordBytes()).as("the largest record, with 1 KiB for Kafka's headers")
                .isLessThanOrEqualTo(MAX_RECORD_BYTES - 1024);
        assertThat(loaded.rating().params().equals(original.rating().params())).as("same rating weights").isTrue();
        assertThat(loaded.ranking().params().equals(original.ranking().params())).as("same ranking weights").isTrue();
        assertThat(Arrays.equals(loaded.movies().rawIds(), original.movies().rawIds())).as("same movie ids").isTrue();
    }
}
