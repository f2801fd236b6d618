package io.pensu.flink.model.compact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A count per cell, from 0 to {@link Character#MAX_VALUE}, that costs what the network uses rather
 * than a char for each of its cells: cells come in pages of 32, a page has room only once one of
 * its cells counts more than 0, a byte a cell, and becomes a char a cell when one of its counts
 * passes 255.
 *
 * <p>A network's cells are used unevenly: the temporal memory's segments and synapses are on the
 * cells of columns that were active, a few hundred of 2,048 in a young network and about half in an
 * old one, and counts above 255 are a handful of presynaptic cells (machine_temperature after
 * 20,000 samples: segments on 17,494 of 65,536 cells in 1,137 columns, at most 4 a cell; 251 cells
 * with more than 255 synapses from them). A page that returns to all zeros keeps its room, and a
 * page that widens leaves its bytes unused: both are rare, and reusing them would cost a list.
 */
final class CellCounts {

    private static final int PAGE_BITS = 5;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int BYTE_MAX = 0xFF;

    /** A narrow page's bytes eight at a time (a page starts at a multiple of 32 bytes). */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final long EACH_CHAR = 0x0001000100010001L;

    /**
     * Per page: 0 while all its counts are 0; {@code k > 0}: bytes from {@code (k - 1) x PAGE} in
     * {@link #narrow}; {@code k < 0}: chars from {@code ~k x PAGE} in {@link #wide}.
     */
    private final int[] pages;

    private byte[] narrow = new byte[0];
    private int narrowPages;
    private char[] wide = new char[0];
    private int widePages;

    CellCounts(int cells) {
        this.pages = new int[(cells + PAGE - 1) >>> PAGE_BITS];
    }

    int get(int cell) {
        int page = pages[cell >>> PAGE_BITS];
        int offset = cell & PAGE - 1;
        if (page > 0) {
            return narrow[(page - 1 << PAGE_BITS) + offset] & BYTE_MAX;
        }
        return page < 0 ? wide[(~page << PAGE_BITS) + offset] : 0;
    }

    void increment(int cell) {
        set(cell, get(cell) + 1);
    }

    void decrement(int cell) {
        set(cell, get(cell) - 1);
    }

    /** Sets the cell's count, at most {@link Character#MAX_VALUE}. */
    void set(int cell, int count) {
        int index = cell >>> PAGE_BITS;
        int offset = cell & PAGE - 1;
        int page = pages[index];
        if (page == 0) {
            if (count == 0) {
                return;
            }
            page = narrowPage();
            pages[index] = page;
        }
        if (page > 0) {
            if (count <= BYTE_MAX) {
                narrow[(page - 1 << PAGE_BITS) + offset] = (byte) count;
                return;
            }
            page = widen(page);
            pages[index] = page;
        }
        wide[(~page << PAGE_BITS) + offset] = (char) count;
    }

    /** The sum of the counts of cells {@code [from, to)}. */
    int sum(int from, int to) {
        int total = 0;
        while (from < to) {
            int index = from >>> PAGE_BITS;
            int end = Math.min(to, index + 1 << PAGE_BITS);
            int page = pages[index];
            if (page > 0) {
                // Cell c of this page is at c + shift.
                int shift = page - 1 - index << PAGE_BITS;
                total += sumOfBytes(from + shift, end + shift);
            } else if (page < 0) {
                int shift = ~page - index << PAGE_BITS;
                for (int i = from + shift, last = end + shift; i < last; i++) {
                    total += wide[i];
                }
            }
            from = end;
        }
        return total;
    }

    /**
     * The sum of {@link #narrow}'s bytes {@code [from, to)}, within one page: a word of eight at a
     * time (a cell's range start sums up to 31 of them, on every change of the synapse index).
     */
    private int sumOfBytes(int from, int to) {
        int total = 0;
        for (int word = from & -Long.BYTES; word < to; word += Long.BYTES) {
            long first = -1L << Byte.SIZE * Math.max(from - word, 0);
            int past = to - word;
            long bytes =
                    (long) EIGHT_BYTES.get(narrow, word)
                            & (past >= Long.BYTES ? first : first & (1L << Byte.SIZE * past) - 1);
            // Pairs of bytes into four 16-bit sums, then the four added into the top one.
            long pairs = (bytes & EVEN_BYTES) + (bytes >>> Byte.SIZE & EVEN_BYTES);
            total += (int) (pairs * EACH_CHAR >>> 3 * Character.SIZE);
        }
        return total;
    }

    /** A new page of bytes, all 0, as its entry in {@link #pages}. */
    private int narrowPage() {
        if (narrowPages * PAGE == narrow.length) {
            narrow = Arrays.copyOf(narrow, grown(narrow.length));
        }
        return ++narrowPages;
    }

    /** A page of chars with the narrow page's counts, as its entry in {@link #pages}. */
    private int widen(int narrowPage) {
        if (widePages * PAGE == wide.length) {
            wide = Arrays.copyOf(wide, grown(wide.length));
        }
        int from = narrowPage - 1 << PAGE_BITS;
        int to = widePages << PAGE_BITS;
        for (int k = 0; k < PAGE; k++) {
            wide[to + k] = (char) (narrow[from + k] & BYTE_MAX);
        }
        return ~widePages++;
    }

    /** A length with room for at least four more pages, and an eighth more as the table grows. */
    private static int grown(int length) {
        return Math.max(length + 4 * PAGE, (int) Blocks.withSpareRoom(length) / PAGE * PAGE);
    }
}
