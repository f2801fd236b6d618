package io.pensu.flink.residual;

import java.util.Arrays;

/** The last few values of a statistic and their median, without allocating per sample. */
final class MedianWindow {

    private final double[] values;
    private final double[] sorted;
    private int count;
    private int next;

    MedianWindow(int capacity) {
        this.values = new double[capacity];
        this.sorted = new double[capacity];
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
    }

    /** The median of the values held; 0 before the first. */
    double median() {
        return count == 0 ? 0 : median(values, count, sorted);
    }

    /** The median of the first {@code count} values, sorted in {@code scratch}. */
    static double median(double[] values, int count, double[] scratch) {
        System.arraycopy(values, 0, scratch, 0, count);
        Arrays.sort(scratch, 0, count);
        int middle = count / 2;
        return count % 2 == 1 ? scratch[middle] : (scratch[middle - 1] + scratch[middle]) / 2;
    }
}
