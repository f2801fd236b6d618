package io.pensu.flink.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The value range a metric's encoder was sized for, learned from the metric's first samples.
 *
 * @param min smallest value seen while learning
 * @param max largest value seen while learning
 * @param resolution value width of one encoder bucket
 */
public record EncoderRange(double min, double max, double resolution) {

    /** Below this, buckets are finer than any metric Graphite carries needs. */
    public static final double MIN_RESOLUTION = 0.001;

    /**
     * Sizes the encoder so that the learned range spans {@code buckets} buckets. A metric that was
     * constant while learning gets a range of its own magnitude, so that the first change still
     * lands in a nearby bucket rather than at the encoder's edge.
     */
    public static EncoderRange learn(double[] values, int buckets) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an encoder range needs at least one value");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
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
