package dev.recsys.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StateOwnershipTest {
    @TempDir
    Path stateDir;

    @Test
    void keepsStateOfTheSameClusterAndWipesStateOfAnotherOne() throws Exception {
        AtomicInteger wipes = new AtomicInteger();

        assertThat(StateOwnership.check("cluster-a", stateDir, "app", wipes::incrementAndGet)).isFalse();
        assertThat(StateOwnership.check("cluster-a", stateDir, "app", wipes::incrementAndGet)).isFalse();
        assertThat(wipes).hasValue(0);
        assertThat(Files.readString(StateOwnership.marker(stateDir, "app"))).isEqualTo("cluster-a\n");

        assertThat(StateOwnership.check("cluster-b", stateDir, "app", wipes::incrementAndGet)).isTrue();
        assertThat(wipes).hasValue(1);
        assertThat(Files.readString(StateOwnership.marker(stateDir, "app"))).isEqualTo("cluster-b\n");
        assertThat(StateOwnership.check("cluster-b", stateDir, "app", wipes::incrementAndGet)).isFalse();
        // another application in the same directory has its own record
        assertThat(StateOwnership.check("cluster-a", stateDir, "other", wipes::incrementAndGet)).isFalse();
        assertThat(wipes).hasValue(1);
    }
}
