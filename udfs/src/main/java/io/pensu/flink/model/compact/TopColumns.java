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

    /**
     * The {@code k} columns with the highest counts, ascending: what offering every column in order
     * with its count as the score would pick, found with a count of columns per count instead of
     * the heap, which integer scores with their many ties keep busy.
     *
     * @param counts a count per column, each below {@code histogram.length}
     * @param histogram scratch space
     */
    int[] ascendingColumnsByCount(int[] counts, int[] histogram) {
        Arrays.fill(histogram, 0);
        for (int count : counts) {
            histogram[count]++;
        }
        int k = columns.length;
        int threshold = histogram.length - 1;
        int above = 0;
        while (above + histogram[threshold] < k) {
            above += histogram[threshold--];
        }
        // Of the columns at the threshold, the later ones win the ties.
        int tiesLeftOut = histogram[threshold] - (k - above);
        int[] result = new int[k];
        for (int column = 0, n = 0; n < k; column++) {
            int count = counts[column];
            if (count > threshold || count == threshold && tiesLeftOut-- <= 0) {
                result[n++] = column;
            }
        }
        return result;
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
