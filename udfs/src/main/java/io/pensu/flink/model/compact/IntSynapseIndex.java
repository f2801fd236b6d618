package io.pensu.flink.model.compact;

/**
 * A {@link SynapseIndex} of 4 bytes a synapse, for any number of segment ids: each entry the
 * presynaptic cell's place in its column above the segment id, so that a column's list is one
 * ascending list and a cell's range is found by binary search.
 */
final class IntSynapseIndex extends SynapseIndex {

    private final int segmentBits;
    private final int segmentMask;
    private final IntBlocks synapsesFromColumn;

    /**
     * @param synapsesFromColumn per column, {@link #entry its synapses' entries} in ascending order
     */
    IntSynapseIndex(int cellsPerColumn, int segmentBits, IntBlocks synapsesFromColumn) {
        super(cellsPerColumn);
        this.segmentBits = segmentBits;
        this.segmentMask = (1 << segmentBits) - 1;
        this.synapsesFromColumn = synapsesFromColumn;
    }

    @Override
    void add(int presynaptic, int segment) {
        synapsesFromColumn.insertSorted(presynaptic / cellsPerColumn, entry(presynaptic, segment));
    }

    @Override
    void remove(int presynaptic, int segment) {
        synapsesFromColumn.removeSorted(presynaptic / cellsPerColumn, entry(presynaptic, segment));
    }

    private int entry(int presynaptic, int segment) {
        return entry(presynaptic, segment, cellsPerColumn, segmentBits);
    }

    /** The presynaptic cell's place in its column above the segment id. */
    static int entry(int presynaptic, int segment, int cellsPerColumn, int segmentBits) {
        return presynaptic % cellsPerColumn << segmentBits | segment;
    }

    @Override
    Blocks columns() {
        return synapsesFromColumn;
    }

    @Override
    long cellRange(int cell) {
        int column = cell / cellsPerColumn;
        int offset = cell - column * cellsPerColumn;
        // The last cell's range ends the list (its successor's key would overflow).
        return range(
                synapsesFromColumn.lowerBound(column, offset << segmentBits),
                offset == cellsPerColumn - 1
                        ? synapsesFromColumn.start(column) + synapsesFromColumn.count(column)
                        : synapsesFromColumn.lowerBound(column, offset + 1 << segmentBits));
    }

    @Override
    void count(int from, int to, SegmentCounts counts) {
        int[] entries = synapsesFromColumn.values;
        for (int i = from; i < to; i++) {
            counts.add(entries[i] & segmentMask);
        }
    }
}
