package io.pensu.flink.classifier;

import java.io.IOException;
import java.util.Arrays;

/**
 * The input bits one step's weights have learned from, each given the next column of the weight
 * rows when it is first learned. A bit that was never in a learned pattern has a weight of exactly
 * zero in every row, so it needs no column: most metrics only ever activate a fraction of the
 * input, and the rows shrink by that fraction.
 */
final class LearnedBits {
    /** By input bit: its column plus one, or 0 while it has none. */
    private final int[] columnPlusOne;

    private int count;

    LearnedBits(int inputWidth) {
        this.columnPlusOne = new int[inputWidth];
    }

    /** The most bits there can be: the input's width. */
    int capacity() {
        return columnPlusOne.length;
    }

    /** The number of columns. */
    int count() {
        return count;
    }

    /**
     * The columns of those of the bits that have one, in the bits' order. Leaving out the others
     * changes no sum of weights: they would add zeros.
     */
    int[] columnsOf(int[] activeBits) {
        int[] columns = new int[activeBits.length];
        int found = 0;
        for (int bit : activeBits) {
            if (columnPlusOne[bit] != 0) {
                columns[found++] = columnPlusOne[bit] - 1;
            }
        }
        return found == columns.length ? columns : Arrays.copyOf(columns, found);
    }

    /** Gives a column to each of the bits that has none yet; then the columns of all of them. */
    int[] learn(int[] activeBits) {
        int[] columns = new int[activeBits.length];
        for (int i = 0; i < activeBits.length; i++) {
            int bit = activeBits[i];
            if (columnPlusOne[bit] == 0) {
                columnPlusOne[bit] = ++count;
            }
            columns[i] = columnPlusOne[bit] - 1;
        }
        return columns;
    }

    /** The input bit of each column. */
    int[] bitsByColumn() {
        int[] bits = new int[count];
        for (int bit = 0; bit < columnPlusOne.length; bit++) {
            if (columnPlusOne[bit] != 0) {
                bits[columnPlusOne[bit] - 1] = bit;
            }
        }
        return bits;
    }

    /** The bits of a snapshot, column by column. */
    static LearnedBits restore(int inputWidth, int[] bitsByColumn) throws IOException {
        LearnedBits learned = new LearnedBits(inputWidth);
        for (int bit : bitsByColumn) {
            if (bit < 0 || bit >= inputWidth || learned.columnPlusOne[bit] != 0) {
                throw new IOException("Learned input bit " + bit + " out of range or repeated");
            }
            learned.columnPlusOne[bit] = ++learned.count;
        }
        return learned;
    }
}
