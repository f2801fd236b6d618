package io.pensu.flink.model.compact;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes primitive arrays as one block of bytes each: a DataOutput call per element would cost more
 * than the whole network's compute step.
 */
final class PackedArrays {

    private PackedArrays() {}

    static void writeInts(DataOutput out, int[] values, int from, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(count * Integer.BYTES);
        bytes.asIntBuffer().put(values, from, count);
        out.writeInt(count);
        out.write(bytes.array());
    }

    static int[] readInts(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Integer.BYTES);
        int[] values = new int[bytes.capacity() / Integer.BYTES];
        bytes.asIntBuffer().get(values);
        return values;
    }

    /** Values below 4096, two in three bytes. */
    static void writeTwelveBits(DataOutput out, char[] values, int from, int count)
            throws IOException {
        byte[] bytes = new byte[(count * 3 + 1) / 2];
        int b = 0;
        int i = from;
        for (int end = from + (count & ~1); i < end; i += 2) {
            int first = values[i];
            int second = values[i + 1];
            bytes[b++] = (byte) first;
            bytes[b++] = (byte) (first >>> 8 | second << 4);
            bytes[b++] = (byte) (second >>> 4);
        }
        if ((count & 1) != 0) {
            bytes[b++] = (byte) values[i];
            bytes[b] = (byte) (values[i] >>> 8);
        }
        out.writeInt(count);
        out.write(bytes);
    }

    static char[] readTwelveBits(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative array length " + count + " in a network snapshot");
        }
        byte[] bytes = new byte[(int) ((count * 3L + 1) / 2)];
        in.readFully(bytes);
        char[] values = new char[count];
        int b = 0;
        int i = 0;
        for (int end = count & ~1; i < end; i += 2) {
            int low = bytes[b++] & 0xFF;
            int middle = bytes[b++] & 0xFF;
            int high = bytes[b++] & 0xFF;
            values[i] = (char) (low | (middle & 0xF) << 8);
            values[i + 1] = (char) (middle >>> 4 | high << 4);
        }
        if ((count & 1) != 0) {
            values[i] = (char) ((bytes[b] & 0xFF) | (bytes[b + 1] & 0xF) << 8);
        }
        return values;
    }

    /**
     * Non-negative values at the width in bits the largest of them needs, least significant bits
     * first.
     */
    static void writePacked(DataOutput out, int[] values, int from, int count) throws IOException {
        int all = 0;
        for (int i = from; i < from + count; i++) {
            all |= values[i];
        }
        if (all < 0) {
            throw new IllegalArgumentException("only non-negative values can be bit-packed");
        }
        int width = Integer.SIZE - Integer.numberOfLeadingZeros(all);
        byte[] bytes = new byte[(int) (((long) count * width + 7) / 8)];
        long buffer = 0;
        int bits = 0;
        int b = 0;
        for (int i = from; i < from + count; i++) {
            buffer |= (long) values[i] << bits;
            bits += width;
            while (bits >= 8) {
                bytes[b++] = (byte) buffer;
                buffer >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            bytes[b] = (byte) buffer;
        }
        out.writeInt(count);
        out.writeByte(width);
        out.write(bytes);
    }

    static int[] readPacked(DataInput in) throws IOException {
        int count = in.readInt();
        int width = in.readUnsignedByte();
        if (count < 0 || width > 31) {
            throw new IOException("bad bit-packed array (" + count + " x " + width + " bits)");
        }
        byte[] bytes = new byte[(int) (((long) count * width + 7) / 8)];
        in.readFully(bytes);
        int[] values = new int[count];
        int mask = (int) ((1L << width) - 1);
        long buffer = 0;
        int bits = 0;
        int b = 0;
        for (int i = 0; i < count; i++) {
            while (bits < width) {
                buffer |= (long) (bytes[b++] & 0xFF) << bits;
                bits += 8;
            }
            values[i] = (int) buffer & mask;
            buffer >>>= width;
            bits -= width;
        }
        return values;
    }

    static void writeLongs(DataOutput out, long[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES);
        bytes.asLongBuffer().put(values);
        out.writeInt(values.length);
        out.write(bytes.array());
    }

    static long[] readLongs(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Long.BYTES);
        long[] values = new long[bytes.capacity() / Long.BYTES];
        bytes.asLongBuffer().get(values);
        return values;
    }

    static void writeDoubles(DataOutput out, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        out.writeInt(values.length);
        out.write(bytes.array());
    }

    static double[] readDoubles(DataInput in) throws IOException {
        ByteBuffer bytes = readBlock(in, Double.BYTES);
        double[] values = new double[bytes.capacity() / Double.BYTES];
        bytes.asDoubleBuffer().get(values);
        return values;
    }

    private static ByteBuffer readBlock(DataInput in, int elementBytes) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative array length " + count + " in a network snapshot");
        }
        byte[] bytes = new byte[Math.multiplyExact(count, elementBytes)];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
