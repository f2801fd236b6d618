package io.pensu.flink.likelihood;

import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Metric values written losslessly in a few bytes each. Values arrive as decimal text (carbon
 * lines), so most are a short decimal: an integer m over 10^d that division gives back bit for bit.
 * A value is written as the difference of its m from the previous value times the same 10^d, in a
 * zigzag varint whose lowest bit says whether d changed (then d follows in a byte); a value that is
 * no such decimal (-0.0, a value computed in binary), or whose change would take as many bytes, is
 * written as its 8 bytes after a marker. Coded in memory and written in one block: byte by byte
 * through a stream would take longer than the coding.
 */
final class DecimalDeltas {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /**
     * Above this an integer is no longer exact in a double, nor a difference safe from overflow.
     */
    private static final double EXACT_LIMIT = 0x1p53;

    private static final int BINARY = 0xFF;

    /**
     * A binary value after a decimal: its header, its scale and its 8 bytes; decimals take less.
     */
    private static final int MAX_BYTES_PER_VALUE = 2 + Double.BYTES;

    private static final long NOT_EXACT = Long.MIN_VALUE;

    private DecimalDeltas() {}

    /** The length of the coded values, then the values. */
    static void write(DataOutput out, double[] values) throws IOException {
        ByteBuffer coded = ByteBuffer.allocate(values.length * MAX_BYTES_PER_VALUE);
        double previous = 0;
        int previousScale = 0;
        for (double value : values) {
            int scale = scaleOf(value);
            long delta = 0;
            if (scale != BINARY) {
                delta = exactMantissa(value, scale) - reference(previous, scale);
                // Ties go to binary: a decimal between two binaries costs a scale byte more.
                if (decimalBytes(delta, scale != previousScale)
                        >= binaryBytes(previousScale != BINARY)) {
                    scale = BINARY;
                    delta = 0;
                }
            }
            int scaleChanged = scale == previousScale ? 0 : 1;
            Varints.write(coded, zigzag(delta) << 1 | scaleChanged);
            if (scaleChanged == 1) {
                coded.put((byte) scale);
            }
            if (scale == BINARY) {
                coded.putLong(Double.doubleToRawLongBits(value));
            }
            previous = value;
            previousScale = scale;
        }
        out.writeInt(coded.position());
        out.write(coded.array(), 0, coded.position());
    }

    static void read(DataInput in, double[] values, int count) throws IOException {
        int length = in.readInt();
        SnapshotInput.requireBytes(in, length, "anomaly history values");
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        ByteBuffer coded = ByteBuffer.wrap(bytes);
        try {
            decode(coded, values, count);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException("Anomaly history values cut short or damaged in snapshot", e);
        }
        if (coded.hasRemaining()) {
            throw new IOException(coded.remaining() + " bytes after the anomaly history values");
        }
    }

    private static void decode(ByteBuffer coded, double[] values, int count) throws IOException {
        double previous = 0;
        int previousScale = 0;
        for (int i = 0; i < count; i++) {
            long header = Varints.read(coded);
            int scale = (header & 1) == 0 ? previousScale : coded.get() & 0xFF;
            if (scale == BINARY) {
                values[i] = Double.longBitsToDouble(coded.getLong());
            } else if (scale < POWERS_OF_TEN.length) {
                long delta = unzigzag(header >>> 1);
                values[i] = (reference(previous, scale) + delta) / POWERS_OF_TEN[scale];
            } else {
                throw new IOException("Decimal scale " + scale + " of a value in snapshot");
            }
            previous = values[i];
            previousScale = scale;
        }
    }

    /** A long decimal (16 digits, most of them changing) is smaller as a binary double. */
    private static int decimalBytes(long delta, boolean scaleChanged) {
        int header = Varints.length(zigzag(delta) << 1);
        return scaleChanged ? header + 1 : header;
    }

    private static int binaryBytes(boolean scaleChanged) {
        return (scaleChanged ? 2 : 1) + Double.BYTES;
    }

    /** The fewest decimal places that give the value back exactly, or {@link #BINARY}. */
    private static int scaleOf(double value) {
        for (int scale = 0; scale < POWERS_OF_TEN.length; scale++) {
            if (!(Math.abs(value * POWERS_OF_TEN[scale]) < EXACT_LIMIT)) {
                return BINARY;
            }
            if (exactMantissa(value, scale) != NOT_EXACT) {
                return scale;
            }
        }
        return BINARY;
    }

    /** The integer m that gives the value back as m / 10^scale, or {@link #NOT_EXACT}. */
    private static long exactMantissa(double value, int scale) {
        double scaled = value * POWERS_OF_TEN[scale];
        long nearest = Math.round(scaled);
        // A decimal of this scale times 10^scale lands within a rounding or two of its m; most
        // scales are too few digits, and this spares them the divisions.
        if (Math.abs(scaled - nearest) > 2 * Math.ulp(scaled)) {
            return NOT_EXACT;
        }
        // The product may round to a neighbour of the integer the decimal was written with.
        for (long candidate = nearest - 1; candidate <= nearest + 1; candidate++) {
            if (Double.doubleToRawLongBits(candidate / POWERS_OF_TEN[scale])
                    == Double.doubleToRawLongBits(value)) {
                return candidate;
            }
        }
        return NOT_EXACT;
    }

    /**
     * The previous value times 10^scale, rounded, which writer and reader compute alike; 0 where it
     * would not be exact.
     */
    private static long reference(double value, int scale) {
        double scaled = value * POWERS_OF_TEN[scale];
        return Math.abs(scaled) < EXACT_LIMIT ? Math.round(scaled) : 0;
    }

    private static long zigzag(long value) {
        return value << 1 ^ value >> 63;
    }

    private static long unzigzag(long value) {
        return value >>> 1 ^ -(value & 1);
    }
}
