package io.pensu.flink.model.compact;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The temporal memory's distal segments and their synapses, in flat arrays, with an index from
 * presynaptic column to the synapses it feeds.
 *
 * <p>A segment is an id into the {@code segment*} arrays; freed ids are reused, last freed first.
 * Its synapses are the segment's list in {@link #synapses}, each one int: the presynaptic cell in
 * the high 20 bits, the permanence units in the low 12. Positions never leak into results:
 * everything the algorithm sees is ordered by segment id and by synapse order within a segment.
 *
 * <p>The index lets a step visit only the synapses from the previous step's active cells instead of
 * all synapses. It is one list per column rather than per cell (2048 lists cost less than 65,536),
 * each entry the presynaptic cell's place in its column above the segment id, kept in ascending
 * order: a cell's synapses are then one range of its column's list, found by binary search, and a
 * bursting column's are the whole list. It holds no permanences (they change on every learning
 * step), and it is derived: a snapshot does not store it.
 */
final class Dendrites {

    private static final int FREE = -1;

    /** The most cells a network may have: cell indices take the synapses' high 20 bits. */
    static final int MAX_CELLS = 1 << 20;

    private static final int PERMANENCE_BITS = 12;
    private static final int PERMANENCE_MASK = (1 << PERMANENCE_BITS) - 1;

    private final int cells;
    private final int cellsPerColumn;
    private final int segmentBits;
    private final int maxSegmentsPerCell;
    private final int maxSynapsesPerSegment;
    private final char[] segmentsOfCell;

    private int[] segmentCell = new int[64];
    private int[] segmentLastUsed = new int[64];
    private int segmentLimit;
    private int[] freeSegments = new int[16];
    private int freeCount;
    private int synapseCount;

    private final IntBlocks synapses = new IntBlocks(0, false);
    private final IntBlocks synapsesFromColumn;

    Dendrites(int columns, int cellsPerColumn, int maxSegmentsPerCell, int maxSynapsesPerSegment) {
        long cells = (long) columns * cellsPerColumn;
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
        int cellBits = 32 - Integer.numberOfLeadingZeros(cellsPerColumn - 1);
        this.segmentBits = 31 - cellBits;
        if (cells * maxSegmentsPerCell > 1L << segmentBits) {
            throw new IllegalArgumentException(
                    "the compact engine supports at most 2^31 sp.columnCount x tm.cellsPerColumn"
                            + " x tm.maxSegmentsPerCell x tm.cellsPerColumn");
        }
        this.cells = (int) cells;
        this.cellsPerColumn = cellsPerColumn;
        this.maxSegmentsPerCell = maxSegmentsPerCell;
        this.maxSynapsesPerSegment = maxSynapsesPerSegment;
        this.segmentsOfCell = new char[this.cells];
        this.synapsesFromColumn = new IntBlocks(columns, true);
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

    /** The array holding every segment's synapses; valid until the next synapse is added. */
    int[] synapses() {
        return synapses.values;
    }

    int start(int segment) {
        return synapses.start(segment);
    }

    int count(int segment) {
        return synapses.count(segment);
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
     * Counts, for every segment with a synapse from an active cell, how many it has: adds them to
     * {@code potential[segment]} and lists each such segment once in {@code touched}, in no
     * particular order.
     *
     * @param activeCells the active cells, ascending
     * @param activeCount how many of {@code activeCells} are set
     * @param potential per segment id, zero for every segment on entry
     * @param touched room for {@link #segmentLimit} segment ids
     * @return how many segments {@code touched} lists
     */
    int countActiveSynapses(int[] activeCells, int activeCount, int[] potential, int[] touched) {
        int touchedCount = 0;
        int segmentMask = (1 << segmentBits) - 1;
        int[] entries = synapsesFromColumn.values;
        int k = 0;
        while (k < activeCount) {
            int column = activeCells[k] / cellsPerColumn;
            int columnEnd = k + 1;
            while (columnEnd < activeCount && activeCells[columnEnd] / cellsPerColumn == column) {
                columnEnd++;
            }
            int from;
            int to;
            if (columnEnd - k == cellsPerColumn) {
                // A bursting column: every synapse from it counts.
                from = synapsesFromColumn.start(column);
                to = from + synapsesFromColumn.count(column);
                touchedCount =
                        count(entries, from, to, segmentMask, potential, touched, touchedCount);
            } else {
                for (int j = k; j < columnEnd; j++) {
                    int offset = activeCells[j] - column * cellsPerColumn;
                    from = synapsesFromColumn.lowerBound(column, offset << segmentBits);
                    // The last cell's range ends the list (its successor's key would overflow).
                    to =
                            offset == cellsPerColumn - 1
                                    ? synapsesFromColumn.start(column)
                                            + synapsesFromColumn.count(column)
                                    : synapsesFromColumn.lowerBound(
                                            column, offset + 1 << segmentBits);
                    touchedCount =
                            count(entries, from, to, segmentMask, potential, touched, touchedCount);
                }
            }
            k = columnEnd;
        }
        return touchedCount;
    }

    private static int count(
            int[] entries,
            int from,
            int to,
            int segmentMask,
            int[] potential,
            int[] touched,
            int touchedCount) {
        for (int i = from; i < to; i++) {
            int segment = entries[i] & segmentMask;
            if (potential[segment]++ == 0) {
                touched[touchedCount++] = segment;
            }
        }
        return touchedCount;
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
            synapses.ensureOwners(segmentLimit);
        }
        segmentCell[segment] = cell;
        segmentLastUsed[segment] = iteration;
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

    /** Destroys the segment and its synapses. */
    void destroySegment(int segment) {
        for (int i = count(segment) - 1; i >= 0; i--) {
            unindex(segment, synapses.values[start(segment) + i]);
        }
        synapseCount -= count(segment);
        segmentsOfCell[segmentCell[segment]]--;
        segmentCell[segment] = FREE;
        synapses.clear(segment);
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
        synapses.reserve(segment, Math.min(maxSynapsesPerSegment, count(segment) + more));
    }

    /** Adds a synapse; {@link #reserve} must have made room for it. */
    void addSynapse(int segment, int presynaptic, int permanenceUnits) {
        synapses.add(segment, presynaptic << PERMANENCE_BITS | permanenceUnits);
        index(segment, presynaptic);
        synapseCount++;
    }

    /** Removes the synapse at {@code index} within the segment, keeping the others' order. */
    void removeSynapse(int segment, int index) {
        unindex(segment, synapses.values[start(segment) + index]);
        synapses.removeAt(segment, index);
        synapseCount--;
    }

    private void index(int segment, int presynaptic) {
        synapsesFromColumn.insertSorted(
                presynaptic / cellsPerColumn, indexEntry(segment, presynaptic));
    }

    private void unindex(int segment, int synapse) {
        int presynaptic = presynapticCell(synapse);
        synapsesFromColumn.removeSorted(
                presynaptic / cellsPerColumn, indexEntry(segment, presynaptic));
    }

    private int indexEntry(int segment, int presynaptic) {
        return presynaptic % cellsPerColumn << segmentBits | segment;
    }

    private void growSegmentArrays() {
        int length = Math.max(64, segmentCell.length * 2);
        segmentCell = Arrays.copyOf(segmentCell, length);
        segmentLastUsed = Arrays.copyOf(segmentLastUsed, length);
    }

    /** Number of live synapses. */
    int synapseCount() {
        return synapseCount;
    }

    /**
     * Once the synapses exceed {@code budget} (0: no budget), destroys the least useful segments
     * until a tenth of the budget is free again. First those that learned nothing since they were
     * grown (no synapse stronger than {@code initialPermanence}: a context seen once and not
     * again), oldest first; then the least recently used (ties: lowest id). Evicting by recency
     * alone destroyed the long-learned contexts of a series whose recent bursts had filled the
     * budget with segments that never matched again. The tenth spares most steps the search.
     */
    void keepWithin(int budget, int initialPermanence) {
        if (budget == 0 || synapseCount <= budget) {
            return;
        }
        long[] byUsefulness = new long[segmentLimit];
        int live = 0;
        for (int s = 0; s < segmentLimit; s++) {
            if (segmentCell[s] != FREE) {
                long learned = hasLearned(s, initialPermanence) ? 1L << 62 : 0;
                byUsefulness[live++] = learned | (long) segmentLastUsed[s] << 31 | s;
            }
        }
        Arrays.sort(byUsefulness, 0, live);
        int target = budget - budget / 10;
        for (int k = 0; k < live && synapseCount > target; k++) {
            destroySegment((int) (byUsefulness[k] & Integer.MAX_VALUE));
        }
    }

    private boolean hasLearned(int segment, int initialPermanence) {
        for (int i = start(segment), end = i + count(segment); i < end; i++) {
            if (permanence(synapses.values[i]) > initialPermanence) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes segment ids exactly (the free list too): ids order ties in the algorithm, so a
     * restored network must hand out the same ids as the original. Every array is bit-packed at the
     * width its largest value needs; permanences, which take few distinct values in the temporal
     * memory (its increments are large), are written as indices into the list of those values.
     */
    void writeTo(DataOutput out) throws IOException {
        int[] cellPlusOne = new int[segmentLimit];
        int[] counts = new int[segmentLimit];
        for (int s = 0; s < segmentLimit; s++) {
            cellPlusOne[s] = segmentCell[s] + 1;
            counts[s] = count(s);
        }
        PackedArrays.writePacked(out, cellPlusOne, 0, segmentLimit);
        PackedArrays.writePacked(out, segmentLastUsed, 0, segmentLimit);
        PackedArrays.writePacked(out, counts, 0, segmentLimit);
        PackedArrays.writePacked(out, freeSegments, 0, freeCount);
        int[] packed = synapses.packed();
        int total = packed.length;
        int[] presynaptic = new int[total];
        int[] permanenceIndex = new int[total];
        int[] indexOf = new int[PERMANENCE_MASK + 1];
        for (int i = 0; i < total; i++) {
            indexOf[permanence(packed[i])] = 1;
        }
        int[] distinct = new int[PERMANENCE_MASK + 1];
        int distinctCount = 0;
        for (int units = 0; units <= PERMANENCE_MASK; units++) {
            if (indexOf[units] != 0) {
                indexOf[units] = distinctCount;
                distinct[distinctCount++] = units;
            }
        }
        for (int i = 0; i < total; i++) {
            presynaptic[i] = presynapticCell(packed[i]);
            permanenceIndex[i] = indexOf[permanence(packed[i])];
        }
        PackedArrays.writePacked(out, distinct, 0, distinctCount);
        PackedArrays.writePacked(out, presynaptic, 0, total);
        PackedArrays.writePacked(out, permanenceIndex, 0, total);
    }

    /** Reads what {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        int[] cellPlusOne = PackedArrays.readPacked(in);
        int[] lastUsed = PackedArrays.readPacked(in);
        int[] counts = PackedArrays.readPacked(in);
        int[] free = PackedArrays.readPacked(in);
        int[] distinct = PackedArrays.readPacked(in);
        int[] presynaptic = PackedArrays.readPacked(in);
        int[] permanenceIndex = PackedArrays.readPacked(in);
        if (presynaptic.length != permanenceIndex.length) {
            throw new IOException("temporal memory snapshot is inconsistent");
        }
        int[] packed = new int[presynaptic.length];
        for (int i = 0; i < packed.length; i++) {
            if (permanenceIndex[i] >= distinct.length || distinct[permanenceIndex[i]] > 0xFFF) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
            packed[i] = presynaptic[i] << PERMANENCE_BITS | distinct[permanenceIndex[i]];
        }
        for (int s = 0; s < cellPlusOne.length; s++) {
            cellPlusOne[s]--;
        }
        restore(cellPlusOne, lastUsed, counts, free, packed);
    }

    /**
     * Reads the first snapshot format: segment arrays and synapses as plain ints, synapses already
     * in their in-memory form.
     */
    void readFormat1From(DataInput in) throws IOException {
        int[] cell = PackedArrays.readInts(in);
        int[] lastUsed = PackedArrays.readInts(in);
        int[] counts = PackedArrays.readInts(in);
        int[] free = PackedArrays.readInts(in);
        restore(cell, lastUsed, counts, free, PackedArrays.readInts(in));
    }

    private void restore(int[] cell, int[] lastUsed, int[] counts, int[] free, int[] packed)
            throws IOException {
        int limit = cell.length;
        if (lastUsed.length != limit
                || counts.length != limit
                || Arrays.stream(counts).asLongStream().sum() != packed.length) {
            throw new IOException("temporal memory snapshot is inconsistent");
        }
        segmentCell = cell;
        segmentLastUsed = lastUsed;
        segmentLimit = limit;
        freeSegments = free;
        freeCount = free.length;
        synapses.unpack(counts, packed);
        synapseCount = packed.length;
        for (int s = 0; s < limit; s++) {
            if (cell[s] < FREE || cell[s] >= cells) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
            if (cell[s] != FREE) {
                segmentsOfCell[cell[s]]++;
            }
        }
        rebuildIndex(limit, counts, packed);
    }

    /**
     * Counting sort by presynaptic cell, segments ascending within a cell: each column's list comes
     * out ascending. Walks cells column by column, so that no cell needs a division to find its
     * column or its place in it.
     */
    private void rebuildIndex(int limit, int[] counts, int[] packed) throws IOException {
        int[] next = new int[cells + 1];
        for (int synapse : packed) {
            if (presynapticCell(synapse) >= cells) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
            next[presynapticCell(synapse) + 1]++;
        }
        int[] perColumn = new int[cells / cellsPerColumn];
        for (int column = 0, cell = 0; column < perColumn.length; column++) {
            for (int end = cell + cellsPerColumn; cell < end; cell++) {
                perColumn[column] += next[cell + 1];
                next[cell + 1] += next[cell];
            }
        }
        int[] entries = new int[packed.length];
        for (int s = 0; s < limit; s++) {
            for (int i = synapses.start(s), end = i + counts[s]; i < end; i++) {
                entries[next[presynapticCell(packed[i])]++] = s;
            }
        }
        // next[cell] is now where the cell's entries end, and the next cell's begin.
        for (int cell = 0, from = 0; cell < cells; ) {
            for (int offset = 0; offset < cellsPerColumn; offset++, cell++) {
                for (int to = next[cell]; from < to; from++) {
                    entries[from] |= offset << segmentBits;
                }
            }
        }
        synapsesFromColumn.unpack(perColumn, entries);
    }
}
