package io.pensu.flink.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes an int array in a canonical Huffman code of its own values: the distinct values and their
 * code lengths, then the codes. For arrays over a small alphabet whose values are far from equally
 * frequent, such as the temporal memory's presynaptic cells (a few thousand cells of 65,536, some
 * far more often than others) and permanences (about 20 values, a few of them most synapses): there
 * a value takes close to its entropy instead of the bits of the largest one.
 */
public final class HuffmanArrays {

    /** Values are below this: their counts are taken in an array of that length. */
    public static final int VALUE_LIMIT = 1 << 24;

    /**
     * Codes longer than this are avoided by halving the frequencies: a code and the bits pending in
     * the writer's buffer then fit a long, and a reader cannot be sent into a long loop.
     */
    static final int MAX_CODE_LENGTH = 24;

    /** Bits of a symbol's index next to its weight in one sort key. */
    private static final int SYMBOL_BITS = 24;

    /**
     * Codes up to this long are decoded by one lookup in a table of 2^11 entries, longer ones by
     * comparing the next bits with where the codes of each longer length end. A table for codes of
     * up to 16 bits (an old temporal memory's cells take up to 17) was 256 KB to fill for each such
     * array on every restore.
     */
    private static final int MAX_TABLE_BITS = 11;

    /** Four bytes at once, the first one highest: a code of up to 24 bits from any bit. */
    private static final VarHandle FOUR_BYTES =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** A table entry: the symbol above the code's length. */
    private static final int LENGTH_BITS = 5;

    private static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;

    private HuffmanArrays() {}

    /** Writes {@code values[from, from + count)}, each in {@code [0, VALUE_LIMIT)}. */
    public static void write(DataOutput out, int[] values, int from, int count) throws IOException {
        out.writeInt(count);
        if (count == 0) {
            return;
        }
        int max = 0;
        for (int i = from; i < from + count; i++) {
            if (values[i] < 0 || values[i] >= VALUE_LIMIT) {
                throw new IllegalArgumentException(
                        "only values in [0, " + VALUE_LIMIT + ") can be Huffman-coded");
            }
            max = Math.max(max, values[i]);
        }
        int[] symbolOf = new int[max + 1];
        for (int i = from; i < from + count; i++) {
            symbolOf[values[i]]++;
        }
        int distinct = 0;
        for (int frequency : symbolOf) {
            distinct += frequency > 0 ? 1 : 0;
        }
        int[] symbols = new int[distinct];
        long[] frequencies = new long[distinct];
        int[] gaps = new int[distinct];
        for (int value = 0, s = 0; value <= max; value++) {
            if (symbolOf[value] > 0) {
                symbols[s] = value;
                frequencies[s] = symbolOf[value];
                gaps[s] = s == 0 ? value : value - symbols[s - 1];
                symbolOf[value] = s++;
            }
        }
        int[] lengths = codeLengths(frequencies);
        int[] codes = canonicalCodes(lengths);
        long bits = 0;
        for (int s = 0; s < distinct; s++) {
            bits += frequencies[s] * lengths[s];
        }
        byte[] bytes = new byte[Math.toIntExact((bits + 7) / 8)];
        long buffer = 0;
        int pending = 0;
        int b = 0;
        for (int i = from; i < from + count; i++) {
            int s = symbolOf[values[i]];
            buffer = buffer << lengths[s] | codes[s];
            pending += lengths[s];
            while (pending >= Byte.SIZE) {
                pending -= Byte.SIZE;
                bytes[b++] = (byte) (buffer >>> pending);
            }
        }
        if (pending > 0) {
            bytes[b] = (byte) (buffer << Byte.SIZE - pending);
        }
        PackedArrays.writePacked(out, gaps, 0, distinct);
        PackedArrays.writePacked(out, lengths, 0, distinct);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #write} wrote. */
    public static int[] read(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a Huffman-coded array has a negative length");
        }
        if (count == 0) {
            return new int[0];
        }
        int[] symbols = PackedArrays.readPacked(in);
        int[] lengths = PackedArrays.readPacked(in);
        int distinct = symbols.length;
        if (distinct == 0 || lengths.length != distinct) {
            throw new IOException("a Huffman-coded array has an inconsistent code");
        }
        long value = -1;
        for (int s = 0; s < distinct; s++) {
            value += s == 0 ? symbols[s] + 1L : symbols[s];
            if (value >= VALUE_LIMIT || s > 0 && symbols[s] == 0) {
                throw new IOException("a Huffman-coded array has an inconsistent code");
            }
            symbols[s] = (int) value;
        }
        Decoder decoder = new Decoder(symbols, lengths);
        int length = in.readInt();
        SnapshotInput.requireBytes(in, length, "a Huffman-coded array");
        // Four bytes of zeros past the end: a code's bits are read four bytes at a time.
        byte[] bytes = new byte[length + Integer.BYTES];
        in.readFully(bytes, 0, length);
        int[] values = new int[count];
        long bit = 0;
        long end = (long) length * Byte.SIZE;
        for (int i = 0; i < count; i++) {
            int window =
                    (int) FOUR_BYTES.get(bytes, (int) (bit >>> 3))
                            << (int) (bit & 7)
                            >>> Integer.SIZE - MAX_CODE_LENGTH;
            int entry = decoder.table[window >>> decoder.tableShift];
            int codeLength = entry & LENGTH_MASK;
            if (codeLength > 0) {
                values[i] = entry >>> LENGTH_BITS;
            } else {
                codeLength = decoder.longCodeLength(window, entry >>> LENGTH_BITS);
                values[i] = decoder.symbol(codeLength, window);
            }
            bit += codeLength;
            if (bit > end) {
                throw new IOException("a Huffman-coded array ends within a code");
            }
        }
        return values;
    }

    /**
     * Huffman's code lengths for the frequencies; ties go to the lower symbol, then to the node
     * made first, so that a code is the same on every JVM.
     */
    static int[] codeLengths(long[] frequencies) {
        int n = frequencies.length;
        if (n == 1) {
            return new int[] {1};
        }
        long[] weights = frequencies.clone();
        while (true) {
            int[] lengths = huffmanLengths(weights);
            if (Arrays.stream(lengths).max().orElseThrow() <= MAX_CODE_LENGTH) {
                return lengths;
            }
            for (int s = 0; s < n; s++) {
                weights[s] = (weights[s] + 1) / 2;
            }
        }
    }

    /**
     * Huffman's construction with two queues: the leaves sorted by weight (then symbol), and the
     * joined nodes, which are made in order of weight; on equal weights a leaf goes first.
     */
    private static int[] huffmanLengths(long[] weights) {
        int n = weights.length;
        long[] leaves = new long[n];
        for (int s = 0; s < n; s++) {
            leaves[s] = weights[s] << SYMBOL_BITS | s;
        }
        Arrays.sort(leaves);
        int[] parent = new int[2 * n - 1];
        long[] joined = new long[n - 1];
        int leaf = 0;
        int next = 0;
        for (int node = 0; node < n - 1; node++) {
            long weight = 0;
            for (int child = 0; child < 2; child++) {
                boolean fromLeaves =
                        leaf < n && (next == node || leaves[leaf] >>> SYMBOL_BITS <= joined[next]);
                int id;
                if (fromLeaves) {
                    id = (int) (leaves[leaf] & (1L << SYMBOL_BITS) - 1);
                    weight += leaves[leaf++] >>> SYMBOL_BITS;
                } else {
                    id = n + next;
                    weight += joined[next++];
                }
                parent[id] = n + node;
            }
            joined[node] = weight;
        }
        // A joined node's id is above its children's: depths fill from the root down.
        int[] depth = new int[2 * n - 1];
        for (int node = 2 * n - 3; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        return Arrays.copyOf(depth, n);
    }

    /** The canonical code of each symbol: by length, then by value, consecutive integers. */
    private static int[] canonicalCodes(int[] lengths) {
        int[] codes = new int[lengths.length];
        int[] next = firstCodes(lengths);
        for (int s = 0; s < lengths.length; s++) {
            codes[s] = next[lengths[s]]++;
        }
        return codes;
    }

    /** Per code length, the canonical code of its first symbol. */
    private static int[] firstCodes(int[] lengths) {
        int[] perLength = new int[MAX_CODE_LENGTH + 1];
        for (int length : lengths) {
            perLength[length]++;
        }
        int[] first = new int[MAX_CODE_LENGTH + 2];
        for (int length = 1; length <= MAX_CODE_LENGTH; length++) {
            first[length + 1] = first[length] + perLength[length] << 1;
        }
        return first;
    }

    /** From the next {@link #MAX_CODE_LENGTH} bits to the symbol whose code they start with. */
    private static final class Decoder {

        private final int[] firstCode;
        private final int[] firstIndex = new int[MAX_CODE_LENGTH + 2];
        private final int[] bySymbolsOrder;

        /**
         * Per code length, the first {@link #MAX_CODE_LENGTH} bits past its last code: canonical
         * codes, by length, are consecutive, so the bits start a code of the first length whose end
         * is above them.
         */
        private final int[] endOfLength = new int[MAX_CODE_LENGTH + 1];

        /**
         * By the next {@code tableBits} bits: the symbol and length of a code that short, else the
         * shortest length of the longer codes they start (length 0 above it).
         */
        final int[] table;

        /** The shift that takes the next {@code tableBits} bits of {@link #MAX_CODE_LENGTH}. */
        final int tableShift;

        private final int tableBits;

        Decoder(int[] symbols, int[] lengths) throws IOException {
            double kraft = 0;
            for (int length : lengths) {
                if (length < 1 || length > MAX_CODE_LENGTH) {
                    throw new IOException("a Huffman-coded array has an inconsistent code");
                }
                kraft += Math.scalb(1.0, -length);
            }
            if (kraft > 1) {
                throw new IOException("a Huffman-coded array has an inconsistent code");
            }
            firstCode = firstCodes(lengths);
            for (int length : lengths) {
                firstIndex[length + 1]++;
            }
            for (int length = 1; length <= MAX_CODE_LENGTH; length++) {
                firstIndex[length + 1] += firstIndex[length];
                endOfLength[length] =
                        firstCode[length] + firstIndex[length + 1] - firstIndex[length]
                                << MAX_CODE_LENGTH - length;
            }
            bySymbolsOrder = new int[symbols.length];
            int[] next = firstIndex.clone();
            for (int s = 0; s < symbols.length; s++) {
                bySymbolsOrder[next[lengths[s]]++] = symbols[s];
            }
            tableBits = Math.min(MAX_TABLE_BITS, Arrays.stream(lengths).max().orElseThrow());
            table = new int[1 << tableBits];
            tableShift = MAX_CODE_LENGTH - tableBits;
            int[] codes = canonicalCodes(lengths);
            for (int s = 0; s < symbols.length; s++) {
                if (lengths[s] <= tableBits) {
                    int from = codes[s] << tableBits - lengths[s];
                    Arrays.fill(
                            table,
                            from,
                            from + (1 << tableBits - lengths[s]),
                            symbols[s] << LENGTH_BITS | lengths[s]);
                } else {
                    int prefix = codes[s] >>> lengths[s] - tableBits;
                    int shortest = table[prefix] == 0 ? lengths[s] : table[prefix] >>> LENGTH_BITS;
                    table[prefix] = Math.min(shortest, lengths[s]) << LENGTH_BITS;
                }
            }
        }

        /**
         * The length of the code the bits start with: one longer than the table's, and at least
         * {@code shortest}.
         */
        int longCodeLength(int window, int shortest) throws IOException {
            for (int length = Math.max(shortest, tableBits + 1);
                    length <= MAX_CODE_LENGTH;
                    length++) {
                if (window < endOfLength[length]) {
                    return length;
                }
            }
            throw new IOException("a Huffman-coded array has bits that start no code");
        }

        /** The symbol of the code of {@code length} the bits start with. */
        int symbol(int length, int window) {
            return bySymbolsOrder[
                    firstIndex[length] + (window >>> MAX_CODE_LENGTH - length) - firstCode[length]];
        }
    }
}
