package io.pensu.flink.model.compact;

import java.util.Arrays;

/**
 * The {@code k} columns with the highest scores, as a bounded min-heap. Offered in ascending column
 * order, an equal score goes to the later column, as a stable sort would rank them.
 */
final class TopColumns {

    private final int[] columns;
    private final double[] scores;
    private int size;

    TopColumns(int k) {
        this.columns = new int[k];
        this.scores = new double[k];
    }

    void clear() {
        size = 0;
    }

    void offer(int column, double score) {
        if (size < columns.length) {
            columns[size] = column;
            scores[size] = score;
            siftUp(size++);
        } else if (score >= scores[0]) {
            columns[0] = column;
            scores[0] = score;
            siftDown(0);
        }
    }

    int[] ascendingColumns() {
        int[] result = Arrays.copyOf(columns, size);
        Arrays.sort(result);
        return result;
    }

    /** Heap order: lower score first, and for equal scores the earlier column. */
    private boolean below(int a, int b) {
        return scores[a] < scores[b] || (scores[a] == scores[b] && columns[a] < columns[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!below(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int smallest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && below(left, smallest)) {
                smallest = left;
            }
            if (right < size && below(right, smallest)) {
                smallest = right;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        int column = columns[a];
        columns[a] = columns[b];
        columns[b] = column;
        double score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
