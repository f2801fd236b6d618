package io.pensu.flink.likelihood;

import io.pensu.flink.state.PackedArrays;
import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The raw scores in the slots of a {@link ScoreHistory}'s ring. Raw scores take few distinct values
 * (the fraction of the active columns that were not predicted: k/40 with 40 active columns), so a
 * slot holds a byte, the code of its score in a table of the distinct scores, an eighth of a
 * double. Scores are told apart by their bits, so every score comes back exactly as it was stored.
 * A ring that holds more distinct scores than a byte can code falls back to a double per slot for
 * good.
 */
final class ScoreColumn {
    private static final int MAX_CODES = 256;
    private static final int INITIAL_TABLE_LENGTH = 16;

    /** Null once fallen back to doubles. */
    private byte[] codes;

    /**
     * The distinct scores by code; codes no slot uses any more are dropped when the table is full.
     */
    private double[] table;

    private int tableSize;

    /** Null until fallen back to doubles. */
    private double[] scores;

    ScoreColumn(int length) {
        this(new byte[length], new double[INITIAL_TABLE_LENGTH], 0, null);
    }

    private ScoreColumn(byte[] codes, double[] table, int tableSize, double[] scores) {
        this.codes = codes;
        this.table = table;
        this.tableSize = tableSize;
        this.scores = scores;
    }

    int length() {
        return codes != null ? codes.length : scores.length;
    }

    double get(int slot) {
        return codes != null ? table[codes[slot] & 0xFF] : scores[slot];
    }

    void set(int slot, double score) {
        if (codes != null) {
            int code = codeOf(score);
            if (code >= 0) {
                codes[slot] = (byte) code;
                return;
            }
            fallBackToDoubles();
        }
        scores[slot] = score;
    }

    /**
     * Moves the {@code size} scores from slot {@code oldest} on to the front of {@code length} new
     * slots.
     */
    void unroll(int oldest, int size, int length) {
        if (codes != null) {
            codes = RingArrays.unrolled(codes, codes.length, oldest, size, new byte[length]);
        } else {
            scores = RingArrays.unrolled(scores, scores.length, oldest, size, new double[length]);
        }
    }

    /** The {@code size} scores from slot {@code oldest} on, in order. */
    double[] inOrder(int oldest, int size) {
        double[] ordered = new double[size];
        int length = length();
        for (int i = 0, slot = oldest; i < size; i++, slot = slot + 1 == length ? 0 : slot + 1) {
            ordered[i] = get(slot);
        }
        return ordered;
    }

    /** The code of the score, added to the table if new; -1 when the table has no room left. */
    private int codeOf(double score) {
        long bits = Double.doubleToRawLongBits(score);
        for (int code = 0; code < tableSize; code++) {
            if (Double.doubleToRawLongBits(table[code]) == bits) {
                return code;
            }
        }
        if (tableSize == MAX_CODES) {
            dropUnusedCodes();
            if (tableSize == MAX_CODES) {
                return -1;
            }
        }
        if (tableSize == table.length) {
            table = Arrays.copyOf(table, Math.min(MAX_CODES, 2 * table.length));
        }
        table[tableSize] = score;
        return tableSize++;
    }

    /**
     * Renumbers the codes that some slot still holds. Slots not written yet hold code 0, which
     * keeps at most the first score in the table for nothing.
     */
    private void dropUnusedCodes() {
        int[] renumbered = new int[MAX_CODES];
        for (byte code : codes) {
            renumbered[code & 0xFF] = 1;
        }
        int kept = 0;
        for (int code = 0; code < tableSize; code++) {
            if (renumbered[code] != 0) {
                table[kept] = table[code];
                renumbered[code] = kept++;
            }
        }
        for (int slot = 0; slot < codes.length; slot++) {
            codes[slot] = (byte) renumbered[codes[slot] & 0xFF];
        }
        tableSize = kept;
    }

    private void fallBackToDoubles() {
        scores = new double[codes.length];
        for (int slot = 0; slot < codes.length; slot++) {
            scores[slot] = get(slot);
        }
        codes = null;
        table = null;
        tableSize = 0;
    }

    /**
     * The {@code size} scores from slot {@code oldest} on: whether they are coded; then the table
     * and the codes in as few bits as the table needs, or the scores as doubles.
     */
    void writeTo(DataOutput out, int oldest, int size) throws IOException {
        out.writeBoolean(codes != null);
        if (codes == null) {
            ByteBuffer block = ByteBuffer.allocate(size * Double.BYTES);
            block.asDoubleBuffer().put(inOrder(oldest, size));
            out.write(block.array());
            return;
        }
        out.writeShort(tableSize);
        ByteBuffer block = ByteBuffer.allocate(tableSize * Double.BYTES);
        block.asDoubleBuffer().put(table, 0, tableSize);
        out.write(block.array());
        byte[] ordered = RingArrays.unrolled(codes, codes.length, oldest, size, new byte[size]);
        int[] wide = new int[size];
        for (int slot = 0; slot < size; slot++) {
            wide[slot] = ordered[slot] & 0xFF;
        }
        PackedArrays.writeBits(out, wide, 0, size, bitsPerCode(tableSize));
    }

    static ScoreColumn readFrom(DataInput in, int size, int length) throws IOException {
        if (!in.readBoolean()) {
            ScoreColumn column = new ScoreColumn(null, null, 0, new double[length]);
            readBlock(in, size * Double.BYTES).asDoubleBuffer().get(column.scores, 0, size);
            return column;
        }
        int tableSize = in.readUnsignedShort();
        if (tableSize > MAX_CODES || (tableSize == 0 && size > 0)) {
            throw new IOException("Score table of " + tableSize + " scores in snapshot");
        }
        double[] table = new double[Math.max(INITIAL_TABLE_LENGTH, tableSize)];
        readBlock(in, tableSize * Double.BYTES).asDoubleBuffer().get(table, 0, tableSize);
        int[] read = PackedArrays.readBits(in, size, bitsPerCode(tableSize));
        byte[] codes = new byte[length];
        for (int slot = 0; slot < size; slot++) {
            if (read[slot] >= tableSize) {
                throw new IOException(
                        "Score code " + read[slot] + " beyond a table of " + tableSize);
            }
            codes[slot] = (byte) read[slot];
        }
        return new ScoreColumn(codes, table, tableSize, null);
    }

    private static int bitsPerCode(int tableSize) {
        return tableSize <= 1 ? 0 : Integer.SIZE - Integer.numberOfLeadingZeros(tableSize - 1);
    }

    private static ByteBuffer readBlock(DataInput in, int length) throws IOException {
        SnapshotInput.requireBytes(in, length, "anomaly score history");
        byte[] block = new byte[length];
        in.readFully(block);
        return ByteBuffer.wrap(block);
    }
}
