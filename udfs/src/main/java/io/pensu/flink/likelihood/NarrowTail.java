package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The newest metric values of a history that the flat-metric test can still need: the longest run
 * of newest values whose range is below {@code width}, at most the history's capacity.
 *
 * <p>The test asks whether the variance of the history's newest {@code m} values, {@code m} at most
 * the capacity, is below a threshold {@code t}. Values of range {@code r} have a variance of at
 * least {@code r^2 / (2m)}, so a run whose range is at least {@code width = sqrt(4 x capacity x t)}
 * has twice the threshold's variance: it is not flat, nor is any longer run, and the computed
 * variance is not either (rounding moves the two-pass variance by a relative 1e-12 at most, and a
 * rounded mean only makes it larger). A value older than the tail is in no window that can be flat
 * any more, now or later (a later window holds it and every newer value), so it is not kept: a
 * noisy metric keeps a few values instead of a month of them, and a flat one all of them, exactly.
 */
final class NarrowTail {
    private static final int MIN_LENGTH = 16;

    private final int capacity;
    private final double flatVariance;
    private final double width;
    private double[] ring;
    private int oldest;
    private int count;

    /** Bounds of the kept values, perhaps wider than they are since a value left the window. */
    private double low;

    private double high;

    NarrowTail(int capacity, double flatVariance) {
        this(capacity, flatVariance, new double[Math.min(capacity, MIN_LENGTH)]);
    }

    private NarrowTail(int capacity, double flatVariance, double[] ring) {
        this.capacity = capacity;
        this.flatVariance = flatVariance;
        this.width = Math.sqrt(4.0 * capacity * flatVariance);
        this.ring = ring;
    }

    /** Appends the history's newest value and drops the values no flat window can hold. */
    void append(double value) {
        if (count == capacity) {
            oldest = next(oldest);
            count--;
        } else if (count == ring.length) {
            resize(Math.min(capacity, 2 * ring.length));
        }
        ring[(oldest + count) % ring.length] = value;
        count++;
        if (count == 1) {
            low = value;
            high = value;
        } else if (value < low || value > high) {
            double newLow = Math.min(low, value);
            double newHigh = Math.max(high, value);
            if (newHigh - newLow < width) {
                low = newLow;
                high = newHigh;
            } else {
                keepNarrowRun();
            }
        }
    }

    /** Keeps the longest run of newest values narrower than the width, with exact bounds. */
    private void keepNarrowRun() {
        int newest = (oldest + count - 1) % ring.length;
        double runLow = ring[newest];
        double runHigh = runLow;
        int kept = 1;
        for (int slot = previous(newest); kept < count; slot = previous(slot), kept++) {
            double candidateLow = Math.min(runLow, ring[slot]);
            double candidateHigh = Math.max(runHigh, ring[slot]);
            if (candidateHigh - candidateLow >= width) {
                break;
            }
            runLow = candidateLow;
            runHigh = candidateHigh;
        }
        oldest = (oldest + count - kept) % ring.length;
        count = kept;
        low = runLow;
        high = runHigh;
        if (count <= ring.length / 4 && ring.length > MIN_LENGTH) {
            resize(Math.max(MIN_LENGTH, ring.length / 2));
        }
    }

    /**
     * Whether the population variance of the history's newest {@code windowSize} values, computed
     * as over all of them, is below the flat variance: a window longer than the tail is not flat.
     */
    boolean isFlat(int windowSize) {
        if (windowSize > count) {
            return false;
        }
        int windowStart = (oldest + count - windowSize) % ring.length;
        double[] window =
                RingArrays.unrolled(
                        ring, ring.length, windowStart, windowSize, new double[windowSize]);
        return NormalDistribution.populationVariance(window, 0) < flatVariance;
    }

    int size() {
        return count;
    }

    private int next(int slot) {
        return slot + 1 == ring.length ? 0 : slot + 1;
    }

    private int previous(int slot) {
        return slot == 0 ? ring.length - 1 : slot - 1;
    }

    private void resize(int length) {
        ring = RingArrays.unrolled(ring, ring.length, oldest, count, new double[length]);
        oldest = 0;
    }

    /** The kept values, oldest first (see {@link DecimalDeltas}). */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        DecimalDeltas.write(
                out, RingArrays.unrolled(ring, ring.length, oldest, count, new double[count]));
    }

    static NarrowTail readFrom(DataInput in, int capacity, double flatVariance) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > capacity) {
            throw new IOException(
                    "Tail of " + count + " values does not fit a window of " + capacity);
        }
        double[] values = new double[count];
        DecimalDeltas.read(in, values, count);
        return of(values, capacity, flatVariance);
    }

    /** The tail of a history of these values, oldest first. */
    static NarrowTail of(double[] values, int capacity, double flatVariance) {
        NarrowTail tail = new NarrowTail(capacity, flatVariance);
        for (double value : values) {
            tail.append(value);
        }
        return tail;
    }
}
