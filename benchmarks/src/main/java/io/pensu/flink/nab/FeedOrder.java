package io.pensu.flink.nab;

import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which one source feeds the rows of all files to the detector keyed by file name.
 *
 * <p>Each detector subtask gets its files one after the other, so it holds one live model at a
 * time; the subtasks' queues are interleaved row by row, so every subtask has work while its queue
 * lasts. Rows of one file keep their order, as a metric's samples do in a Kafka partition.
 */
final class FeedOrder {

    private FeedOrder() {}

    /**
     * @param names file names, the detector's keys
     * @param rows row count per name
     * @return per position, {@code fileIndex << 32 | row}
     */
    static long[] of(List<String> names, int[] rows, int parallelism, int maxParallelism) {
        List<List<Integer>> queues = new ArrayList<>();
        for (int s = 0; s < parallelism; s++) {
            queues.add(new ArrayList<>());
        }
        for (int f = 0; f < names.size(); f++) {
            queues.get(
                            KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    names.get(f), maxParallelism, parallelism))
                    .add(f);
        }
        List<long[]> positions = new ArrayList<>();
        for (List<Integer> queue : queues) {
            positions.add(concatenated(queue, rows));
        }
        return interleaved(positions);
    }

    private static long[] concatenated(List<Integer> files, int[] rows) {
        long[] order = new long[files.stream().mapToInt(f -> rows[f]).sum()];
        int next = 0;
        for (int f : files) {
            for (int row = 0; row < rows[f]; row++) {
                order[next++] = ((long) f << 32) | row;
            }
        }
        return order;
    }

    private static long[] interleaved(List<long[]> queues) {
        long[] order = new long[queues.stream().mapToInt(q -> q.length).sum()];
        int next = 0;
        for (int k = 0; next < order.length; k++) {
            for (long[] queue : queues) {
                if (k < queue.length) {
                    order[next++] = queue[k];
                }
            }
        }
        return order;
    }

    static int file(long position) {
        return (int) (position >>> 32);
    }

    static int row(long position) {
        return (int) position;
    }
}
