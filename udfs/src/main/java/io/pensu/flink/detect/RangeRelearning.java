package io.pensu.flink.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Tells a model when to relearn its encoder range, and keeps the recent samples to relearn it from.
 * The range is learned from a metric's first samples; a metric that later moves for good beyond one
 * learned range from either end (a new release, a resized disk, a busier season) falls into the
 * encoder's edge buckets, where all its values look alike and nothing more can be learned or told
 * apart. A single excursion is an anomaly, not a move: only when a share of the last samples (as
 * many as the range was first learned from) fell beyond the range is it relearned from them.
 */
final class RangeRelearning {

    private final double share;
    private final long[] wallClockMillis;
    private final double[] values;
    private final boolean[] beyond;
    private int oldest;
    private int size;
    private int beyondCount;

    private RangeRelearning(double share, int capacity) {
        this.share = share;
        this.wallClockMillis = new long[capacity];
        this.values = new double[capacity];
        this.beyond = new boolean[capacity];
    }

    /**
     * Relearns when {@code share} of the last {@code samples} fell beyond the range (model
     * parameter {@code encoder.relearnShare}); 0 never does, and keeps no samples.
     */
    static RangeRelearning after(double share, int samples) {
        return new RangeRelearning(share, share == 0 ? 0 : samples);
    }

    /** Never relearns: models restored from snapshots written before relearning existed. */
    static RangeRelearning never() {
        return after(0, 0);
    }

    /** Keeps the sample; true when the range should be relearned from {@link #values()} now. */
    boolean due(long wallClockMillis, double value, boolean beyondRange) {
        if (values.length == 0) {
            return false;
        }
        int slot;
        if (size < values.length) {
            slot = size++;
        } else {
            slot = oldest;
            oldest = (oldest + 1) % values.length;
            beyondCount -= beyond[slot] ? 1 : 0;
        }
        this.wallClockMillis[slot] = wallClockMillis;
        this.values[slot] = value;
        this.beyond[slot] = beyondRange;
        beyondCount += beyondRange ? 1 : 0;
        return size == values.length && beyondCount >= share * values.length;
    }

    /** The kept samples are all within the relearned range. */
    void relearned() {
        java.util.Arrays.fill(beyond, false);
        beyondCount = 0;
    }

    /** Wall-clock times of the kept samples, oldest first. */
    long[] wallClockMillis() {
        long[] inOrder = new long[size];
        for (int i = 0; i < size; i++) {
            inOrder[i] = wallClockMillis[(oldest + i) % wallClockMillis.length];
        }
        return inOrder;
    }

    /** Values of the kept samples, oldest first. */
    double[] values() {
        double[] inOrder = new double[size];
        for (int i = 0; i < size; i++) {
            inOrder[i] = values[(oldest + i) % values.length];
        }
        return inOrder;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(share);
        out.writeInt(values.length);
        out.writeInt(size);
        long[] times = wallClockMillis();
        double[] kept = values();
        for (int i = 0; i < size; i++) {
            out.writeLong(times[i]);
            out.writeDouble(kept[i]);
            out.writeBoolean(beyond[(oldest + i) % beyond.length]);
        }
    }

    static RangeRelearning readFrom(DataInput in) throws IOException {
        double share = in.readDouble();
        int capacity = in.readInt();
        int size = in.readInt();
        if (!(share >= 0 && share <= 1) || capacity < 0 || size < 0 || size > capacity) {
            throw new IOException(
                    "range relearning state "
                            + share
                            + ", "
                            + size
                            + " of "
                            + capacity
                            + " is invalid");
        }
        RangeRelearning relearning = new RangeRelearning(share, capacity);
        for (int i = 0; i < size; i++) {
            relearning.wallClockMillis[i] = in.readLong();
            relearning.values[i] = in.readDouble();
            relearning.beyond[i] = in.readBoolean();
            relearning.beyondCount += relearning.beyond[i] ? 1 : 0;
        }
        relearning.size = size;
        return relearning;
    }
}
