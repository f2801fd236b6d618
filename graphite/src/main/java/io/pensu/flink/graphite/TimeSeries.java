package io.pensu.flink.graphite;

import java.util.Arrays;

/** The points a series has, in time order: epoch seconds and values, without the missing ones. */
public record TimeSeries(long[] timestamps, double[] values) {

    public static final TimeSeries EMPTY = new TimeSeries(new long[0], new double[0]);

    public TimeSeries {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
    }

    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    /** The value at a timestamp, or NaN when the series has no point there. */
    public double valueAt(long timestamp) {
        int i = Arrays.binarySearch(timestamps, timestamp);
        return i >= 0 ? values[i] : Double.NaN;
    }

    /** The points at or after a timestamp. */
    public TimeSeries since(long timestamp) {
        int i = Arrays.binarySearch(timestamps, timestamp);
        int first = i >= 0 ? i : -i - 1;
        return new TimeSeries(
                Arrays.copyOfRange(timestamps, first, timestamps.length),
                Arrays.copyOfRange(values, first, values.length));
    }

    /** The timestamps as doubles, for drawing. */
    public double[] times() {
        return Arrays.stream(timestamps).asDoubleStream().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries other
                && Arrays.equals(timestamps, other.timestamps)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(timestamps) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TimeSeries[");
        for (int i = 0; i < timestamps.length; i++) {
            text.append(i == 0 ? "" : ", ").append(timestamps[i]).append('=').append(values[i]);
        }
        return text.append(']').toString();
    }
}
