package dev.recsys.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdMapTest {

    @Test
    void assignsRowsInOrderOfFirstAppearanceAndGrows() {
        IdMap map = new IdMap();
        for (int i = 0; i < 10_000; i++) {
            assertThat(map.getOrAdd(7 * i - 5000)).isEqualTo(i);
        }
        assertThat(map.getOrAdd(-5000)).isZero();
        assertThat(map.size()).isEqualTo(10_000);
        assertThat(map.rowOf(7 * 1234 - 5000)).isEqualTo(1234);
        assertThat(map.rawIdAt(1234)).isEqualTo(7 * 1234 - 5000);
        assertThat(map.rowOf(3)).isEqualTo(-1);
        assertThat(map.rawIds()).hasSize(10_000).startsWith(-5000, -4993);
    }

    @Test
    void frozenCopyRejectsNewIdsButKnowsOldOnes() {
        IdMap map = IdMap.of(new int[] {5, 9, 2});
        IdMap frozen = map.frozen();
        map.getOrAdd(11);
        assertThat(frozen.size()).isEqualTo(3);
        assertThat(frozen.getOrAdd(9)).isEqualTo(1);
        assertThat(frozen.rowOf(11)).isEqualTo(-1);
        assertThatThrownBy(() -> frozen.getOrAdd(11)).isInstanceOf(IllegalStateException.class);
        IdMap copy = frozen.copy();
        assertThat(copy.getOrAdd(11)).isEqualTo(3);
    }

    @Test
    void ofRejectsDuplicateIds() {
        assertThatThrownBy(() -> IdMap.of(new int[] {1, 2, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate id 1");
    }
}
