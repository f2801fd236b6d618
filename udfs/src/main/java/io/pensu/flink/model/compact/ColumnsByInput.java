package io.pensu.flink.model.compact;

import java.util.Arrays;

/**
 * For pools that never change ({@link FixedPools}), the columns each input is connected to, so that
 * a step's overlaps follow from the last step's and the inputs that changed: a metric's input moves
 * a few bits from one sample to the next (a neighbouring value bucket, the time of day every half
 * hour), which touches a few hundred columns instead of every column's bitmap. Immutable, and
 * shared like the pools by every network that has them.
 */
final class ColumnsByInput {

    /** Columns are held as chars. */
    static final int MAX_COLUMNS = Character.MAX_VALUE + 1;

    /** Input {@code i}'s columns are {@code columns[start[i]..start[i + 1])}, ascending. */
    private final int[] start;

    private final char[] columns;

    /** What a full count costs, in entries read: a word per column. */
    private final long fullCost;

    /**
     * @param columnCount at most {@link #MAX_COLUMNS}
     * @param connectedBits column {@code c}'s connected inputs at words {@code [c * words, (c + 1)
     *     * words)}, bit = input
     */
    ColumnsByInput(int inputs, int columnCount, int words, long[] connectedBits) {
        this.fullCost = (long) columnCount * words;
        this.start = new int[inputs + 1];
        forEachConnection(columnCount, words, connectedBits, (input, column) -> start[input + 1]++);
        for (int i = 0; i < inputs; i++) {
            start[i + 1] += start[i];
        }
        this.columns = new char[start[inputs]];
        int[] next = Arrays.copyOf(start, inputs);
        forEachConnection(
                columnCount,
                words,
                connectedBits,
                (input, column) -> columns[next[input]++] = (char) column);
    }

    private interface Connection {
        void accept(int input, int column);
    }

    private static void forEachConnection(
            int columnCount, int words, long[] connectedBits, Connection connection) {
        for (int c = 0; c < columnCount; c++) {
            for (int w = 0; w < words; w++) {
                for (long bits = connectedBits[c * words + w]; bits != 0; bits &= bits - 1) {
                    connection.accept(w * 64 + Long.numberOfTrailingZeros(bits), c);
                }
            }
        }
    }

    /**
     * Turns the overlaps of the {@code previous} active inputs into those of the {@code current}
     * ones, when that reads fewer entries than counting them afresh.
     *
     * @return false, leaving {@code overlaps} as they were, when a fresh count is cheaper
     */
    boolean update(long[] previous, long[] current, int[] overlaps) {
        long cost = 0;
        for (int w = 0; w < current.length; w++) {
            for (long changed = previous[w] ^ current[w]; changed != 0; changed &= changed - 1) {
                int input = w * 64 + Long.numberOfTrailingZeros(changed);
                cost += start[input + 1] - start[input];
            }
        }
        if (cost > fullCost) {
            return false;
        }
        for (int w = 0; w < current.length; w++) {
            for (long changed = previous[w] ^ current[w]; changed != 0; changed &= changed - 1) {
                long bit = changed & -changed;
                int input = w * 64 + Long.numberOfTrailingZeros(changed);
                int change = (current[w] & bit) != 0 ? 1 : -1;
                for (int i = start[input], end = start[input + 1]; i < end; i++) {
                    overlaps[columns[i]] += change;
                }
            }
        }
        return true;
    }
}
