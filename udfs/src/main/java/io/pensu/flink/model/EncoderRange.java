package io.pensu.flink.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The value range a metric's encoder was sized for, learned from the metric's first samples.
 *
 * @param min smallest value learned (outliers left out)
 * @param max largest value learned (outliers left out)
 * @param resolution value width of one encoder bucket
 */
public record EncoderRange(double min, double max, double resolution) {

    /** Below this, buckets are finer than any metric Graphite carries needs. */
    public static final double MIN_RESOLUTION = 0.001;

    /**
     * The share of the learning samples at each end that the range leaves out, so that a glitch
     * among them (one wild value, a 1e308) cannot stretch the range and make every normal value
     * fall into the same few buckets.
     */
    static final double TRIMMED_SHARE = 0.01;

    /**
     * Sizes the encoder so that the learned range, the values between the 1 % smallest and the 1 %
     * largest, spans {@code buckets} buckets. A metric that was constant while learning gets a
     * range of its own magnitude, so that the first change still lands in a nearby bucket rather
     * than at the encoder's edge.
     */
    public static EncoderRange learn(double[] values, int buckets) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an encoder range needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int trimmed = (int) (sorted.length * TRIMMED_SHARE);
        double min = sorted[trimmed];
        double max = sorted[sorted.length - 1 - trimmed];
        double span = max - min;
        if (span == 0) {
            span = Math.max(Math.abs(max), 1.0);
        }
        return new EncoderRange(min, max, Math.max(MIN_RESOLUTION, span / buckets));
    }

    /**
     * The bucket a value falls in, counted from {@code buckets} below the learned minimum, so that
     * values up to one learned range beyond either end keep buckets of their own; values further
     * out share the edge buckets. Never negative.
     */
    public int bucket(double value, int buckets) {
        double offset = Math.rint((value - min) / resolution);
        return (int) Math.max(0, Math.min(3L * buckets, (long) offset + buckets));
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeDouble(resolution);
    }

    public static EncoderRange readFrom(DataInput in) throws IOException {
        return new EncoderRange(in.readDouble(), in.readDouble(), in.readDouble());
    }
}
