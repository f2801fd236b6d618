package io.pensu.flink.classifier;

import io.pensu.flink.state.HuffmanArrays;
import io.pensu.flink.state.PackedArrays;
import io.pensu.flink.state.SnapshotInput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One prediction step's single-layer softmax regression from active input bits to value slots: a
 * row of weights per slot, with a column per input bit learned so far (see {@link LearnedBits}).
 *
 * <p>Weights are stored as float, the classifier's largest state by far (learned bits x slots x
 * steps), which halves its memory and snapshot; their precision is ample for logits built from
 * increments of alpha times an error below 1. All arithmetic is done in double and rounded to float
 * only when a weight is stored, so results are still fully deterministic.
 *
 * <p>The weights are held column by column (an active bit's weights of every slot side by side), so
 * that a step adds and learns a few columns, each a short run the JIT turns into vector
 * instructions; each slot's sum still adds its columns in the bits' order, so the results are those
 * of a row at a time.
 */
final class SoftmaxWeights {
    /** A snapshot's weights: the high bits of each Huffman-coded, the low ones as they are. */
    private static final int HIGH_BITS = 12;

    private static final int LOW_BITS = Integer.SIZE - HIGH_BITS;
    private static final int LOW_MASK = (1 << LOW_BITS) - 1;

    private final LearnedBits learnedBits;
    private final int maxSlots;

    /** Column {@code c}'s weight of slot {@code s} at {@code c * slotCapacity + s}. */
    private float[] weights = new float[0];

    private int slotCapacity;
    private int count;

    /**
     * The last probabilities, then (while learning) the changes they make: one array reused by
     * every call, where a new one per call was most of the classifier's allocation.
     */
    private final double[] slotValues;

    SoftmaxWeights(int inputWidth, int maxSlots) {
        this(new LearnedBits(inputWidth), maxSlots);
    }

    private SoftmaxWeights(LearnedBits learnedBits, int maxSlots) {
        this.learnedBits = learnedBits;
        this.maxSlots = maxSlots;
        this.slotValues = new double[maxSlots];
    }

    /** Adds a row of zero weights for a new slot at this position. */
    void insertRow(int slot) {
        if (count == slotCapacity) {
            relayout(Math.min(maxSlots, Math.max(2, 2 * slotCapacity)), learnedBits.count());
        }
        for (int base = 0; base < learnedEnd(); base += slotCapacity) {
            System.arraycopy(weights, base + slot, weights, base + slot + 1, count - slot);
            weights[base + slot] = 0;
        }
        count++;
    }

    /** Forgets the row of a slot that was given up. */
    void removeRow(int slot) {
        count--;
        for (int base = 0; base < learnedEnd(); base += slotCapacity) {
            System.arraycopy(weights, base + slot + 1, weights, base + slot, count - slot);
        }
    }

    /**
     * The end of the learned bits' columns: the spare columns after them are all zero, so moving
     * rows there would only move zeros.
     */
    private int learnedEnd() {
        return learnedBits.count() * slotCapacity;
    }

    /** Room for {@code capacity} slots in each of {@code columns} columns, the weights kept. */
    private void relayout(int capacity, int columns) {
        float[] moved = new float[columns * capacity];
        int kept = slotCapacity == 0 ? 0 : Math.min(weights.length / slotCapacity, columns);
        for (int column = 0; column < kept; column++) {
            System.arraycopy(weights, column * slotCapacity, moved, column * capacity, count);
        }
        weights = moved;
        slotCapacity = capacity;
    }

    /**
     * Room for the newly learned bits' columns and half as many again: a young model learns a few
     * bits a step, and an array grown to the exact size each time would be copied on most steps,
     * each copy a live array for the garbage collector to move (41 % of a job's allocation with a
     * thousand young models).
     */
    private void growColumns() {
        int columns = Math.min(learnedBits.capacity(), learnedBits.count() * 3 / 2);
        weights = Arrays.copyOf(weights, Math.max(columns, learnedBits.count()) * slotCapacity);
    }

    /** The number of slots, each with a row of weights. */
    int slots() {
        return count;
    }

    /**
     * The probability of each slot given the active bits: the first {@link #slots} values of an
     * array that the next call overwrites.
     */
    double[] probabilities(int[] activeBits) {
        return probabilitiesOfColumns(learnedBits.columnsOf(activeBits));
    }

    private double[] probabilitiesOfColumns(int[] columns) {
        double[] activations = slotValues;
        Arrays.fill(activations, 0, count, 0.0);
        for (int column : columns) {
            int base = column * slotCapacity;
            for (int slot = 0; slot < count; slot++) {
                activations[slot] += weights[base + slot];
            }
        }
        double highest = Double.NEGATIVE_INFINITY;
        for (int slot = 0; slot < count; slot++) {
            highest = Math.max(highest, activations[slot]);
        }
        // Shifting by the highest activation keeps exp from overflowing; StrictMath keeps the
        // results identical on every JVM and CPU, which restored state relies on.
        double total = 0;
        for (int slot = 0; slot < count; slot++) {
            activations[slot] = StrictMath.exp(activations[slot] - highest);
            total += activations[slot];
        }
        for (int slot = 0; slot < count; slot++) {
            activations[slot] /= total;
        }
        return activations;
    }

    /** One gradient step of the cross-entropy loss towards the target slot. */
    void learn(int[] activeBits, int targetSlot, double alpha) {
        int[] columns = learnedBits.learn(activeBits);
        if (weights.length < learnedBits.count() * slotCapacity) {
            growColumns();
        }
        double[] changes = probabilitiesOfColumns(columns);
        for (int slot = 0; slot < count; slot++) {
            double target = slot == targetSlot ? 1.0 : 0.0;
            changes[slot] = alpha * (target - changes[slot]);
        }
        for (int column : columns) {
            int base = column * slotCapacity;
            for (int slot = 0; slot < count; slot++) {
                weights[base + slot] = (float) (weights[base + slot] + changes[slot]);
            }
        }
    }

    /**
     * The learned bits as unsigned shorts (the shape keeps the input below 2^16 bits); then which
     * weights are not +0.0, a bit each, row after row; then those weights, each split into its high
     * {@value #HIGH_BITS} bits (sign, exponent and the first mantissa bits: few distinct ones, some
     * far more frequent, so in a Huffman code of their own values, about 6.4 bits) and its low
     * {@value #LOW_BITS} bits as they are. Most weights are still zero: a row starts at zero for a
     * new slot and a column only changes when its bit is active.
     */
    void writeTo(DataOutput out) throws IOException {
        int[] bits = learnedBits.bitsByColumn();
        int columns = bits.length;
        ByteBuffer learned = ByteBuffer.allocate(Short.BYTES * columns);
        for (int bit : bits) {
            learned.putShort((short) bit);
        }
        byte[] nonZero = new byte[bitmapLength(count, columns)];
        int[] high = new int[count * columns];
        int[] low = new int[count * columns];
        int written = 0;
        for (int slot = 0; slot < count; slot++) {
            for (int column = 0; column < columns; column++) {
                int weight = Float.floatToRawIntBits(this.weights[column * slotCapacity + slot]);
                if (weight != 0) {
                    int index = slot * columns + column;
                    nonZero[index >>> 3] |= (byte) (1 << (index & 7));
                    high[written] = weight >>> LOW_BITS;
                    low[written++] = weight & LOW_MASK;
                }
            }
        }
        out.writeInt(columns);
        out.write(learned.array());
        out.write(nonZero);
        HuffmanArrays.write(out, high, 0, written);
        PackedArrays.writeBits(out, low, 0, written, LOW_BITS);
    }

    static SoftmaxWeights readFrom(DataInput in, int inputWidth, int maxSlots, int count)
            throws IOException {
        return readNonZero(in, inputWidth, maxSlots, count, SoftmaxWeights::readSplitWeights);
    }

    /** Reads format 4's weights: as {@link #writeTo} writes them, the weights as floats. */
    static SoftmaxWeights readFormat4(DataInput in, int inputWidth, int maxSlots, int count)
            throws IOException {
        return readNonZero(in, inputWidth, maxSlots, count, SoftmaxWeights::readFloats);
    }

    /** How the weights that are not zero follow their bitmap. */
    private interface NonZeroWeights {
        FloatBuffer read(DataInput in, int count) throws IOException;
    }

    private static FloatBuffer readFloats(DataInput in, int count) throws IOException {
        return readBlock(in, Float.BYTES * (long) count).asFloatBuffer();
    }

    private static FloatBuffer readSplitWeights(DataInput in, int count) throws IOException {
        int[] high = HuffmanArrays.read(in);
        if (high.length != count) {
            throw new IOException(
                    "Classifier has " + high.length + " weights for " + count + " bitmap marks");
        }
        int[] low = PackedArrays.readBits(in, count, LOW_BITS);
        FloatBuffer weights = FloatBuffer.allocate(count);
        for (int i = 0; i < count; i++) {
            if (high[i] >>> HIGH_BITS != 0) {
                throw new IOException("Classifier weight of more than 32 bits in snapshot");
            }
            weights.put(Float.intBitsToFloat(high[i] << LOW_BITS | low[i]));
        }
        return weights.flip();
    }

    private static SoftmaxWeights readNonZero(
            DataInput in, int inputWidth, int maxSlots, int count, NonZeroWeights reader)
            throws IOException {
        int columns = readColumns(in, inputWidth);
        ByteBuffer learned = readBlock(in, Short.BYTES * (long) columns);
        int[] bits = new int[columns];
        for (int column = 0; column < columns; column++) {
            bits[column] = Short.toUnsignedInt(learned.getShort());
        }
        byte[] nonZero = readBlock(in, bitmapLength(count, columns)).array();
        int nonZeroCount = 0;
        for (byte eight : nonZero) {
            nonZeroCount += Integer.bitCount(eight & 0xFF);
        }
        FloatBuffer weights = reader.read(in, nonZeroCount);
        SoftmaxWeights read = restored(inputWidth, bits, maxSlots, count);
        for (int slot = 0; slot < count; slot++) {
            for (int column = 0; column < columns; column++) {
                int index = slot * columns + column;
                if ((nonZero[index >>> 3] & 1 << (index & 7)) != 0) {
                    read.weights[column * read.slotCapacity + slot] = weights.get();
                }
            }
        }
        if (weights.hasRemaining()) {
            throw new IOException("Classifier weight bitmap marks bits beyond its rows");
        }
        return read;
    }

    /** Reads format 3's weights: the learned bits as ints, then every weight of every row. */
    static SoftmaxWeights readFormat3(DataInput in, int inputWidth, int maxSlots, int count)
            throws IOException {
        int columns = readColumns(in, inputWidth);
        int[] bits = new int[columns];
        ByteBuffer buffer = readBlock(in, Integer.BYTES * columns * (1 + (long) count));
        buffer.asIntBuffer().get(bits);
        FloatBuffer weights = buffer.position(Integer.BYTES * columns).asFloatBuffer();
        SoftmaxWeights read = restored(inputWidth, bits, maxSlots, count);
        for (int slot = 0; slot < count; slot++) {
            for (int column = 0; column < columns; column++) {
                read.weights[column * read.slotCapacity + slot] = weights.get();
            }
        }
        return read;
    }

    /** Zero weights of {@code count} slots for the learned {@code bits}. */
    private static SoftmaxWeights restored(int inputWidth, int[] bits, int maxSlots, int count)
            throws IOException {
        if (count > maxSlots) {
            throw new IOException("Classifier has " + count + " slots of at most " + maxSlots);
        }
        SoftmaxWeights read = new SoftmaxWeights(LearnedBits.restore(inputWidth, bits), maxSlots);
        read.relayout(count, bits.length);
        read.count = count;
        return read;
    }

    private static int bitmapLength(int count, int columns) {
        return (int) (((long) count * columns + 7) / Byte.SIZE);
    }

    /** Reads past format 1's weights: a dense row of the input width per bucket. */
    static void skipFormat1(DataInput in, int inputWidth, int count) throws IOException {
        readBlock(in, Float.BYTES * inputWidth * (long) count);
    }

    /** Reads past format 2's weights: the learned bits, then a row of theirs per bucket. */
    static void skipFormat2(DataInput in, int inputWidth, int count) throws IOException {
        int columns = readColumns(in, inputWidth);
        readBlock(in, Integer.BYTES * columns * (1 + (long) count));
    }

    private static int readColumns(DataInput in, int inputWidth) throws IOException {
        int columns = in.readInt();
        if (columns < 0 || columns > inputWidth) {
            throw new IOException("Learned input bits " + columns + " in snapshot");
        }
        return columns;
    }

    private static ByteBuffer readBlock(DataInput in, long length) throws IOException {
        SnapshotInput.requireBytes(in, length, "classifier weights");
        byte[] block = new byte[(int) length];
        in.readFully(block);
        return ByteBuffer.wrap(block);
    }
}
