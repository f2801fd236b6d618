package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The most recent (metric value, raw anomaly score) pairs, at most {@code capacity} of them, oldest
 * first. The ring buffers start small and grow up to the capacity, so that the many young or rarely
 * reporting metrics do not each pay for a full month of history.
 */
final class ScoreHistory {
    private static final int INITIAL_LENGTH = 64;
    private static final int PAIR_BYTES = 2 * Double.BYTES;

    private final int capacity;
    private double[] values;
    private double[] scores;
    private int oldest;
    private int size;

    ScoreHistory(int capacity) {
        this(capacity, Math.min(capacity, INITIAL_LENGTH));
    }

    private ScoreHistory(int capacity, int length) {
        this.capacity = capacity;
        this.values = new double[length];
        this.scores = new double[length];
    }

    void append(double value, double score) {
        if (size == values.length && size < capacity) {
            grow();
        }
        int slot;
        if (size < values.length) {
            slot = (oldest + size) % values.length;
            size++;
        } else {
            slot = oldest;
            oldest = (oldest + 1) % values.length;
        }
        values[slot] = value;
        scores[slot] = score;
    }

    int size() {
        return size;
    }

    /** Metric values, oldest first. */
    double[] values() {
        return inOrder(values);
    }

    /** Raw anomaly scores, oldest first. */
    double[] scores() {
        return inOrder(scores);
    }

    private void grow() {
        int length = (int) Math.min(capacity, 2L * values.length);
        values = copyInOrder(values, length);
        scores = copyInOrder(scores, length);
        oldest = 0;
    }

    private double[] inOrder(double[] ring) {
        return copyInOrder(ring, size);
    }

    private double[] copyInOrder(double[] ring, int length) {
        double[] copy = new double[length];
        int firstPart = Math.min(size, ring.length - oldest);
        System.arraycopy(ring, oldest, copy, 0, firstPart);
        System.arraycopy(ring, 0, copy, firstPart, size - firstPart);
        return copy;
    }

    /** The pairs oldest first, each value before its score; in one block, not double by double. */
    void writeTo(DataOutput out) throws IOException {
        ByteBuffer pairs = ByteBuffer.allocate(size * PAIR_BYTES);
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % values.length;
            pairs.putDouble(values[slot]).putDouble(scores[slot]);
        }
        out.writeInt(size);
        out.write(pairs.array());
    }

    static ScoreHistory readFrom(DataInput in, int capacity) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > capacity) {
            throw new IOException(
                    "History of " + size + " records does not fit a window of " + capacity);
        }
        ScoreHistory history =
                new ScoreHistory(capacity, Math.max(size, Math.min(capacity, INITIAL_LENGTH)));
        byte[] bytes = new byte[size * PAIR_BYTES];
        in.readFully(bytes);
        ByteBuffer pairs = ByteBuffer.wrap(bytes);
        for (int i = 0; i < size; i++) {
            history.values[i] = pairs.getDouble();
            history.scores[i] = pairs.getDouble();
        }
        history.size = size;
        return history;
    }
}
