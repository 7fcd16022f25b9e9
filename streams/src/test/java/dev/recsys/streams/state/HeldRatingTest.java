package dev.recsys.streams.state;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeldRatingTest {
    private final HeldRating.HeldRatingSerde serde = new HeldRating.HeldRatingSerde();

    @Test
    void keepsTheRecordAsItArrivedWithItsHeadersAndSource() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        HeldRating held = new HeldRating(new byte[] {0, 0, 0, 7}, new byte[] {0, 1, 2, 3, 4}, headers, 1_700_000L,
                "ratings", 3, 41L, 99_000L);

        HeldRating back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", held));

        assertThat(back.key()).containsExactly(0, 0, 0, 7);
        assertThat(back.value()).containsExactly(0, 1, 2, 3, 4);
        assertThat(back.timestamp()).isEqualTo(1_700_000L);
        assertThat(back.topic()).isEqualTo("ratings");
        assertThat(back.partition()).isEqualTo(3);
        assertThat(back.offset()).isEqualTo(41L);
        assertThat(back.heldSinceMs()).isEqualTo(99_000L);
        assertThat(back.headers().lastHeader("trace").value()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(back.headers().lastHeader("empty").value()).isNull();
    }

    @Test
    void refusesBytesItDidNotWrite() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 9}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("does not decode");
    }
}
