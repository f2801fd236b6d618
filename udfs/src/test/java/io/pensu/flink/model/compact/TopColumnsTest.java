package io.pensu.flink.model.compact;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TopColumnsTest {

    @Test
    void picksByCountTheColumnsTheHeapPicksTiesIncluded() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int columns = 50 + random.nextInt(500);
            int k = 1 + random.nextInt(columns - 1);
            int largest = random.nextInt(1, 12);
            int[] counts = new int[columns];
            for (int c = 0; c < columns; c++) {
                counts[c] = random.nextInt(largest + 1);
            }
            TopColumns heap = new TopColumns(k);
            for (int c = 0; c < columns; c++) {
                heap.offer(c, counts[c]);
            }

            int[] byCount = new TopColumns(k).ascendingColumnsByCount(counts, new int[largest + 1]);

            assertThat(byCount).hasSize(k).containsExactly(heap.ascendingColumns());
        }
    }

    @Test
    void givesTiesToTheLaterColumns() {
        int[] counts = {3, 1, 3, 1, 1, 0};

        int[] top = new TopColumns(4).ascendingColumnsByCount(counts, new int[4]);

        assertThat(top).containsExactly(0, 2, 3, 4);
    }
}
