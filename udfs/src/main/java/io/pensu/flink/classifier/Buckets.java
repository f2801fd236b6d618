package io.pensu.flink.classifier;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The buckets seen so far, in ascending index order (so that ties go to the lowest index), each
 * with the moving average of the values that fell into it. A bucket's position in this order is its
 * slot, shared with the weight rows.
 */
final class Buckets {
    private static final int INITIAL_CAPACITY = 8;

    private final double valueAlpha;
    private int[] indices;
    private double[] values;
    private int count;

    Buckets(double valueAlpha) {
        this(valueAlpha, INITIAL_CAPACITY);
    }

    private Buckets(double valueAlpha, int capacity) {
        this.valueAlpha = valueAlpha;
        this.indices = new int[capacity];
        this.values = new double[capacity];
    }

    int count() {
        return count;
    }

    double value(int slot) {
        return values[slot];
    }

    /** The slot of the bucket, or {@code -(slot it would be inserted at) - 1}. */
    int find(int bucketIndex) {
        return Arrays.binarySearch(indices, 0, count, bucketIndex);
    }

    /** Adds a bucket at the slot {@link #find} pointed to; its first value is its value. */
    void insert(int slot, int bucketIndex, double value) {
        if (count == indices.length) {
            indices = Arrays.copyOf(indices, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
        }
        System.arraycopy(indices, slot, indices, slot + 1, count - slot);
        System.arraycopy(values, slot, values, slot + 1, count - slot);
        indices[slot] = bucketIndex;
        values[slot] = value;
        count++;
    }

    void observe(int slot, double value) {
        values[slot] = (1 - valueAlpha) * values[slot] + valueAlpha * value;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        for (int slot = 0; slot < count; slot++) {
            out.writeInt(indices[slot]);
            out.writeDouble(values[slot]);
        }
    }

    static Buckets readFrom(DataInput in, double valueAlpha) throws IOException {
        int count = in.readInt();
        SnapshotInput.requireBytes(
                in, (long) count * (Integer.BYTES + Double.BYTES), "classifier buckets");
        Buckets buckets = new Buckets(valueAlpha, Math.max(count, INITIAL_CAPACITY));
        int previous = -1;
        for (int slot = 0; slot < count; slot++) {
            int index = in.readInt();
            if (index <= previous) {
                throw new IOException("Bucket indices out of order in snapshot: " + index);
            }
            buckets.indices[slot] = index;
            buckets.values[slot] = in.readDouble();
            previous = index;
        }
        buckets.count = count;
        return buckets;
    }
}
