package io.pensu.flink.model.compact;

/**
 * {@link Blocks} of synapses, each a presynaptic cell and a permanence code ({@link
 * PermanenceCodes}) in parallel arrays: a {@code char} and a {@code byte}, 3 bytes a synapse, where
 * the network's cells fit a char and its codes a byte. A network with more cells (up to 2^20) or
 * more codes (up to 2^12) has a third array with the high 4 bits of both, 4 bytes a synapse.
 */
final class SynapseBlocks extends Blocks {

    /** Bits of a cell in {@link #cells}; the rest are in the high half of {@link #high}. */
    private static final int CELL_LOW_BITS = Character.SIZE;

    /** Bits of a code in {@link #codes}; the rest are in the low half of {@link #high}. */
    private static final int CODE_LOW_BITS = Byte.SIZE;

    private static final int NIBBLE = 0xF;

    /** The most cells a network may have: a cell takes 20 bits at most. */
    static final int MAX_CELLS = 1 << CELL_LOW_BITS + 4;

    char[] cells;
    byte[] codes;

    /** The high bits of cell and code, or null where both fit their own arrays. */
    byte[] high;

    private final boolean wide;

    /**
     * @param wide whether cells beyond {@code Character.MAX_VALUE} or codes beyond 255 occur
     */
    SynapseBlocks(boolean wide) {
        super(0, false, arrays(1024, wide));
        this.wide = wide;
    }

    /** Whether a network of {@code cells} cells and {@code codes} needs the third array. */
    static boolean wide(int cells, PermanenceCodes codes) {
        return cells > 1 << CELL_LOW_BITS || !codes.fitsByte();
    }

    private static Object[] arrays(int length, boolean wide) {
        return new Object[] {new char[length], new byte[length], wide ? new byte[length] : null};
    }

    @Override
    Object newArray(int length) {
        return arrays(length, wide);
    }

    @Override
    void use(Object array) {
        Object[] arrays = (Object[]) array;
        cells = (char[]) arrays[0];
        codes = (byte[]) arrays[1];
        high = (byte[]) arrays[2];
    }

    @Override
    int lengthOf(Object array) {
        return ((char[]) ((Object[]) array)[0]).length;
    }

    @Override
    void copy(Object from, int fromPosition, Object to, int toPosition, int length) {
        Object[] source = (Object[]) from;
        Object[] target = (Object[]) to;
        System.arraycopy((char[]) source[0], fromPosition, (char[]) target[0], toPosition, length);
        System.arraycopy((byte[]) source[1], fromPosition, (byte[]) target[1], toPosition, length);
        if (source[2] != null) {
            System.arraycopy(
                    (byte[]) source[2], fromPosition, (byte[]) target[2], toPosition, length);
        }
    }

    /** The presynaptic cell of the synapse at {@code at} in the backing arrays. */
    int cell(int at) {
        int cell = cells[at];
        return high == null ? cell : cell | (high[at] >>> 4 & NIBBLE) << CELL_LOW_BITS;
    }

    /** The permanence code of the synapse at {@code at} in the backing arrays. */
    int code(int at) {
        int code = codes[at] & 0xFF;
        return high == null ? code : code | (high[at] & NIBBLE) << CODE_LOW_BITS;
    }

    void setCode(int at, int code) {
        codes[at] = (byte) code;
        if (high != null) {
            high[at] = (byte) (high[at] & NIBBLE << 4 | code >>> CODE_LOW_BITS);
        }
    }

    /** Appends a synapse; {@link #reserve} must have made room for it. */
    void add(int owner, int cell, int code) {
        set(append(owner), cell, code);
    }

    private void set(int at, int cell, int code) {
        cells[at] = (char) cell;
        codes[at] = (byte) code;
        if (high != null) {
            high[at] = (byte) (cell >>> CELL_LOW_BITS << 4 | code >>> CODE_LOW_BITS);
        }
    }

    /**
     * Lays out lists of the given lengths, as {@link #pack} leaves them, over the synapses of the
     * given cells and codes, in owner order.
     */
    void unpack(int[] lengths, int[] cells, int[] codes) {
        Object[] arrays = arrays(cells.length, wide);
        unpack(lengths, arrays);
        for (int i = 0; i < cells.length; i++) {
            set(i, cells[i], codes[i]);
        }
    }
}
