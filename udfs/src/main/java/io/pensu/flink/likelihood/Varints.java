package io.pensu.flink.likelihood;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Unsigned longs in 7-bit groups, lowest first, the high bit of each byte saying more follow. */
final class Varints {
    private static final int MAX_BYTES = 10;

    private Varints() {}

    static void write(ByteBuffer out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.put((byte) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }

    /** How many bytes {@link #write} takes for the value. */
    static int length(long value) {
        return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    }

    /**
     * @throws BufferUnderflowException when the bytes end inside the varint
     * @throws IllegalArgumentException when it is longer than a long can take
     */
    static long read(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            int next = in.get();
            value |= (long) (next & 0x7F) << (7 * i);
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint longer than " + MAX_BYTES + " bytes");
    }
}
