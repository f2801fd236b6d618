package io.pensu.flink.model.compact;

import io.pensu.flink.model.NetworkParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Spatial pooler with global inhibition (Numenta, BAMI "Spatial Pooling Algorithm Details"), with
 * NuPIC's settings where BAMI leaves a choice: half of a column's potential synapses start
 * connected, duty cycles over 1000 steps, weak columns bumped below 0.1% of the busiest column's
 * overlap duty cycle, exponential boosting.
 *
 * <p>Every (input bit, column) pair has one 16-bit cell in {@link #permanences}, input-major: 0
 * means "not in the column's potential pool", otherwise the permanence plus one unit. Computing the
 * overlaps then walks one contiguous row per active input bit, and the array is the pooler's only
 * large state.
 */
final class SpatialPooler {

    private static final double CONNECTED_AT_START = 0.5;
    private static final int DUTY_CYCLE_PERIOD = 1000;
    private static final double MIN_OVERLAP_DUTY_CYCLE_FRACTION = 0.001;
    private static final int MIN_DUTY_CYCLE_UPDATE_PERIOD = 50;

    private final int inputs;
    private final int columns;
    private final int activeColumns;
    private final double boostStrength;
    private final double targetDensity;

    /**
     * Stored permanence values: {@code units + 1} (at most 4095, 12 bits); 0 for pairs outside the
     * potential pool.
     */
    private final char[] permanences;

    private final int connected;
    private final int increment;
    private final int decrement;
    private final int trim;
    private final int weakColumnIncrement;

    private final double[] overlapDutyCycles;
    private final double[] activeDutyCycles;
    private final double[] boostFactors;
    private double minOverlapDutyCycle;
    private int iteration;

    // Scratch space, rebuilt on every compute.
    private final int[] overlaps;
    private final boolean[] inputActive;
    private final TopColumns top;

    private SpatialPooler(NetworkParameters p, int inputs, char[] permanences) {
        this.inputs = inputs;
        this.columns = p.columnCount();
        this.activeColumns = p.activeColumnsPerInhArea();
        this.boostStrength = p.boostStrength();
        this.targetDensity = (double) activeColumns / columns;
        this.permanences = permanences;
        this.connected = stored(p.synPermConnected());
        this.increment = Permanence.step(p.synPermActiveInc(), "sp.synPermActiveInc");
        this.decrement = Permanence.step(p.synPermInactiveDec(), "sp.synPermInactiveDec");
        this.trim = stored(p.synPermActiveInc() / 2);
        this.weakColumnIncrement = Permanence.units(p.synPermConnected() / 10);
        this.overlapDutyCycles = new double[columns];
        this.activeDutyCycles = new double[columns];
        this.boostFactors = new double[columns];
        Arrays.fill(boostFactors, 1.0);
        this.overlaps = new int[columns];
        this.inputActive = new boolean[inputs];
        this.top = new TopColumns(activeColumns);
    }

    private static char stored(double permanence) {
        return (char) (Permanence.units(permanence) + 1);
    }

    /**
     * A pooler whose columns each sample {@code potentialPct} of the inputs at random, with
     * permanences uniform above the connection threshold for half of them and below it for the
     * other half.
     */
    static SpatialPooler create(NetworkParameters p, int inputs, SplitMix64 random) {
        int columns = p.columnCount();
        char[] permanences = new char[inputs * columns];
        int potential = (int) Math.round(inputs * p.potentialPct());
        double threshold = p.synPermConnected();
        double trimBelow = p.synPermActiveInc() / 2;
        int[] order = new int[inputs];
        for (int column = 0; column < columns; column++) {
            for (int i = 0; i < inputs; i++) {
                order[i] = i;
            }
            for (int k = 0; k < potential; k++) {
                int pick = k + random.nextInt(inputs - k);
                int input = order[pick];
                order[pick] = order[k];
                order[k] = input;
                double permanence =
                        random.nextDouble() < CONNECTED_AT_START
                                ? threshold + (1 - threshold) * random.nextDouble()
                                : threshold * random.nextDouble();
                permanences[input * columns + column] =
                        permanence < trimBelow ? 1 : stored(permanence);
            }
        }
        return new SpatialPooler(p, inputs, permanences);
    }

    /**
     * Activates the columns with the highest boosted overlap with the active input bits and learns.
     *
     * @return the active columns, ascending
     */
    int[] compute(int[] activeInputs, int activeInputCount) {
        iteration++;
        computeOverlaps(activeInputs, activeInputCount);
        int[] winners = inhibit();
        learn(winners, activeInputs, activeInputCount);
        return winners;
    }

    private void computeOverlaps(int[] activeInputs, int count) {
        Arrays.fill(overlaps, 0);
        for (int k = 0; k < count; k++) {
            int row = activeInputs[k] * columns;
            // 1 exactly when the stored value reaches the threshold; arithmetic rather than a
            // branch, so that the JIT can vectorise the loop.
            for (int c = 0; c < columns; c++) {
                overlaps[c] += (connected - 1 - permanences[row + c]) >>> 31;
            }
        }
    }

    private int[] inhibit() {
        top.clear();
        for (int c = 0; c < columns; c++) {
            top.offer(c, overlaps[c] * boostFactors[c]);
        }
        return top.ascendingColumns();
    }

    private void learn(int[] winners, int[] activeInputs, int activeInputCount) {
        for (int k = 0; k < activeInputCount; k++) {
            inputActive[activeInputs[k]] = true;
        }
        adaptWinners(winners);
        for (int k = 0; k < activeInputCount; k++) {
            inputActive[activeInputs[k]] = false;
        }
        updateDutyCycles(winners);
        bumpWeakColumns();
        updateBoostFactors();
        if (iteration % MIN_DUTY_CYCLE_UPDATE_PERIOD == 0) {
            double busiest = 0;
            for (double d : overlapDutyCycles) {
                busiest = Math.max(busiest, d);
            }
            minOverlapDutyCycle = MIN_OVERLAP_DUTY_CYCLE_FRACTION * busiest;
        }
    }

    /**
     * Reinforces the winners' synapses from active input bits and weakens the others. Row by row,
     * so that memory is read in order rather than a row's length apart.
     */
    private void adaptWinners(int[] winners) {
        for (int input = 0, row = 0; input < inputs; input++, row += columns) {
            int change = inputActive[input] ? increment : -decrement;
            for (int column : winners) {
                int value = permanences[row + column];
                if (value != 0) {
                    permanences[row + column] = clipStored(value + change);
                }
            }
        }
    }

    /** Keeps a potential synapse's stored value in [1, ONE + 1], trimming tiny permanences to 0. */
    private char clipStored(int value) {
        return (char) (value < trim ? 1 : Math.min(value, Permanence.ONE + 1));
    }

    private void updateDutyCycles(int[] winners) {
        int period = Math.min(iteration, DUTY_CYCLE_PERIOD);
        for (int c = 0; c < columns; c++) {
            overlapDutyCycles[c] =
                    (overlapDutyCycles[c] * (period - 1) + (overlaps[c] > 0 ? 1 : 0)) / period;
            activeDutyCycles[c] = activeDutyCycles[c] * (period - 1) / period;
        }
        for (int column : winners) {
            activeDutyCycles[column] += 1.0 / period;
        }
    }

    private void bumpWeakColumns() {
        for (int column = 0; column < columns; column++) {
            if (overlapDutyCycles[column] < minOverlapDutyCycle) {
                for (int cell = column; cell < permanences.length; cell += columns) {
                    if (permanences[cell] != 0) {
                        permanences[cell] = clipStored(permanences[cell] + weakColumnIncrement);
                    }
                }
            }
        }
    }

    private void updateBoostFactors() {
        if (boostStrength != 0) {
            for (int c = 0; c < columns; c++) {
                boostFactors[c] = Math.exp((targetDensity - activeDutyCycles[c]) * boostStrength);
            }
        }
    }

    /**
     * Writes the potential pools as a bitmap and then only their permanences: a fifth of the pairs
     * are outside the pools with the default parameters.
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(inputs);
        out.writeInt(iteration);
        out.writeDouble(minOverlapDutyCycle);
        PackedArrays.writeDoubles(out, overlapDutyCycles);
        PackedArrays.writeDoubles(out, activeDutyCycles);
        long[] pool = new long[(permanences.length + 63) / 64];
        int count = 0;
        for (int word = 0, base = 0; word < pool.length; word++, base += 64) {
            long bits = 0;
            for (int i = base, end = Math.min(base + 64, permanences.length); i < end; i++) {
                bits |= (long) (-permanences[i] >>> 31) << i;
            }
            pool[word] = bits;
            count += Long.bitCount(bits);
        }
        PackedArrays.writeLongs(out, pool);
        PackedArrays.writeTwelveBits(out, permanences, pool, count);
    }

    static SpatialPooler readFrom(DataInput in, NetworkParameters p) throws IOException {
        int inputs = in.readInt();
        int iteration = in.readInt();
        double minOverlapDutyCycle = in.readDouble();
        double[] overlapDutyCycles = PackedArrays.readDoubles(in);
        double[] activeDutyCycles = PackedArrays.readDoubles(in);
        long[] pool = PackedArrays.readLongs(in);
        // The pool, already read, bounds the cells, so a corrupt input count allocates nothing.
        long cells = (long) inputs * p.columnCount();
        if (overlapDutyCycles.length != p.columnCount()
                || activeDutyCycles.length != p.columnCount()
                || inputs < 0
                || cells > Integer.MAX_VALUE
                || !poolFits(pool, (int) cells)) {
            throw new IOException("spatial pooler snapshot does not fit its parameters");
        }
        char[] permanences = new char[(int) cells];
        PackedArrays.readTwelveBits(in, pool, permanences);
        SpatialPooler pooler = new SpatialPooler(p, inputs, permanences);
        pooler.iteration = iteration;
        pooler.minOverlapDutyCycle = minOverlapDutyCycle;
        System.arraycopy(overlapDutyCycles, 0, pooler.overlapDutyCycles, 0, p.columnCount());
        System.arraycopy(activeDutyCycles, 0, pooler.activeDutyCycles, 0, p.columnCount());
        pooler.updateBoostFactors();
        return pooler;
    }

    /** A pool bitmap of exactly {@code cells} bits. */
    private static boolean poolFits(long[] pool, int cells) {
        int tail = cells % 64;
        return pool.length == (cells + 63) / 64
                && (tail == 0 || pool[pool.length - 1] >>> tail == 0);
    }
}
