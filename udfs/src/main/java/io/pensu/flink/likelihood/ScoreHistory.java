package io.pensu.flink.likelihood;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The most recent (metric value, raw anomaly score) pairs, at most {@code capacity} of them, oldest
 * first. The ring buffers start small and grow up to the capacity, so that the many young or rarely
 * reporting metrics do not each pay for a full month of history. Values are kept as doubles, read
 * in full at each re-estimation; scores as codes (see {@link ScoreColumn}).
 */
final class ScoreHistory {
    private static final int INITIAL_LENGTH = 64;
    private static final int PAIR_BYTES = 2 * Double.BYTES;

    private final int capacity;
    private double[] values;
    private final ScoreColumn scores;
    private int oldest;
    private int size;

    ScoreHistory(int capacity) {
        this(capacity, Math.min(capacity, INITIAL_LENGTH));
    }

    private ScoreHistory(int capacity, int length) {
        this(capacity, new double[length], new ScoreColumn(length));
    }

    private ScoreHistory(int capacity, double[] values, ScoreColumn scores) {
        this.capacity = capacity;
        this.values = values;
        this.scores = scores;
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
        scores.set(slot, score);
    }

    int size() {
        return size;
    }

    /** Metric values, oldest first. */
    double[] values() {
        return RingArrays.unrolled(values, values.length, oldest, size, new double[size]);
    }

    /** Raw anomaly scores, oldest first. */
    double[] scores() {
        return scores.inOrder(oldest, size);
    }

    private void grow() {
        int length = (int) Math.min(capacity, 2L * values.length);
        values = RingArrays.unrolled(values, values.length, oldest, size, new double[length]);
        scores.unroll(oldest, size, length);
        oldest = 0;
    }

    /** The size, the values (see {@link DecimalDeltas}), then the scores, oldest first. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        DecimalDeltas.write(out, values());
        scores.writeTo(out, oldest, size);
    }

    static ScoreHistory readFrom(DataInput in, int capacity) throws IOException {
        int size = readSize(in, capacity);
        double[] values = new double[initialLength(size, capacity)];
        DecimalDeltas.read(in, values, size);
        ScoreColumn scores = ScoreColumn.readFrom(in, size, values.length);
        ScoreHistory history = new ScoreHistory(capacity, values, scores);
        history.size = size;
        return history;
    }

    /** Reads the first format: the pairs oldest first, each value before its score, as doubles. */
    static ScoreHistory readFormat1(DataInput in, int capacity) throws IOException {
        int size = readSize(in, capacity);
        SnapshotInput.requireBytes(in, (long) size * PAIR_BYTES, "anomaly score history");
        byte[] bytes = new byte[size * PAIR_BYTES];
        in.readFully(bytes);
        ByteBuffer pairs = ByteBuffer.wrap(bytes);
        ScoreHistory history = new ScoreHistory(capacity, initialLength(size, capacity));
        for (int i = 0; i < size; i++) {
            history.append(pairs.getDouble(), pairs.getDouble());
        }
        return history;
    }

    private static int readSize(DataInput in, int capacity) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > capacity) {
            throw new IOException(
                    "History of " + size + " records does not fit a window of " + capacity);
        }
        return size;
    }

    private static int initialLength(int size, int capacity) {
        return Math.max(size, Math.min(capacity, INITIAL_LENGTH));
    }
}
