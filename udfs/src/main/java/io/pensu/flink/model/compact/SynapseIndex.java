package io.pensu.flink.model.compact;

/**
 * The temporal memory's index from presynaptic cell to the segments it has a synapse on, so that a
 * step visits only the synapses from the previous step's active cells instead of all synapses.
 *
 * <p>It is one list per column rather than per cell (2048 lists cost less than 65,536): a cell's
 * segments are one range of its column's list, the cells' ranges in order, segment ids ascending
 * within a range; a bursting column's synapses are the whole list. It holds no permanences (they
 * change on every learning step), and it is derived: a snapshot does not store it. Two layouts, the
 * same answers: {@link CharSynapseIndex} while segment ids fit 16 bits, {@link IntSynapseIndex}
 * beyond.
 */
abstract class SynapseIndex {

    final int cellsPerColumn;

    SynapseIndex(int cellsPerColumn) {
        this.cellsPerColumn = cellsPerColumn;
    }

    /** The lists, one per column. */
    abstract Blocks columns();

    abstract void add(int presynaptic, int segment);

    /** Removes what {@link #add} added; nothing if it is not there. */
    abstract void remove(int presynaptic, int segment);

    /** The positions of the column's synapses, {@link #range from and to}. */
    private long columnRange(int column) {
        int from = columns().start(column);
        return range(from, from + columns().count(column));
    }

    /** The positions of the cell's synapses, {@link #range from and to}. */
    abstract long cellRange(int cell);

    /** Counts the synapses at positions {@code [from, to)} into {@code counts}. */
    abstract void count(int from, int to, SegmentCounts counts);

    static long range(int from, int to) {
        return (long) from << 32 | to;
    }

    /**
     * Counts, for every segment with a synapse from an active cell, how many it has.
     *
     * @param activeCells the active cells, ascending
     * @param activeCount how many of {@code activeCells} are set
     * @param counts started for this step
     */
    final void countActiveSynapses(int[] activeCells, int activeCount, SegmentCounts counts) {
        int k = 0;
        while (k < activeCount) {
            int column = activeCells[k] / cellsPerColumn;
            int columnEnd = k + 1;
            while (columnEnd < activeCount && activeCells[columnEnd] / cellsPerColumn == column) {
                columnEnd++;
            }
            if (columnEnd - k == cellsPerColumn) {
                long range = columnRange(column);
                count((int) (range >>> 32), (int) range, counts);
            } else {
                for (int j = k; j < columnEnd; j++) {
                    long range = cellRange(activeCells[j]);
                    count((int) (range >>> 32), (int) range, counts);
                }
            }
            k = columnEnd;
        }
    }
}
