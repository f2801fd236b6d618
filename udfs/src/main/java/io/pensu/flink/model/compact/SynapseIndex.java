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

    /**
     * Counts the synapses at positions {@code [from, to)} as {@link #countActiveSynapses} says;
     * returns the new {@code touchedCount}.
     */
    abstract int count(int from, int to, int[] potential, int[] touched, int touchedCount);

    static long range(int from, int to) {
        return (long) from << 32 | to;
    }

    /**
     * Counts, for every segment with a synapse from an active cell, how many it has: adds them to
     * {@code potential[segment]} and lists each such segment once in {@code touched}, in no
     * particular order.
     *
     * @param activeCells the active cells, ascending
     * @param activeCount how many of {@code activeCells} are set
     * @param potential per segment id, zero for every segment on entry
     * @param touched room for every segment id
     * @return how many segments {@code touched} lists
     */
    final int countActiveSynapses(
            int[] activeCells, int activeCount, int[] potential, int[] touched) {
        int touchedCount = 0;
        int k = 0;
        while (k < activeCount) {
            int column = activeCells[k] / cellsPerColumn;
            int columnEnd = k + 1;
            while (columnEnd < activeCount && activeCells[columnEnd] / cellsPerColumn == column) {
                columnEnd++;
            }
            if (columnEnd - k == cellsPerColumn) {
                long range = columnRange(column);
                touchedCount =
                        count((int) (range >>> 32), (int) range, potential, touched, touchedCount);
            } else {
                for (int j = k; j < columnEnd; j++) {
                    long range = cellRange(activeCells[j]);
                    touchedCount =
                            count(
                                    (int) (range >>> 32),
                                    (int) range,
                                    potential,
                                    touched,
                                    touchedCount);
                }
            }
            k = columnEnd;
        }
        return touchedCount;
    }

    /** Counts one synapse of the segment. */
    static int touch(int segment, int[] potential, int[] touched, int touchedCount) {
        if (potential[segment]++ == 0) {
            touched[touchedCount++] = segment;
        }
        return touchedCount;
    }
}
