package io.pensu.flink.model.compact;

import io.pensu.flink.state.PackedArrays;

/**
 * A fixed number of values below 4096, two in three bytes, least significant bits first: the layout
 * of {@link PackedArrays#writeTwelveBits}, so that the array is its own snapshot. A char per value
 * would cost a third more, and permanences are most of a spatial pooler.
 */
final class TwelveBitValues {

    private final byte[] bytes;
    private final int size;

    TwelveBitValues(int size) {
        this(new byte[byteLength(size)], size);
    }

    private TwelveBitValues(byte[] bytes, int size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** Values over {@code bytes} as {@link #bytes()} returned them; the array is not copied. */
    static TwelveBitValues wrap(byte[] bytes, int size) {
        if (bytes.length != byteLength(size)) {
            throw new IllegalArgumentException(
                    bytes.length + " bytes do not hold " + size + " 12-bit values");
        }
        return new TwelveBitValues(bytes, size);
    }

    static int byteLength(int size) {
        return Math.toIntExact((size * 3L + 1) / 2);
    }

    int size() {
        return size;
    }

    int get(int index) {
        int at = index + (index >>> 1);
        int pair = bytes[at] & 0xFF | (bytes[at + 1] & 0xFF) << 8;
        return (index & 1) == 0 ? pair & 0xFFF : pair >>> 4;
    }

    void set(int index, int value) {
        int at = index + (index >>> 1);
        if ((index & 1) == 0) {
            bytes[at] = (byte) value;
            bytes[at + 1] = (byte) (bytes[at + 1] & 0xF0 | value >>> 8);
        } else {
            bytes[at] = (byte) (bytes[at] & 0x0F | value << 4);
            bytes[at + 1] = (byte) (value >>> 4);
        }
    }

    /** The packed bytes themselves, for snapshots. */
    byte[] bytes() {
        return bytes;
    }
}
