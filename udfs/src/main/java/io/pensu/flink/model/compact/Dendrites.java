package io.pensu.flink.model.compact;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The temporal memory's distal segments and their synapses, in flat arrays.
 *
 * <p>A segment is an id into the {@code segment*} arrays; freed ids are reused, last freed first.
 * Its synapses are a block {@code [start, start + count)} of {@link #synapses}, each one int: the
 * presynaptic cell in the high 20 bits, the permanence units in the low 12. One int per synapse
 * halves what computing the segments' activity reads. A block that must grow moves to the end of
 * the arrays; when the end is reached, the holes this leaves are squeezed out. Positions never leak
 * into results: everything the algorithm sees is ordered by segment id and by synapse order within
 * a segment.
 */
final class Dendrites {

    private static final int FREE = -1;

    private final int maxSegmentsPerCell;
    private final int maxSynapsesPerSegment;
    private final char[] segmentsOfCell;

    private int[] segmentCell = new int[64];
    private int[] segmentLastUsed = new int[64];
    private int[] segmentStart = new int[64];
    private int[] segmentCount = new int[64];
    private int[] segmentCapacity = new int[64];
    private int segmentLimit;
    private int[] freeSegments = new int[16];
    private int freeCount;

    /** The most cells a network may have: cell indices take the synapses' high 20 bits. */
    static final int MAX_CELLS = 1 << 20;

    private static final int PERMANENCE_BITS = 12;
    private static final int PERMANENCE_MASK = (1 << PERMANENCE_BITS) - 1;

    int[] synapses = new int[1024];
    private int synapseEnd;
    private int holes;

    Dendrites(int cells, int maxSegmentsPerCell, int maxSynapsesPerSegment) {
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException(
                    "the compact engine supports at most "
                            + MAX_CELLS
                            + " cells (sp.columnCount x tm.cellsPerColumn)");
        }
        if (maxSegmentsPerCell > Character.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "model parameter 'tm.maxSegmentsPerCell' must be at most "
                            + (int) Character.MAX_VALUE);
        }
        this.maxSegmentsPerCell = maxSegmentsPerCell;
        this.maxSynapsesPerSegment = maxSynapsesPerSegment;
        this.segmentsOfCell = new char[cells];
    }

    /** One past the highest segment id in use; ids below it may be free. */
    int segmentLimit() {
        return segmentLimit;
    }

    boolean isLive(int segment) {
        return segmentCell[segment] != FREE;
    }

    int cell(int segment) {
        return segmentCell[segment];
    }

    int start(int segment) {
        return segmentStart[segment];
    }

    int count(int segment) {
        return segmentCount[segment];
    }

    int segmentsOf(int cell) {
        return segmentsOfCell[cell];
    }

    static int presynapticCell(int synapse) {
        return synapse >>> PERMANENCE_BITS;
    }

    static int permanence(int synapse) {
        return synapse & PERMANENCE_MASK;
    }

    static int withPermanence(int synapse, int permanenceUnits) {
        return synapse & ~PERMANENCE_MASK | permanenceUnits;
    }

    void markUsed(int segment, int iteration) {
        segmentLastUsed[segment] = iteration;
    }

    /**
     * A new, empty segment on {@code cell}; a cell that has its maximum of segments first loses its
     * least recently used one.
     */
    int createSegment(int cell, int iteration) {
        if (segmentsOfCell[cell] >= maxSegmentsPerCell) {
            destroySegment(leastRecentlyUsedSegment(cell));
        }
        int segment;
        if (freeCount > 0) {
            segment = freeSegments[--freeCount];
        } else {
            if (segmentLimit == segmentCell.length) {
                growSegmentArrays();
            }
            segment = segmentLimit++;
        }
        segmentCell[segment] = cell;
        segmentLastUsed[segment] = iteration;
        segmentStart[segment] = 0;
        segmentCount[segment] = 0;
        segmentCapacity[segment] = 0;
        segmentsOfCell[cell]++;
        return segment;
    }

    private int leastRecentlyUsedSegment(int cell) {
        int oldest = FREE;
        for (int s = 0; s < segmentLimit; s++) {
            if (segmentCell[s] == cell
                    && (oldest == FREE || segmentLastUsed[s] < segmentLastUsed[oldest])) {
                oldest = s;
            }
        }
        return oldest;
    }

    void destroySegment(int segment) {
        segmentsOfCell[segmentCell[segment]]--;
        holes += segmentCapacity[segment];
        segmentCell[segment] = FREE;
        segmentCount[segment] = 0;
        segmentCapacity[segment] = 0;
        if (freeCount == freeSegments.length) {
            freeSegments = Arrays.copyOf(freeSegments, Math.max(16, freeCount * 2));
        }
        freeSegments[freeCount++] = segment;
    }

    /**
     * Makes room for {@code more} synapses on the segment, exactly: segments grow rarely, and spare
     * room would be held by every segment.
     */
    void reserve(int segment, int more) {
        int needed = segmentCount[segment] + more;
        if (needed > segmentCapacity[segment]) {
            moveToEnd(segment, Math.min(maxSynapsesPerSegment, needed));
        }
    }

    /** Adds a synapse; {@link #reserve} must have made room for it. */
    void addSynapse(int segment, int presynaptic, int permanenceUnits) {
        int count = segmentCount[segment];
        synapses[segmentStart[segment] + count] = presynaptic << PERMANENCE_BITS | permanenceUnits;
        segmentCount[segment] = count + 1;
    }

    /** Removes the synapse at {@code index} within the segment, keeping the others' order. */
    void removeSynapse(int segment, int index) {
        int start = segmentStart[segment];
        int last = start + --segmentCount[segment];
        System.arraycopy(
                synapses, start + index + 1, synapses, start + index, last - start - index);
    }

    private void moveToEnd(int segment, int capacity) {
        int start = segmentStart[segment];
        int count = segmentCount[segment];
        if (start + segmentCapacity[segment] == synapseEnd && start + capacity <= synapses.length) {
            // Already the last block: grow in place.
            synapseEnd = start + capacity;
        } else {
            if (synapseEnd + capacity > synapses.length) {
                makeRoom(capacity);
                start = segmentStart[segment];
            }
            System.arraycopy(synapses, start, synapses, synapseEnd, count);
            holes += segmentCapacity[segment];
            segmentStart[segment] = synapseEnd;
            synapseEnd += capacity;
        }
        segmentCapacity[segment] = capacity;
    }

    /**
     * Squeezes out the holes into arrays with a quarter of headroom: the copy costs as much as the
     * quarter's worth of allocations that lead to the next one.
     */
    private void makeRoom(int capacity) {
        int needed = synapseEnd - holes + capacity;
        compact(needed + needed / 4);
    }

    /** Copies the live blocks, in segment order, to the front of new arrays of this length. */
    private void compact(int length) {
        int[] moved = new int[length];
        int end = 0;
        for (int s = 0; s < segmentLimit; s++) {
            if (segmentCell[s] != FREE) {
                System.arraycopy(synapses, segmentStart[s], moved, end, segmentCount[s]);
                segmentStart[s] = end;
                segmentCapacity[s] = segmentCount[s];
                end += segmentCount[s];
            }
        }
        synapses = moved;
        synapseEnd = end;
        holes = 0;
    }

    private void growSegmentArrays() {
        int length = Math.max(64, segmentCell.length * 2);
        segmentCell = Arrays.copyOf(segmentCell, length);
        segmentLastUsed = Arrays.copyOf(segmentLastUsed, length);
        segmentStart = Arrays.copyOf(segmentStart, length);
        segmentCount = Arrays.copyOf(segmentCount, length);
        segmentCapacity = Arrays.copyOf(segmentCapacity, length);
    }

    /** Number of live synapses. */
    int synapseCount() {
        int total = 0;
        for (int s = 0; s < segmentLimit; s++) {
            total += segmentCount[s];
        }
        return total;
    }

    /**
     * Writes segment ids exactly (the free list too): ids order ties in the algorithm, so a
     * restored network must hand out the same ids as the original. Synapses follow in segment
     * order.
     */
    void writeTo(DataOutput out) throws IOException {
        PackedArrays.writeInts(out, segmentCell, 0, segmentLimit);
        PackedArrays.writeInts(out, segmentLastUsed, 0, segmentLimit);
        PackedArrays.writeInts(out, segmentCount, 0, segmentLimit);
        PackedArrays.writeInts(out, freeSegments, 0, freeCount);
        compact(synapseEnd - holes);
        PackedArrays.writeInts(out, synapses, 0, synapseEnd);
    }

    void readFrom(DataInput in) throws IOException {
        segmentCell = PackedArrays.readInts(in);
        segmentLastUsed = PackedArrays.readInts(in);
        segmentCount = PackedArrays.readInts(in);
        freeSegments = PackedArrays.readInts(in);
        synapses = PackedArrays.readInts(in);
        segmentLimit = segmentCell.length;
        freeCount = freeSegments.length;
        synapseEnd = synapses.length;
        if (segmentLastUsed.length != segmentLimit || segmentCount.length != segmentLimit) {
            throw new IOException("temporal memory snapshot is inconsistent");
        }
        segmentStart = new int[segmentLimit];
        segmentCapacity = new int[segmentLimit];
        int end = 0;
        for (int s = 0; s < segmentLimit; s++) {
            segmentStart[s] = end;
            segmentCapacity[s] = segmentCount[s];
            end += segmentCount[s];
            if (segmentCell[s] != FREE) {
                segmentsOfCell[segmentCell[s]]++;
            }
        }
        if (end != synapseEnd) {
            throw new IOException("temporal memory snapshot is inconsistent");
        }
    }
}
