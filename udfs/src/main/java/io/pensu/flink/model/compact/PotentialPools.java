package io.pensu.flink.model.compact;

import io.pensu.flink.state.PackedArrays;
import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The spatial pooler's proximal synapses, column by column: a bitmap of the inputs in the column's
 * potential pool, the permanences of exactly those inputs in input order (12 bits each, see {@link
 * TwelveBitValues}), and a bitmap of the connected ones. Memory follows {@code potentialPct}: a
 * pool of 40 % of the inputs costs half of one of 80 %, and the bitmaps add two bits per (input,
 * column) pair.
 *
 * <p>A column's overlap is then the population count of its connected bitmap and the active inputs'
 * bitmap, a few words per column; learning walks a winner's pool in order.
 *
 * <p>Values are stored as in {@link SpatialPooler}'s first formats: permanence units plus one,
 * which keeps a snapshot's twelve-bit block the same as theirs.
 */
final class PotentialPools {

    private static final int MAX_STORED = Permanence.ONE + 1;

    private final int inputs;
    private final int columns;
    private final int words;
    private final int connected;
    private final int trim;

    /** Column {@code c}'s pool at words {@code [c * words, (c + 1) * words)}, bit = input. */
    private final long[] pool;

    private final long[] connectedBits;

    /** Where column {@code c}'s permanences start in {@link #permanences}. */
    private final int[] columnStart;

    private final TwelveBitValues permanences;

    /**
     * Built on first use, for pools that do not learn; built twice at worst, the same both times.
     */
    private volatile ColumnsByInput columnsByInput;

    private PotentialPools(
            int inputs, int connected, int trim, long[] pool, TwelveBitValues permanences) {
        this.inputs = inputs;
        this.words = wordsPerColumn(inputs);
        this.columns = pool.length / words;
        this.connected = connected;
        this.trim = trim;
        this.pool = pool;
        this.permanences = permanences;
        this.connectedBits = new long[pool.length];
        this.columnStart = new int[columns + 1];
        for (int c = 0, next = 0; c < columns; c++) {
            columnStart[c] = next;
            for (int w = c * words; w < (c + 1) * words; w++) {
                next += Long.bitCount(pool[w]);
            }
            columnStart[c + 1] = next;
        }
        for (int c = 0; c < columns; c++) {
            int index = columnStart[c];
            for (int word = c * words; word < (c + 1) * words; word++) {
                for (long bits = pool[word]; bits != 0; bits &= bits - 1) {
                    markConnected(word, Long.numberOfTrailingZeros(bits), permanences.get(index++));
                }
            }
        }
    }

    private static int wordsPerColumn(int inputs) {
        return Math.max(1, (inputs + 63) / 64);
    }

    /** One column's permanences by input, stored values; 0 for inputs outside its pool. */
    interface ColumnRows {
        void fill(int column, char[] row);
    }

    /**
     * Pools built column by column from {@code rows}.
     *
     * @param connected the stored value from which a synapse is connected
     * @param trim stored values below it fall to 1, the least permanence
     */
    static PotentialPools fromRows(
            int inputs, int columns, int connected, int trim, ColumnRows rows) {
        int words = wordsPerColumn(inputs);
        long[] pool = new long[Math.multiplyExact(columns, words)];
        char[][] rowsOf = new char[columns][];
        int total = 0;
        for (int c = 0; c < columns; c++) {
            char[] row = new char[inputs];
            rows.fill(c, row);
            for (int input = 0; input < inputs; input++) {
                if (row[input] != 0) {
                    pool[c * words + (input >>> 6)] |= 1L << input;
                    total++;
                }
            }
            rowsOf[c] = row;
        }
        TwelveBitValues permanences = new TwelveBitValues(total);
        for (int c = 0, next = 0; c < columns; c++) {
            for (char value : rowsOf[c]) {
                if (value != 0) {
                    permanences.set(next++, value);
                }
            }
            rowsOf[c] = null;
        }
        return new PotentialPools(inputs, connected, trim, pool, permanences);
    }

    int inputs() {
        return inputs;
    }

    /** A bitmap of the inputs, as {@link #overlaps} and {@link #adapt} take the active ones. */
    long[] newInputBitmap() {
        return new long[words];
    }

    /** Sets each column's count of connected synapses from the active inputs. */
    void overlaps(long[] activeInputBits, int[] overlaps) {
        for (int c = 0, base = 0; c < columns; c++, base += words) {
            int overlap = 0;
            for (int w = 0; w < words; w++) {
                overlap += Long.bitCount(connectedBits[base + w] & activeInputBits[w]);
            }
            overlaps[c] = overlap;
        }
    }

    /**
     * The columns each input is connected to, for pools that no longer change: learning ({@link
     * #adapt}) would leave it behind. Null for more columns than it holds.
     */
    ColumnsByInput columnsByInput() {
        ColumnsByInput built = columnsByInput;
        if (built == null && columns <= ColumnsByInput.MAX_COLUMNS) {
            built = new ColumnsByInput(inputs, columns, words, connectedBits);
            columnsByInput = built;
        }
        return built;
    }

    /**
     * Adds {@code whenActive} to the column's synapses from active inputs and {@code otherwise} to
     * the others.
     */
    void adapt(int column, long[] activeInputBits, int whenActive, int otherwise) {
        int index = columnStart[column];
        for (int w = 0, word = column * words; w < words; w++, word++) {
            long active = activeInputBits[w];
            // Rebuilt whole, without a branch on each synapse's side of the threshold: the
            // permanences near it would make that branch a coin toss.
            long connectedWord = 0;
            for (long bits = pool[word]; bits != 0; bits &= bits - 1) {
                long bit = bits & -bits;
                int value =
                        clip(
                                permanences.get(index)
                                        + ((active & bit) != 0 ? whenActive : otherwise));
                permanences.set(index++, value);
                connectedWord |= bit & (connected - 1 - value) >> 31;
            }
            connectedBits[word] = connectedWord;
        }
    }

    /** Keeps a stored value in [1, ONE + 1], trimming tiny permanences to the least. */
    private int clip(int value) {
        return value < trim ? 1 : Math.min(value, MAX_STORED);
    }

    private void markConnected(int word, int bit, int value) {
        if (value >= connected) {
            connectedBits[word] |= 1L << bit;
        } else {
            connectedBits[word] &= ~(1L << bit);
        }
    }

    /** The column-major pool bitmap, then the permanences' packed bytes. */
    void writeTo(DataOutput out) throws IOException {
        PackedArrays.writeLongs(out, pool);
        out.writeInt(permanences.size());
        out.write(permanences.bytes());
    }

    static PotentialPools readFrom(DataInput in, int inputs, int columns, int connected, int trim)
            throws IOException {
        long[] pool = PackedArrays.readLongs(in);
        int words = wordsPerColumn(inputs);
        if (pool.length != (long) columns * words || !fitsInputs(pool, inputs, words)) {
            throw new IOException("spatial pooler snapshot does not fit its parameters");
        }
        long expected = 0;
        for (long word : pool) {
            expected += Long.bitCount(word);
        }
        int count = in.readInt();
        if (count != expected) {
            throw new IOException(
                    "a spatial pooler snapshot has " + count + " permanences for " + expected);
        }
        int length = TwelveBitValues.byteLength(count);
        SnapshotInput.requireBytes(in, length, "spatial pooler permanences");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        TwelveBitValues permanences = TwelveBitValues.wrap(bytes, count);
        for (int i = 0; i < count; i++) {
            if (permanences.get(i) == 0) {
                throw new IOException("a spatial pooler snapshot has a permanence outside 0..1");
            }
        }
        return new PotentialPools(inputs, connected, trim, pool, permanences);
    }

    /** No bit at or above {@code inputs} in any column. */
    private static boolean fitsInputs(long[] pool, int inputs, int words) {
        int tail = inputs % 64;
        if (tail == 0) {
            return true;
        }
        for (int last = words - 1; last < pool.length; last += words) {
            if (pool[last] >>> tail != 0) {
                return false;
            }
        }
        return true;
    }
}
