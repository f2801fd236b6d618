package io.pensu.flink.model.compact;

import java.util.Arrays;

/**
 * Per segment id, how many of its synapses come from the previous step's active cells, and the list
 * of the segments whose count reached a threshold this step.
 *
 * <p>A step starts without clearing the counts of the last one: every count is stored above the
 * step's base, which rises by more than any count can reach, so a value below the base is an
 * earlier step's and reads as zero. The step then only visits the segments its active cells feed,
 * once each synapse, and the temporal memory reads just the few that reached the threshold instead
 * of every segment touched (thousands in an old model, of which a few dozen match).
 */
final class SegmentCounts {

    private final int threshold;

    /** More than any count: a segment has at most one synapse from each of the active cells. */
    private final int stride;

    private int[] values = new int[0];
    private int base;
    private int[] reached = new int[0];
    private int reachedCount;

    /**
     * @param threshold the count at which a segment is listed
     * @param mostActiveCells the most active cells a step can have
     */
    SegmentCounts(int threshold, int mostActiveCells) {
        this.threshold = threshold;
        this.stride = mostActiveCells + 1;
    }

    /** Every count back to zero, with room for segment ids below {@code segmentLimit}. */
    void startStep(int segmentLimit) {
        if (values.length < segmentLimit) {
            values = Arrays.copyOf(values, (int) Blocks.withSpareRoom(segmentLimit));
        }
        if (base > Integer.MAX_VALUE - 2 * stride) {
            Arrays.fill(values, 0);
            base = 0;
        }
        base += stride;
        reachedCount = 0;
    }

    /** Counts one more synapse of the segment from an active cell. */
    void add(int segment) {
        int value = Math.max(values[segment], base) + 1;
        values[segment] = value;
        if (value - base == threshold) {
            // A step lists a few dozen segments: room for every segment id would be 4 bytes each.
            if (reachedCount == reached.length) {
                reached = Arrays.copyOf(reached, Math.max(64, 2 * reachedCount));
            }
            reached[reachedCount++] = segment;
        }
    }

    int count(int segment) {
        return Math.max(values[segment], base) - base;
    }

    /** How many segments reached the threshold this step. */
    int reachedCount() {
        return reachedCount;
    }

    /** The {@code k}th segment that reached the threshold, in the order they reached it. */
    int reached(int k) {
        return reached[k];
    }
}
