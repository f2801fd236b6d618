package io.pensu.flink.likelihood;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Small codes, of 0 to 8 bits each, written back to back, the first code in the lowest bits; codes
 * of 0 bits (a table of one score) take no bytes at all.
 */
final class BitPacking {
    private BitPacking() {}

    static void write(DataOutput out, byte[] codes, int bitsPerCode) throws IOException {
        byte[] packed = new byte[packedLength(codes.length, bitsPerCode)];
        long bit = 0;
        for (int i = 0; i < codes.length && bitsPerCode > 0; i++) {
            int value = codes[i] & 0xFF;
            int index = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            packed[index] |= (byte) (value << shift);
            if (shift + bitsPerCode > Byte.SIZE) {
                packed[index + 1] |= (byte) (value >>> (Byte.SIZE - shift));
            }
            bit += bitsPerCode;
        }
        out.write(packed);
    }

    /** Reads {@code count} codes into the front of {@code codes}. */
    static void read(DataInput in, byte[] codes, int count, int bitsPerCode) throws IOException {
        int length = packedLength(count, bitsPerCode);
        SnapshotInput.requireBytes(in, length, "packed score codes");
        byte[] packed = new byte[length];
        in.readFully(packed);
        int mask = (1 << bitsPerCode) - 1;
        long bit = 0;
        for (int i = 0; i < count && bitsPerCode > 0; i++) {
            int index = (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            int value = (packed[index] & 0xFF) >>> shift;
            if (shift + bitsPerCode > Byte.SIZE) {
                value |= (packed[index + 1] & 0xFF) << (Byte.SIZE - shift);
            }
            codes[i] = (byte) (value & mask);
            bit += bitsPerCode;
        }
    }

    private static int packedLength(int count, int bitsPerCode) {
        return (int) (((long) count * bitsPerCode + 7) / Byte.SIZE);
    }
}
