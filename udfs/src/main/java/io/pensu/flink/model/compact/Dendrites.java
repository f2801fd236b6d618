package io.pensu.flink.model.compact;

import io.pensu.flink.state.HuffmanArrays;
import io.pensu.flink.state.PackedArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The temporal memory's distal segments and their synapses, in flat arrays, with an index from
 * presynaptic column to the synapses it feeds ({@link SynapseIndex}).
 *
 * <p>A segment is an id into the {@code segment*} arrays; freed ids are reused, last freed first.
 * Its synapses are the segment's list in {@link #synapses}, each a presynaptic cell and a
 * permanence code ({@link SynapseBlocks}, {@link PermanenceCodes}). Positions never leak into
 * results: everything the algorithm sees is ordered by segment id and by synapse order within a
 * segment.
 */
final class Dendrites {

    private static final int FREE = -1;

    /** Permanences a snapshot may hold: 12 bits. */
    private static final int MAX_UNITS = (1 << 12) - 1;

    private final int cells;
    private final int columns;
    private final int cellsPerColumn;
    private final int segmentBits;
    private final int maxSegmentsPerCell;
    private final int maxSynapsesPerSegment;
    private CellCounts segmentsOfCell;

    private int[] segmentCell = new int[64];
    private int[] segmentLastUsed = new int[64];
    private int segmentLimit;
    private int[] freeSegments = new int[16];
    private int freeCount;
    private int synapseCount;

    private PermanenceCodes codes;
    private SynapseBlocks synapses;
    private final int charIndexSegmentIds;
    private SynapseIndex index;

    Dendrites(
            int columns,
            int cellsPerColumn,
            int maxSegmentsPerCell,
            int maxSynapsesPerSegment,
            PermanenceCodes codes) {
        this(
                columns,
                cellsPerColumn,
                maxSegmentsPerCell,
                maxSynapsesPerSegment,
                codes,
                CharSynapseIndex.SEGMENT_IDS);
    }

    /**
     * @param charIndexSegmentIds up to how many segment ids the index is a {@link CharSynapseIndex}
     *     (at most {@link CharSynapseIndex#SEGMENT_IDS}); tests set fewer to see the switch to the
     *     int layout
     */
    Dendrites(
            int columns,
            int cellsPerColumn,
            int maxSegmentsPerCell,
            int maxSynapsesPerSegment,
            PermanenceCodes codes,
            int charIndexSegmentIds) {
        long cells = (long) columns * cellsPerColumn;
        if (cells > SynapseBlocks.MAX_CELLS) {
            throw new IllegalArgumentException(
                    "the compact engine supports at most "
                            + SynapseBlocks.MAX_CELLS
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
        this.columns = columns;
        this.cellsPerColumn = cellsPerColumn;
        this.maxSegmentsPerCell = maxSegmentsPerCell;
        this.maxSynapsesPerSegment = maxSynapsesPerSegment;
        this.segmentsOfCell = new CellCounts(this.cells);
        this.charIndexSegmentIds = Math.min(charIndexSegmentIds, CharSynapseIndex.SEGMENT_IDS);
        this.index = new CharSynapseIndex(columns, cellsPerColumn, this.cells);
        this.codes = codes;
        this.synapses = new SynapseBlocks(SynapseBlocks.wide(this.cells, codes));
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

    /** Every segment's synapses; their arrays are valid until the next synapse is added. */
    SynapseBlocks synapses() {
        return synapses;
    }

    /** The codes of the synapses' permanences; a restore may replace them. */
    PermanenceCodes codes() {
        return codes;
    }

    int start(int segment) {
        return synapses.start(segment);
    }

    int count(int segment) {
        return synapses.count(segment);
    }

    int segmentsOf(int cell) {
        return segmentsOfCell.get(cell);
    }

    void markUsed(int segment, int iteration) {
        segmentLastUsed[segment] = iteration;
    }

    int lastUsed(int segment) {
        return segmentLastUsed[segment];
    }

    /** {@link SynapseIndex#countActiveSynapses}. */
    void countActiveSynapses(int[] activeCells, int activeCount, SegmentCounts counts) {
        index.countActiveSynapses(activeCells, activeCount, counts);
    }

    /**
     * A new, empty segment on {@code cell}; a cell that has its maximum of segments first loses its
     * least recently used one.
     */
    int createSegment(int cell, int iteration) {
        if (segmentsOfCell.get(cell) >= maxSegmentsPerCell) {
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
        segmentsOfCell.increment(cell);
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
            index.remove(synapses.cell(start(segment) + i), segment);
        }
        synapseCount -= count(segment);
        segmentsOfCell.decrement(segmentCell[segment]);
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
    void addSynapse(int segment, int presynaptic, int permanenceCode) {
        if (segment >= charIndexSegmentIds && index instanceof CharSynapseIndex) {
            // The id does not fit a char: the index takes the int layout from now on.
            rebuildIndex(new int[cells]);
        }
        synapses.add(segment, presynaptic, permanenceCode);
        index.add(presynaptic, segment);
        synapseCount++;
    }

    /** Removes the synapse at {@code index} within the segment, keeping the others' order. */
    void removeSynapse(int segment, int index) {
        this.index.remove(synapses.cell(start(segment) + index), segment);
        synapses.removeAt(segment, index);
        synapseCount--;
    }

    private void growSegmentArrays() {
        int length = Math.max(64, (int) Blocks.withSpareRoom(segmentCell.length));
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
    void keepWithin(int budget) {
        if (budget == 0 || synapseCount <= budget) {
            return;
        }
        long[] byUsefulness = new long[segmentLimit];
        int live = 0;
        for (int s = 0; s < segmentLimit; s++) {
            if (segmentCell[s] != FREE) {
                long learned = hasLearned(s) ? 1L << 62 : 0;
                byUsefulness[live++] = learned | (long) segmentLastUsed[s] << 31 | s;
            }
        }
        Arrays.sort(byUsefulness, 0, live);
        int target = budget - budget / 10;
        for (int k = 0; k < live && synapseCount > target; k++) {
            destroySegment((int) (byUsefulness[k] & Integer.MAX_VALUE));
        }
    }

    private boolean hasLearned(int segment) {
        int initial = codes.initial();
        for (int i = start(segment), end = i + count(segment); i < end; i++) {
            if (synapses.code(i) > initial) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes segment ids exactly (the free list too): ids order ties in the algorithm, so a
     * restored network must hand out the same ids as the original. The segments' arrays are
     * bit-packed at the width their largest value needs; the synapses' presynaptic cells are in a
     * Huffman code of their own values ({@link HuffmanArrays}): a few thousand cells feed most
     * synapses, unevenly (machine_temperature, 20,000 samples: 11.7 bits a cell instead of 16); the
     * temporal memory's large increments leave about 20 permanences, a few of them most synapses,
     * and a segment's synapses learn together, so each permanence is in a Huffman code chosen by
     * the one before it ({@link PermanenceChains}: 2.4 bits instead of 5).
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
        synapses.pack();
        int[] values = new int[synapseCount];
        for (int i = 0; i < synapseCount; i++) {
            values[i] = synapses.cell(i);
        }
        HuffmanArrays.write(out, values, 0, synapseCount);
        for (int i = 0; i < synapseCount; i++) {
            values[i] = codes.units(synapses.code(i));
        }
        PermanenceChains.write(out, values, counts);
    }

    /** Reads what {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        PackedSegments segments = PackedSegments.readFrom(in);
        int[] presynaptic = HuffmanArrays.read(in);
        restore(segments, presynaptic, PermanenceChains.read(in, segments.counts()));
    }

    /** Reads snapshot format 5: the permanences in one Huffman code, whatever came before. */
    void readFormat5From(DataInput in) throws IOException {
        PackedSegments segments = PackedSegments.readFrom(in);
        int[] presynaptic = HuffmanArrays.read(in);
        restore(segments, presynaptic, HuffmanArrays.read(in));
    }

    /**
     * Reads snapshot formats 2 to 4: the synapses' presynaptic cells bit-packed, their permanences
     * as bit-packed indices into the list of their distinct values.
     */
    void readFormat2From(DataInput in) throws IOException {
        PackedSegments segments = PackedSegments.readFrom(in);
        int[] distinct = PackedArrays.readPacked(in);
        int[] presynaptic = PackedArrays.readPacked(in);
        int[] permanences = PackedArrays.readPacked(in);
        for (int i = 0; i < permanences.length; i++) {
            if (permanences[i] >= distinct.length) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
            permanences[i] = distinct[permanences[i]];
        }
        restore(segments, presynaptic, permanences);
    }

    /** The segments' arrays as formats 2 and later write them, each cell plus one. */
    private record PackedSegments(int[] cellPlusOne, int[] lastUsed, int[] counts, int[] free) {

        static PackedSegments readFrom(DataInput in) throws IOException {
            return new PackedSegments(
                    PackedArrays.readPacked(in),
                    PackedArrays.readPacked(in),
                    PackedArrays.readPacked(in),
                    PackedArrays.readPacked(in));
        }
    }

    private void restore(PackedSegments segments, int[] presynaptic, int[] permanences)
            throws IOException {
        int[] cell = segments.cellPlusOne();
        for (int s = 0; s < cell.length; s++) {
            cell[s]--;
        }
        restore(
                cell,
                segments.lastUsed(),
                segments.counts(),
                segments.free(),
                presynaptic,
                permanences);
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
        // Format 1 wrote each synapse as it was in memory then: the cell above 12 bits of units.
        int[] presynaptic = PackedArrays.readInts(in);
        int[] permanences = new int[presynaptic.length];
        for (int i = 0; i < presynaptic.length; i++) {
            permanences[i] = presynaptic[i] & MAX_UNITS;
            presynaptic[i] >>>= 12;
        }
        restore(cell, lastUsed, counts, free, presynaptic, permanences);
    }

    /**
     * @param permanences the synapses' permanence units: the codes of them replace them
     */
    private void restore(
            int[] cell,
            int[] lastUsed,
            int[] counts,
            int[] free,
            int[] presynaptic,
            int[] permanences)
            throws IOException {
        int limit = cell.length;
        if (lastUsed.length != limit
                || counts.length != limit
                || presynaptic.length != permanences.length
                || Arrays.stream(counts).asLongStream().sum() != presynaptic.length) {
            throw new IOException("temporal memory snapshot is inconsistent");
        }
        for (int i = 0; i < presynaptic.length; i++) {
            if (presynaptic[i] < 0
                    || presynaptic[i] >= cells
                    || permanences[i] < 0
                    || permanences[i] > MAX_UNITS) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
        }
        segmentCell = cell;
        segmentLastUsed = lastUsed;
        segmentLimit = limit;
        freeSegments = free;
        freeCount = free.length;
        codes = codes.encode(permanences);
        synapses = new SynapseBlocks(SynapseBlocks.wide(cells, codes));
        synapses.unpack(counts, presynaptic, permanences);
        synapseCount = presynaptic.length;
        int[] perCell = new int[cells];
        for (int s = 0; s < limit; s++) {
            if (cell[s] < FREE
                    || cell[s] >= cells
                    || cell[s] != FREE && ++perCell[cell[s]] > maxSegmentsPerCell) {
                throw new IOException("temporal memory snapshot is inconsistent");
            }
        }
        segmentsOfCell = CellCounts.of(perCell);
        Arrays.fill(perCell, 0);
        rebuildIndex(perCell);
    }

    /**
     * Counting sort by presynaptic cell, segments ascending within a cell, into the layout that
     * holds the segment ids. It runs once per restored network and on the switch to the int layout,
     * so it allocates only the index's own arrays, each once.
     *
     * @param next zeros, one per cell: the synapses from each cell, then where its next one goes
     */
    private void rebuildIndex(int[] next) {
        for (int s = 0; s < segmentLimit; s++) {
            for (int i = start(s), end = i + count(s); i < end; i++) {
                next[synapses.cell(i)]++;
            }
        }
        // Column by column, not cell by cell: a division per cell was most of this loop's time.
        int[] synapsesFromColumn = new int[columns];
        int mostFromCell = 0;
        for (int column = 0, cell = 0; column < columns; column++) {
            int sum = 0;
            for (int end = cell + cellsPerColumn; cell < end; cell++) {
                sum += next[cell];
                mostFromCell = Math.max(mostFromCell, next[cell]);
            }
            synapsesFromColumn[column] = sum;
        }
        boolean chars =
                segmentLimit <= charIndexSegmentIds
                        && CharSynapseIndex.fits(segmentLimit, mostFromCell);
        CellCounts synapsesFromCell = chars ? CellCounts.of(next) : null;
        Blocks lists = chars ? new CharBlocks(columns, true) : new IntBlocks(columns, true);
        lists.layOut(synapsesFromColumn);
        for (int column = 0, cell = 0; column < columns; column++) {
            int at = lists.start(column);
            for (int end = cell + cellsPerColumn; cell < end; cell++) {
                int count = next[cell];
                next[cell] = at;
                at += count;
            }
        }
        if (lists instanceof CharBlocks segments) {
            for (int s = 0; s < segmentLimit; s++) {
                for (int i = start(s), end = i + count(s); i < end; i++) {
                    segments.values[next[synapses.cell(i)]++] = (char) s;
                }
            }
            index = new CharSynapseIndex(synapsesFromCell, segments, cellsPerColumn);
        } else {
            IntBlocks entries = (IntBlocks) lists;
            for (int s = 0; s < segmentLimit; s++) {
                for (int i = start(s), end = i + count(s); i < end; i++) {
                    int cell = synapses.cell(i);
                    entries.values[next[cell]++] =
                            IntSynapseIndex.entry(cell, s, cellsPerColumn, segmentBits);
                }
            }
            index = new IntSynapseIndex(cellsPerColumn, segmentBits, entries);
        }
    }
}
