package io.pensu.flink.model.compact;

import io.pensu.flink.state.PackedArrays;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Random distributed scalar encoder: every bucket of {@code resolution} width is {@code w} random
 * bits of {@code n}; neighbouring buckets share all but one bit, and buckets further apart than
 * {@code w} share at most {@link #MAX_OVERLAP} bits.
 *
 * <p>All buckets are windows over one sequence of random bit draws: bucket {@code b} is the draws
 * {@code [b, b + w)}. That gives neighbours their shared bits for free, and the whole encoder is
 * one int array. Draws are made on demand, outwards from the middle bucket, so a metric that stays
 * in its range never pays for the others; the random generator is the network's, so a snapshot
 * captures where the sequence stands.
 */
final class ValueEncoder {

    /** Buckets either side of the offset: values beyond share the edge buckets. */
    static final int MAX_BUCKETS = 1000;

    /** Most bits two buckets further apart than {@code w} may share. */
    static final int MAX_OVERLAP = 2;

    private final int bits;
    private final int activeBits;
    private final double offset;
    private final double resolution;
    private final int[] draws;
    private int low;
    private int high;

    private ValueEncoder(
            int bits, int activeBits, double offset, double resolution, int low, int high) {
        this.bits = bits;
        this.activeBits = activeBits;
        this.offset = offset;
        this.resolution = resolution;
        this.draws = new int[MAX_BUCKETS + activeBits - 1];
        this.low = low;
        this.high = high;
    }

    /** An encoder whose middle bucket is centred on {@code offset}. */
    static ValueEncoder create(
            int bits, int activeBits, double offset, double resolution, SplitMix64 random) {
        int middle = MAX_BUCKETS / 2;
        ValueEncoder encoder =
                new ValueEncoder(bits, activeBits, offset, resolution, middle, middle);
        encoder.ensureBucket(middle, random);
        return encoder;
    }

    int width() {
        return bits;
    }

    int activeBits() {
        return activeBits;
    }

    /** Writes the value's bits into {@code target} from {@code at}. */
    void encode(double value, SplitMix64 random, int[] target, int at) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot encode the value " + value);
        }
        int bucket = bucket(value);
        ensureBucket(bucket, random);
        System.arraycopy(draws, bucket, target, at, activeBits);
    }

    int bucket(double value) {
        double offsetBuckets = Math.rint((value - offset) / resolution) + MAX_BUCKETS / 2;
        return (int) Math.max(0, Math.min(MAX_BUCKETS - 1, offsetBuckets));
    }

    private void ensureBucket(int bucket, SplitMix64 random) {
        while (bucket < low) {
            int position = low - 1;
            draws[position] =
                    drawBit(
                            random,
                            position + 1,
                            Math.min(position + 2 * activeBits - 1, high),
                            position + 1,
                            Math.min(position + activeBits, high),
                            position + activeBits,
                            high - activeBits);
            low = position;
        }
        while (bucket + activeBits > high) {
            int position = high;
            int newBucket = position - activeBits + 1;
            draws[position] =
                    drawBit(
                            random,
                            Math.max(low, position - 2 * activeBits + 2),
                            position,
                            Math.max(low, newBucket),
                            position,
                            low,
                            newBucket - activeBits);
            high = position + 1;
        }
    }

    /**
     * A random bit for a new draw.
     *
     * @param nearFrom first of the draws that share a bucket with the new one or with its
     *     neighbours: the new bit must differ from all of them, which makes a bucket {@code d < w}
     *     away overlap in exactly {@code w - d} bits
     * @param keptFrom first of the draws the new bucket shares with its neighbour
     * @param farFrom first bucket further than {@code w} from the new one (inclusive range)
     */
    private int drawBit(
            SplitMix64 random,
            int nearFrom,
            int nearTo,
            int keptFrom,
            int keptTo,
            int farFrom,
            int farTo) {
        boolean[] kept = new boolean[bits];
        for (int i = keptFrom; i < keptTo; i++) {
            kept[draws[i]] = true;
        }
        boolean[] forbidden = new boolean[bits];
        for (int far = farFrom; far <= farTo; far++) {
            int overlap = 0;
            for (int i = far; i < far + activeBits; i++) {
                overlap += kept[draws[i]] ? 1 : 0;
            }
            if (overlap >= MAX_OVERLAP) {
                for (int i = far; i < far + activeBits; i++) {
                    forbidden[draws[i]] = true;
                }
            }
        }
        int allowed = markNear(forbidden, nearFrom, nearTo);
        if (allowed == 0) {
            // Too small an encoder for the overlap limit: keep at least the neighbours exact.
            Arrays.fill(forbidden, false);
            allowed = markNear(forbidden, nearFrom, nearTo);
        }
        int pick = random.nextInt(allowed);
        for (int bit = 0; ; bit++) {
            if (!forbidden[bit] && pick-- == 0) {
                return bit;
            }
        }
    }

    /** Forbids the near draws and returns how many bits remain allowed. */
    private int markNear(boolean[] forbidden, int nearFrom, int nearTo) {
        for (int i = nearFrom; i < nearTo; i++) {
            forbidden[draws[i]] = true;
        }
        int allowed = 0;
        for (boolean f : forbidden) {
            allowed += f ? 0 : 1;
        }
        return allowed;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(bits);
        out.writeInt(activeBits);
        out.writeDouble(offset);
        out.writeDouble(resolution);
        out.writeInt(low);
        PackedArrays.writeInts(out, draws, low, high - low);
    }

    /** Reads an encoder of {@code bits} bits, {@code activeBits} of them active. */
    static ValueEncoder readFrom(DataInput in, int bits, int activeBits) throws IOException {
        int storedBits = in.readInt();
        int storedActiveBits = in.readInt();
        double offset = in.readDouble();
        double resolution = in.readDouble();
        int low = in.readInt();
        int[] drawn = PackedArrays.readInts(in);
        if (storedBits != bits
                || storedActiveBits != activeBits
                || low < 0
                || (long) low + drawn.length > MAX_BUCKETS + activeBits - 1) {
            throw new IOException("value encoder snapshot does not fit its parameters");
        }
        ValueEncoder encoder =
                new ValueEncoder(bits, activeBits, offset, resolution, low, low + drawn.length);
        System.arraycopy(drawn, 0, encoder.draws, low, drawn.length);
        return encoder;
    }
}
