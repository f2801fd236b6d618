package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Average of the last {@code windowSize} values. The total is kept as NuPIC keeps it, a running sum
 * that loses the leaving value and gains the new one, because its accumulated rounding is part of
 * the results we reproduce.
 */
final class MovingAverage {
    private final double[] window;
    private int oldest;
    private int count;
    private double total;

    MovingAverage(int windowSize) {
        this.window = new double[windowSize];
    }

    /** Adds a value and returns the average of the window including it. */
    double add(double value) {
        if (count == window.length) {
            total -= window[oldest];
            window[oldest] = value;
            oldest = (oldest + 1) % window.length;
        } else {
            window[(oldest + count) % window.length] = value;
            count++;
        }
        total += value;
        return total / count;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeDouble(window[(oldest + i) % window.length]);
        }
        out.writeDouble(total);
    }

    static MovingAverage readFrom(DataInput in, int windowSize) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > windowSize) {
            throw new IOException(
                    "Moving average of "
                            + count
                            + " values does not fit a window of "
                            + windowSize);
        }
        MovingAverage average = new MovingAverage(windowSize);
        for (int i = 0; i < count; i++) {
            average.window[i] = in.readDouble();
        }
        average.count = count;
        average.total = in.readDouble();
        return average;
    }
}
