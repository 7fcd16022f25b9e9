package dev.recsys.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacementPolicyTest {
    @Test
    void replacesThreadsUntilTooManyDieWithinTheWindow() {
        ThreadReplacementPolicy policy = new ThreadReplacementPolicy(2, Duration.ofSeconds(60));
        long second = 1_000_000_000L;
        assertThat(policy.decide(0)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.decide(10 * second)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.decide(20 * second)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void forgetsDeathsOutsideTheWindow() {
        ThreadReplacementPolicy policy = new ThreadReplacementPolicy(1, Duration.ofSeconds(60));
        long second = 1_000_000_000L;
        assertThat(policy.decide(0)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.decide(120 * second)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
