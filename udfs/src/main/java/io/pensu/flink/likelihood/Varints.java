package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Unsigned longs in 7-bit groups, lowest first, the high bit of each byte saying more follow. */
final class Varints {
    private static final int MAX_BYTES = 10;

    private Varints() {}

    static void write(DataOutput out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    /** How many bytes {@link #write} takes for the value. */
    static int length(long value) {
        return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    }

    static long read(DataInput in) throws IOException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int next = in.readUnsignedByte();
            value |= (long) (next & 0x7F) << (7 * i);
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("Varint longer than " + MAX_BYTES + " bytes in snapshot");
    }
}
