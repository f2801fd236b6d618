package io.pensu.flink.nab;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedOrderTest {

    static final List<String> NAMES =
            List.of("a/1.csv", "a/2.csv", "b/3.csv", "b/4.csv", "c/5.csv");
    static final int[] ROWS = {5, 3, 4, 1, 6};

    private static int subtaskOf(String name) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(name, 128, 2);
    }

    @Test
    void feedsEveryRowOnceAndEachFileInRowOrder() {
        long[] order = FeedOrder.of(NAMES, ROWS, 2, 128);
        Map<Integer, List<Integer>> rowsByFile = new HashMap<>();
        for (long position : order) {
            rowsByFile
                    .computeIfAbsent(FeedOrder.file(position), f -> new ArrayList<>())
                    .add(FeedOrder.row(position));
        }
        assertThat(order).hasSize(19);
        for (int f = 0; f < NAMES.size(); f++) {
            assertThat(rowsByFile.get(f)).isSorted().hasSize(ROWS[f]).doesNotHaveDuplicates();
        }
    }

    @Test
    void givesEachSubtaskOneFileAtATime() {
        long[] order = FeedOrder.of(NAMES, ROWS, 2, 128);
        Map<Integer, List<Integer>> filesBySubtask = new HashMap<>();
        for (long position : order) {
            List<Integer> files =
                    filesBySubtask.computeIfAbsent(
                            subtaskOf(NAMES.get(FeedOrder.file(position))), s -> new ArrayList<>());
            if (files.isEmpty() || files.get(files.size() - 1) != FeedOrder.file(position)) {
                files.add(FeedOrder.file(position));
            }
        }
        filesBySubtask.values().forEach(files -> assertThat(files).doesNotHaveDuplicates());
    }

    @Test
    void alternatesBetweenSubtasksWhileBothHaveRows() {
        long[] order = FeedOrder.of(NAMES, ROWS, 2, 128);
        int first = subtaskOf(NAMES.get(FeedOrder.file(order[0])));
        int second = subtaskOf(NAMES.get(FeedOrder.file(order[1])));
        assertThat(first).isNotEqualTo(second);
    }
}
