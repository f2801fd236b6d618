package io.pensu.flink.classifier;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The value slots known, at most a fixed number, in ascending index order (so that ties go to the
 * lowest index and slots are in value order), each with the moving average of the values that fell
 * into it and the sample at which it was last seen. A bucket's position in this order is its slot,
 * shared with the weight rows.
 */
final class Buckets {
    private final double valueAlpha;
    private final int[] indices;
    private final double[] values;
    private final long[] lastSeen;
    private int count;

    Buckets(double valueAlpha, int capacity) {
        this.valueAlpha = valueAlpha;
        this.indices = new int[capacity];
        this.values = new double[capacity];
        this.lastSeen = new long[capacity];
    }

    int count() {
        return count;
    }

    boolean full() {
        return count == indices.length;
    }

    double value(int slot) {
        return values[slot];
    }

    /** The slot of the bucket, or {@code -(slot it would be inserted at) - 1}. */
    int find(int bucketIndex) {
        return Arrays.binarySearch(indices, 0, count, bucketIndex);
    }

    /** Adds a bucket at the slot {@link #find} pointed to; its first value is its value. */
    void insert(int slot, int bucketIndex, double value, long sample) {
        System.arraycopy(indices, slot, indices, slot + 1, count - slot);
        System.arraycopy(values, slot, values, slot + 1, count - slot);
        System.arraycopy(lastSeen, slot, lastSeen, slot + 1, count - slot);
        indices[slot] = bucketIndex;
        values[slot] = value;
        lastSeen[slot] = sample;
        count++;
    }

    void observe(int slot, double value, long sample) {
        values[slot] = (1 - valueAlpha) * values[slot] + valueAlpha * value;
        lastSeen[slot] = sample;
    }

    /** The slot seen longest ago; every slot was last seen at a different sample. */
    int leastRecentlySeen() {
        int oldest = 0;
        for (int slot = 1; slot < count; slot++) {
            if (lastSeen[slot] < lastSeen[oldest]) {
                oldest = slot;
            }
        }
        return oldest;
    }

    void remove(int slot) {
        System.arraycopy(indices, slot + 1, indices, slot, count - slot - 1);
        System.arraycopy(values, slot + 1, values, slot, count - slot - 1);
        System.arraycopy(lastSeen, slot + 1, lastSeen, slot, count - slot - 1);
        count--;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        for (int slot = 0; slot < count; slot++) {
            out.writeInt(indices[slot]);
            out.writeDouble(values[slot]);
            out.writeLong(lastSeen[slot]);
        }
    }

    static Buckets readFrom(DataInput in, double valueAlpha, int capacity) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > capacity) {
            throw new IOException(
                    "Classifier buckets " + count + " in snapshot, at most " + capacity);
        }
        Buckets buckets = new Buckets(valueAlpha, capacity);
        int previous = -1;
        for (int slot = 0; slot < count; slot++) {
            int index = in.readInt();
            if (index <= previous) {
                throw new IOException("Bucket indices out of order in snapshot: " + index);
            }
            buckets.indices[slot] = index;
            buckets.values[slot] = in.readDouble();
            buckets.lastSeen[slot] = in.readLong();
            previous = index;
        }
        buckets.count = count;
        return buckets;
    }

    /** Reads past the buckets of a format 1 or 2 snapshot; returns how many there were. */
    static int skipFormat2(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("Classifier buckets " + count + " in snapshot");
        }
        long bytes = (long) count * (Integer.BYTES + Double.BYTES);
        SnapshotInput.requireBytes(in, bytes, "classifier buckets");
        in.readFully(new byte[(int) bytes]);
        return count;
    }
}
