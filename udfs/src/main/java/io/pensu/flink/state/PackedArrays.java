package io.pensu.flink.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes primitive arrays as one block of bytes each: a DataOutput call per element would cost more
 * than the whole network's compute step.
 */
public final class PackedArrays {

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Four 12-bit values fill six bytes. */
    private static final int GROUP_BITS = 48;

    private static final int GROUP_BYTES = GROUP_BITS / 8;

    /** Whole groups, small enough to stay in the cache. */
    private static final int CHUNK_BYTES = 4096 * GROUP_BYTES;

    private PackedArrays() {}

    public static void writeInts(DataOutput out, int[] values, int from, int count)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(count * Integer.BYTES);
        bytes.asIntBuffer().put(values, from, count);
        out.writeInt(count);
        out.write(bytes.array());
    }

    public static int[] readInts(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Integer.BYTES);
        int[] values = new int[bytes.capacity() / Integer.BYTES];
        bytes.asIntBuffer().get(values);
        return values;
    }

    /**
     * Writes the values at the positions whose bits are set in {@code selected} (each value below
     * 4096), in position order, two in three bytes, least significant bits first, after their
     * count. Streams through a small buffer: a buffer of the whole output would be a large array of
     * its own.
     */
    public static void writeTwelveBits(DataOutput out, char[] values, long[] selected, int count)
            throws IOException {
        out.writeInt(count);
        byte[] chunk = new byte[CHUNK_BYTES + Long.BYTES];
        int filled = 0;
        long group = 0;
        int shift = 0;
        for (int word = 0; word < selected.length; word++) {
            int base = word << 6;
            for (long bits = selected[word]; bits != 0; bits &= bits - 1) {
                group |= (long) values[base + Long.numberOfTrailingZeros(bits)] << shift;
                shift += 12;
                if (shift == GROUP_BITS) {
                    LITTLE_ENDIAN_LONG.set(chunk, filled, group);
                    filled += GROUP_BYTES;
                    group = 0;
                    shift = 0;
                    if (filled == CHUNK_BYTES) {
                        out.write(chunk, 0, filled);
                        filled = 0;
                    }
                }
            }
        }
        LITTLE_ENDIAN_LONG.set(chunk, filled, group);
        out.write(chunk, 0, filled + (shift + 7) / 8);
    }

    /**
     * Reads what {@link #writeTwelveBits} wrote into the positions of {@code values} whose bits are
     * set in {@code selected}; leaves the others.
     */
    public static void readTwelveBits(DataInput in, long[] selected, char[] values)
            throws IOException {
        int count = in.readInt();
        long expected = 0;
        for (long word : selected) {
            expected += Long.bitCount(word);
        }
        if (count != expected) {
            throw new IOException(
                    "a network snapshot has "
                            + count
                            + " 12-bit values for "
                            + expected
                            + " places");
        }
        long remaining = (count * 3L + 1) / 2;
        byte[] chunk = new byte[CHUNK_BYTES + Long.BYTES];
        int next = 0;
        int filled = 0;
        long group = 0;
        int left = 0;
        for (int word = 0; word < selected.length; word++) {
            int base = word << 6;
            for (long bits = selected[word]; bits != 0; bits &= bits - 1) {
                if (left == 0) {
                    if (next >= filled) {
                        filled = (int) Math.min(CHUNK_BYTES, remaining);
                        in.readFully(chunk, 0, filled);
                        remaining -= filled;
                        next = 0;
                    }
                    group = (long) LITTLE_ENDIAN_LONG.get(chunk, next);
                    next += GROUP_BYTES;
                    left = GROUP_BITS / 12;
                }
                values[base + Long.numberOfTrailingZeros(bits)] = (char) (group & 0xFFF);
                group >>>= 12;
                left--;
            }
        }
    }

    /**
     * Non-negative values at the width in bits the largest of them needs, least significant bits
     * first, after their count and that width.
     */
    public static void writePacked(DataOutput out, int[] values, int from, int count)
            throws IOException {
        int all = 0;
        for (int i = from; i < from + count; i++) {
            all |= values[i];
        }
        if (all < 0) {
            throw new IllegalArgumentException("only non-negative values can be bit-packed");
        }
        int width = Integer.SIZE - Integer.numberOfLeadingZeros(all);
        out.writeInt(count);
        out.writeByte(width);
        writeBits(out, values, from, count, width);
    }

    /**
     * Values of at most {@code width} bits each, back to back, least significant bits first, with
     * nothing to say how many: for a reader that knows both.
     */
    public static void writeBits(DataOutput out, int[] values, int from, int count, int width)
            throws IOException {
        int length = (int) (((long) count * width + 7) / 8);
        byte[] bytes = new byte[length + Integer.BYTES];
        long buffer = 0;
        int bits = 0;
        int b = 0;
        for (int i = from; i < from + count; i++) {
            buffer |= (long) values[i] << bits;
            bits += width;
            if (bits >= Integer.SIZE) {
                LITTLE_ENDIAN_INT.set(bytes, b, (int) buffer);
                b += Integer.BYTES;
                buffer >>>= Integer.SIZE;
                bits -= Integer.SIZE;
            }
        }
        LITTLE_ENDIAN_INT.set(bytes, b, (int) buffer);
        out.write(bytes, 0, length);
    }

    public static int[] readPacked(DataInput in) throws IOException {
        int count = in.readInt();
        int width = in.readUnsignedByte();
        if (count < 0 || width > 31) {
            throw new IOException("bad bit-packed array (" + count + " x " + width + " bits)");
        }
        return readBits(in, count, width);
    }

    /** Reads what {@link #writeBits} wrote. */
    public static int[] readBits(DataInput in, int count, int width) throws IOException {
        int length = (int) (((long) count * width + 7) / 8);
        SnapshotInput.requireBytes(in, length, "a bit-packed array");
        byte[] bytes = new byte[length + Long.BYTES];
        in.readFully(bytes, 0, length);
        int[] values = new int[count];
        long mask = (1L << width) - 1;
        // Each value lies within the eight bytes from its first: no value depends on the one
        // before.
        long bit = 0;
        for (int i = 0; i < count; i++, bit += width) {
            long word = (long) LITTLE_ENDIAN_LONG.get(bytes, (int) (bit >>> 3));
            values[i] = (int) (word >>> (bit & 7) & mask);
        }
        return values;
    }

    public static void writeLongs(DataOutput out, long[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        bytes.asLongBuffer().put(values);
        out.writeInt(values.length);
        out.write(bytes.array());
    }

    public static long[] readLongs(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Long.BYTES);
        long[] values = new long[bytes.capacity() / Long.BYTES];
        bytes.asLongBuffer().get(values);
        return values;
    }

    public static void writeDoubles(DataOutput out, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        out.writeInt(values.length);
        out.write(bytes.array());
    }

    public static double[] readDoubles(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Double.BYTES);
        double[] values = new double[bytes.capacity() / Double.BYTES];
        bytes.asDoubleBuffer().get(values);
        return values;
    }

    private static ByteBuffer readBlock(DataInput in, int elementBytes) throws IOException {
        int count = in.readInt();
        long length = (long) count * elementBytes;
        SnapshotInput.requireBytes(in, length, "an array of a model");
        byte[] bytes = new byte[Math.toIntExact(length)];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
