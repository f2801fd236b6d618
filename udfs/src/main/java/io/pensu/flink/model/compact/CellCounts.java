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
 * with more than 255 synapses from them). A page whose counts all return to 0 gives its room to the
 * next page that needs one, and so do a widened page's bytes: under a synapse budget the cells in
 * use move, and without reuse the pages would come to cover every cell ever used (fleet
 * configuration, machine_temperature, 20,000 samples: about a third of the pages).
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

    /** Pages of {@link #narrow} and {@link #wide}, numbered from 0, whose counts are all 0. */
    private int[] freeNarrow = new int[0];

    private int freeNarrowCount;
    private int[] freeWide = new int[0];
    private int freeWideCount;

    CellCounts(int cells) {
        this.pages = new int[(cells + PAGE - 1) >>> PAGE_BITS];
    }

    /**
     * The counts of a restored network, a count per cell, each page given its bytes or chars at
     * once: setting them one by one would grow the page tables a few pages at a time, a copy of
     * each table every few pages.
     */
    static CellCounts of(int[] counts) {
        CellCounts built = new CellCounts(counts.length);
        int[] countBits = new int[built.pages.length];
        int narrowPages = 0;
        int widePages = 0;
        for (int page = 0; page < countBits.length; page++) {
            // The counts or-ed together: above BYTE_MAX exactly when one of them is.
            int bits = 0;
            for (int cell = page << PAGE_BITS, end = Math.min(counts.length, cell + PAGE);
                    cell < end;
                    cell++) {
                bits |= counts[cell];
            }
            countBits[page] = bits;
            if (countBits[page] > BYTE_MAX) {
                widePages++;
            } else if (countBits[page] > 0) {
                narrowPages++;
            }
        }
        built.narrow = new byte[narrowPages * PAGE];
        built.wide = new char[widePages * PAGE];
        for (int page = 0; page < countBits.length; page++) {
            int first = page << PAGE_BITS;
            int end = Math.min(counts.length, first + PAGE);
            // Straight into the page: set() would hand a page back while its first counts are 0.
            if (countBits[page] > BYTE_MAX) {
                int from = built.widePages << PAGE_BITS;
                built.pages[page] = ~built.widePages++;
                for (int cell = first; cell < end; cell++) {
                    built.wide[from + cell - first] = (char) counts[cell];
                }
            } else if (countBits[page] > 0) {
                int from = built.narrowPages << PAGE_BITS;
                built.pages[page] = ++built.narrowPages;
                for (int cell = first; cell < end; cell++) {
                    built.narrow[from + cell - first] = (byte) counts[cell];
                }
            }
        }
        return built;
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
                int from = page - 1 << PAGE_BITS;
                narrow[from + offset] = (byte) count;
                if (count == 0 && isZero(narrow, from)) {
                    freeNarrow = push(freeNarrow, freeNarrowCount++, page - 1);
                    pages[index] = 0;
                }
                return;
            }
            page = widen(page);
            pages[index] = page;
        }
        int from = ~page << PAGE_BITS;
        wide[from + offset] = (char) count;
        if (count == 0 && isZero(wide, from)) {
            freeWide = push(freeWide, freeWideCount++, ~page);
            pages[index] = 0;
        }
    }

    private static boolean isZero(byte[] counts, int from) {
        for (int k = from; k < from + PAGE; k++) {
            if (counts[k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(char[] counts, int from) {
        for (int k = from; k < from + PAGE; k++) {
            if (counts[k] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] push(int[] stack, int at, int page) {
        int[] target = at < stack.length ? stack : Arrays.copyOf(stack, Math.max(16, 2 * at));
        target[at] = page;
        return target;
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
        if (freeNarrowCount > 0) {
            return freeNarrow[--freeNarrowCount] + 1;
        }
        if (narrowPages * PAGE == narrow.length) {
            narrow = Arrays.copyOf(narrow, grown(narrow.length));
        }
        return ++narrowPages;
    }

    /** A page of chars with the narrow page's counts, as its entry in {@link #pages}. */
    private int widen(int narrowPage) {
        int widePage;
        if (freeWideCount > 0) {
            widePage = freeWide[--freeWideCount];
        } else {
            if (widePages * PAGE == wide.length) {
                wide = Arrays.copyOf(wide, grown(wide.length));
            }
            widePage = widePages++;
        }
        int from = narrowPage - 1 << PAGE_BITS;
        int to = widePage << PAGE_BITS;
        for (int k = 0; k < PAGE; k++) {
            wide[to + k] = (char) (narrow[from + k] & BYTE_MAX);
            narrow[from + k] = 0;
        }
        freeNarrow = push(freeNarrow, freeNarrowCount++, narrowPage - 1);
        return ~widePage;
    }

    /** A length with room for at least four more pages, and an eighth more as the table grows. */
    private static int grown(int length) {
        return Math.max(length + 4 * PAGE, (int) Blocks.withSpareRoom(length) / PAGE * PAGE);
    }
}
