package io.pensu.flink.model.compact;

/**
 * A {@link SynapseIndex} of 2 bytes a synapse: each entry just the segment id as a char, and per
 * cell the number of its synapses ({@link CellCounts}), from which a cell's range in its column's
 * list is found by adding up those of the cells before it (at most {@code cellsPerColumn - 1}).
 */
final class CharSynapseIndex extends SynapseIndex {

    /**
     * Segment ids below this fit an entry; and as a segment has at most one synapse from a cell, a
     * cell's synapse count fits a char too.
     */
    static final int SEGMENT_IDS = Character.MAX_VALUE;

    private final CharBlocks segmentsFromColumn;
    private final CellCounts synapsesFromCell;

    /** An empty index. */
    CharSynapseIndex(int columns, int cellsPerColumn, int cells) {
        super(cellsPerColumn);
        this.synapsesFromCell = new CellCounts(cells);
        this.segmentsFromColumn = new CharBlocks(columns, true);
    }

    /**
     * @param synapsesFromCell per cell, how many synapses it has
     * @param segmentsFromColumn per column, its synapses' segment ids, below {@link #SEGMENT_IDS}:
     *     cell by cell, ascending within a cell
     */
    CharSynapseIndex(
            CellCounts synapsesFromCell, CharBlocks segmentsFromColumn, int cellsPerColumn) {
        super(cellsPerColumn);
        this.synapsesFromCell = synapsesFromCell;
        this.segmentsFromColumn = segmentsFromColumn;
    }

    /**
     * Whether this layout holds the synapses of segment ids below {@code segmentLimit}, when a cell
     * has at most {@code mostFromCell} of them.
     */
    static boolean fits(int segmentLimit, int mostFromCell) {
        return segmentLimit <= SEGMENT_IDS && mostFromCell <= Character.MAX_VALUE;
    }

    @Override
    void add(int presynaptic, int segment) {
        int column = presynaptic / cellsPerColumn;
        long range = cellRange(presynaptic);
        int index = position(range, segment) - segmentsFromColumn.start(column);
        int at = segmentsFromColumn.openAt(column, index);
        segmentsFromColumn.values[at] = (char) segment;
        synapsesFromCell.increment(presynaptic);
    }

    @Override
    void remove(int presynaptic, int segment) {
        int column = presynaptic / cellsPerColumn;
        long range = cellRange(presynaptic);
        int at = position(range, segment);
        if (at < (int) range && segmentsFromColumn.values[at] == segment) {
            segmentsFromColumn.removeAt(column, at - segmentsFromColumn.start(column));
            synapsesFromCell.decrement(presynaptic);
        }
    }

    /** Where the segment is, or would be, in the cell's {@link #cellRange range}. */
    private int position(long range, int segment) {
        char[] entries = segmentsFromColumn.values;
        int low = (int) (range >>> 32);
        int high = (int) range;
        // A new segment has the highest id so far and goes last: no search.
        if (low == high || entries[high - 1] < segment) {
            return high;
        }
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries[middle] < segment) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Counted from whichever end of the column is nearer: the counts of the cells before it, or the
     * column's count less those from the cell on (half as many counts read on average, and reading
     * them is most of an insertion's cost on a model rebuilt after a restore).
     */
    private int rangeStart(int column, int presynaptic) {
        int first = column * cellsPerColumn;
        int last = first + cellsPerColumn;
        return presynaptic - first <= last - presynaptic
                ? segmentsFromColumn.start(column) + synapsesFromCell.sum(first, presynaptic)
                : segmentsFromColumn.start(column)
                        + segmentsFromColumn.count(column)
                        - synapsesFromCell.sum(presynaptic, last);
    }

    @Override
    Blocks columns() {
        return segmentsFromColumn;
    }

    @Override
    long cellRange(int cell) {
        int from = rangeStart(cell / cellsPerColumn, cell);
        return range(from, from + synapsesFromCell.get(cell));
    }

    @Override
    void count(int from, int to, SegmentCounts counts) {
        char[] entries = segmentsFromColumn.values;
        for (int i = from; i < to; i++) {
            counts.add(entries[i]);
        }
    }
}
