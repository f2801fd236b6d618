package io.pensu.flink.likelihood;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The most recent (metric value, raw anomaly score) pairs, at most {@code capacity} of them, oldest
 * first. The ring of scores starts small and grows up to the capacity, so that the many young or
 * rarely reporting metrics do not each pay for a full month of history; scores are kept as codes
 * (see {@link ScoreColumn}). Values are only read by the flat-metric test, which needs only the
 * newest of them that lie within a narrow range (see {@link NarrowTail}).
 */
final class ScoreHistory {
    private static final int INITIAL_LENGTH = 64;
    private static final int PAIR_BYTES = 2 * Double.BYTES;

    private final int capacity;
    private final NarrowTail values;
    private final ScoreColumn scores;
    private int oldest;
    private int size;

    ScoreHistory(int capacity) {
        this(capacity, newTail(capacity), new ScoreColumn(Math.min(capacity, INITIAL_LENGTH)));
    }

    private ScoreHistory(int capacity, NarrowTail values, ScoreColumn scores) {
        this.capacity = capacity;
        this.values = values;
        this.scores = scores;
    }

    void append(double value, double score) {
        int length = scores.length();
        if (size == length && size < capacity) {
            grow();
            length = scores.length();
        }
        int slot;
        if (size < length) {
            slot = (oldest + size) % length;
            size++;
        } else {
            slot = oldest;
            oldest = (oldest + 1) % length;
        }
        values.append(value);
        scores.set(slot, score);
    }

    int size() {
        return size;
    }

    /**
     * Whether the values from the {@code skip}th oldest on are a flat metric's: their population
     * variance, computed as over all of them, is below {@link LikelihoodEstimator#FLAT_VARIANCE}.
     */
    boolean isFlat(int skip) {
        return values.isFlat(size - skip);
    }

    /** The number of values {@link #isFlat} still reads, of {@link #size}. */
    int valuesKept() {
        return values.size();
    }

    /** Raw anomaly scores, oldest first. */
    double[] scores() {
        return scores.inOrder(oldest, size);
    }

    private void grow() {
        int length = (int) Math.min(capacity, 2L * scores.length());
        scores.unroll(oldest, size, length);
        oldest = 0;
    }

    /** The size, the scores oldest first, then the values {@link #isFlat} still reads. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(size);
        scores.writeTo(out, oldest, size);
        values.writeTo(out);
    }

    static ScoreHistory readFrom(DataInput in, int capacity) throws IOException {
        int size = readSize(in, capacity);
        ScoreColumn scores = ScoreColumn.readFrom(in, size, initialLength(size, capacity));
        NarrowTail values = NarrowTail.readFrom(in, capacity, LikelihoodEstimator.FLAT_VARIANCE);
        if (values.size() > size) {
            throw new IOException(
                    values.size() + " values in a history of " + size + " in snapshot");
        }
        return restored(capacity, values, scores, size);
    }

    /** Reads the second format: the size, every value (see {@link DecimalDeltas}), the scores. */
    static ScoreHistory readFormat2(DataInput in, int capacity) throws IOException {
        int size = readSize(in, capacity);
        double[] values = new double[size];
        DecimalDeltas.read(in, values, size);
        ScoreColumn scores = ScoreColumn.readFrom(in, size, initialLength(size, capacity));
        return restored(
                capacity,
                NarrowTail.of(values, capacity, LikelihoodEstimator.FLAT_VARIANCE),
                scores,
                size);
    }

    private static ScoreHistory restored(
            int capacity, NarrowTail values, ScoreColumn scores, int size) {
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
        ScoreHistory history =
                new ScoreHistory(
                        capacity,
                        newTail(capacity),
                        new ScoreColumn(initialLength(size, capacity)));
        for (int i = 0; i < size; i++) {
            history.append(pairs.getDouble(), pairs.getDouble());
        }
        return history;
    }

    private static NarrowTail newTail(int capacity) {
        return new NarrowTail(capacity, LikelihoodEstimator.FLAT_VARIANCE);
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
