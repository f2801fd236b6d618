package io.pensu.flink.model.compact;

import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.state.PackedArrays;

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
 * <p>The synapses, its only large state, are {@link PotentialPools}: only the potential pool's
 * permanences are stored, so memory follows {@code potentialPct}. A pooler that does not learn
 * ({@code sp.learn} 0) never changes them: it takes the pools {@link FixedPools} keeps for its
 * parameters, one copy for every network that has them, and has no state of its own to snapshot.
 */
final class SpatialPooler {

    private static final double CONNECTED_AT_START = 0.5;
    private static final int DUTY_CYCLE_PERIOD = 1000;
    private static final double MIN_OVERLAP_DUTY_CYCLE_FRACTION = 0.001;
    private static final int MIN_DUTY_CYCLE_UPDATE_PERIOD = 50;

    private final int columns;
    private final int activeColumns;
    private final boolean learns;
    private final double boostStrength;
    private final double targetDensity;

    private final PotentialPools pools;

    private final int increment;
    private final int decrement;
    private final int weakColumnIncrement;

    // Learning state; null in a pooler that does not learn.
    private final double[] overlapDutyCycles;
    private final double[] activeDutyCycles;
    private final double[] boostFactors;
    private double minOverlapDutyCycle;
    private int iteration;

    // Scratch space, rebuilt on every compute; a pooler that does not learn updates its overlaps
    // from the last step's (previousInputBits, columnsByInput; null in one that learns).
    private final int[] overlaps;
    private long[] inputBits;
    private long[] previousInputBits;
    private final ColumnsByInput columnsByInput;
    private final TopColumns top;
    private final int[] overlapCounts;

    private SpatialPooler(NetworkParameters p, PotentialPools pools) {
        this.columns = p.columnCount();
        this.activeColumns = p.activeColumnsPerInhArea();
        this.learns = p.spLearn() == 1;
        this.boostStrength = p.boostStrength();
        this.targetDensity = (double) activeColumns / columns;
        this.pools = pools;
        this.increment = Permanence.step(p.synPermActiveInc(), "sp.synPermActiveInc");
        this.decrement = Permanence.step(p.synPermInactiveDec(), "sp.synPermInactiveDec");
        this.weakColumnIncrement = Permanence.units(p.synPermConnected() / 10);
        this.overlapDutyCycles = learns ? new double[columns] : null;
        this.activeDutyCycles = learns ? new double[columns] : null;
        this.boostFactors = learns ? new double[columns] : null;
        if (learns) {
            Arrays.fill(boostFactors, 1.0);
        }
        this.overlaps = new int[columns];
        this.inputBits = pools.newInputBitmap();
        this.previousInputBits = learns ? null : pools.newInputBitmap();
        this.columnsByInput = learns ? null : pools.columnsByInput();
        this.top = new TopColumns(activeColumns);
        this.overlapCounts = new int[pools.inputs() + 1];
    }

    private static char stored(double permanence) {
        return (char) (Permanence.units(permanence) + 1);
    }

    /** Pools of {@code inputs} inputs for the parameters' columns and thresholds. */
    private static PotentialPools pools(
            NetworkParameters p, int inputs, PotentialPools.ColumnRows rows) {
        return PotentialPools.fromRows(
                inputs,
                p.columnCount(),
                stored(p.synPermConnected()),
                stored(p.synPermActiveInc() / 2),
                rows);
    }

    /**
     * A new pooler: one that learns draws its pools from the network's {@code random}, one that
     * does not takes its parameters' {@link FixedPools} and leaves {@code random} alone.
     */
    static SpatialPooler create(NetworkParameters p, int inputs, SplitMix64 random) {
        return new SpatialPooler(
                p, p.spLearn() == 1 ? drawPools(p, inputs, random) : FixedPools.of(p, inputs));
    }

    /**
     * Pools whose columns each sample {@code potentialPct} of the inputs at random, with
     * permanences uniform above the connection threshold for half of them and below it for the
     * other half.
     */
    static PotentialPools drawPools(NetworkParameters p, int inputs, SplitMix64 random) {
        int potential = (int) Math.round(inputs * p.potentialPct());
        double threshold = p.synPermConnected();
        double trimBelow = p.synPermActiveInc() / 2;
        int[] order = new int[inputs];
        PotentialPools.ColumnRows draws =
                (column, row) -> {
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
                        row[input] = permanence < trimBelow ? 1 : stored(permanence);
                    }
                };
        return pools(p, inputs, draws);
    }

    /**
     * Activates the columns with the highest boosted overlap with the active input bits, and learns
     * if it is a pooler that learns.
     *
     * @return the active columns, ascending
     */
    int[] compute(int[] activeInputs, int activeInputCount) {
        computeOverlaps(activeInputs, activeInputCount);
        int[] winners = inhibit();
        if (learns) {
            iteration++;
            learn(winners);
        }
        return winners;
    }

    /** The pools, which a pooler that does not learn shares; for measurements. */
    PotentialPools pools() {
        return pools;
    }

    private void computeOverlaps(int[] activeInputs, int count) {
        if (columnsByInput != null) {
            long[] swap = previousInputBits;
            previousInputBits = inputBits;
            inputBits = swap;
        }
        Arrays.fill(inputBits, 0);
        for (int k = 0; k < count; k++) {
            inputBits[activeInputs[k] >>> 6] |= 1L << activeInputs[k];
        }
        if (columnsByInput == null
                || !columnsByInput.update(previousInputBits, inputBits, overlaps)) {
            pools.overlaps(inputBits, overlaps);
        }
    }

    private int[] inhibit() {
        if (boostStrength == 0) {
            return top.ascendingColumnsByCount(overlaps, overlapCounts);
        }
        top.clear();
        for (int c = 0; c < columns; c++) {
            top.offer(c, overlaps[c] * boostFactors[c]);
        }
        return top.ascendingColumns();
    }

    private void learn(int[] winners) {
        for (int column : winners) {
            pools.adapt(column, inputBits, increment, -decrement);
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
     * {@code (dutyCycle x (period - 1) + active) / period} for every column, one operation per pass
     * over the arrays, which the JIT turns into vector instructions; each value is rounded after
     * the same operations as in the one expression, so the results are the same.
     */
    private void updateDutyCycles(int[] winners) {
        int period = Math.min(iteration, DUTY_CYCLE_PERIOD);
        double kept = period - 1;
        for (int c = 0; c < columns; c++) {
            overlapDutyCycles[c] *= kept;
            activeDutyCycles[c] *= kept;
        }
        for (int c = 0; c < columns; c++) {
            if (overlaps[c] > 0) {
                overlapDutyCycles[c] += 1;
            }
        }
        for (int c = 0; c < columns; c++) {
            overlapDutyCycles[c] /= period;
            activeDutyCycles[c] /= period;
        }
        for (int column : winners) {
            activeDutyCycles[column] += 1.0 / period;
        }
    }

    private void bumpWeakColumns() {
        for (int column = 0; column < columns; column++) {
            if (overlapDutyCycles[column] < minOverlapDutyCycle) {
                pools.adapt(column, inputBits, weakColumnIncrement, weakColumnIncrement);
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

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(pools.inputs());
        if (!learns) {
            return;
        }
        out.writeInt(iteration);
        out.writeDouble(minOverlapDutyCycle);
        PackedArrays.writeDoubles(out, overlapDutyCycles);
        PackedArrays.writeDoubles(out, activeDutyCycles);
        pools.writeTo(out);
    }

    /**
     * Reads a snapshot of {@code formatVersion} (of {@link CompactNetwork}) of a pooler of {@code
     * inputs} inputs.
     */
    static SpatialPooler readFrom(
            DataInput in, NetworkParameters p, int formatVersion, int expectedInputs)
            throws IOException {
        int inputs = in.readInt();
        if (inputs != expectedInputs
                || p.spLearn() == 0 && formatVersion < CompactNetwork.FIXED_POOLS_VERSION) {
            throw new IOException("spatial pooler snapshot does not fit its parameters");
        }
        if (p.spLearn() == 0) {
            return new SpatialPooler(p, FixedPools.of(p, inputs));
        }
        int iteration = in.readInt();
        double minOverlapDutyCycle = in.readDouble();
        double[] overlapDutyCycles = PackedArrays.readDoubles(in);
        double[] activeDutyCycles = PackedArrays.readDoubles(in);
        if (overlapDutyCycles.length != p.columnCount()
                || activeDutyCycles.length != p.columnCount()) {
            throw new IOException("spatial pooler snapshot does not fit its parameters");
        }
        PotentialPools pools =
                formatVersion < CompactNetwork.POTENTIAL_POOLS_VERSION
                        ? readDensePools(in, p, inputs)
                        : PotentialPools.readFrom(
                                in,
                                inputs,
                                p.columnCount(),
                                stored(p.synPermConnected()),
                                stored(p.synPermActiveInc() / 2));
        SpatialPooler pooler = new SpatialPooler(p, pools);
        pooler.iteration = iteration;
        pooler.minOverlapDutyCycle = minOverlapDutyCycle;
        System.arraycopy(overlapDutyCycles, 0, pooler.overlapDutyCycles, 0, p.columnCount());
        System.arraycopy(activeDutyCycles, 0, pooler.activeDutyCycles, 0, p.columnCount());
        pooler.updateBoostFactors();
        return pooler;
    }

    /**
     * Formats 1 and 2: a bitmap of the potential (input, column) pairs, input-major, then their
     * stored values in that order.
     */
    private static PotentialPools readDensePools(DataInput in, NetworkParameters p, int inputs)
            throws IOException {
        int columns = p.columnCount();
        long[] pool = PackedArrays.readLongs(in);
        // The pool, already read, bounds the cells, so a corrupt input count allocates nothing.
        long cells = (long) inputs * columns;
        if (cells > Integer.MAX_VALUE || !poolFits(pool, (int) cells)) {
            throw new IOException("spatial pooler snapshot does not fit its parameters");
        }
        char[] dense = new char[(int) cells];
        PackedArrays.readTwelveBits(in, pool, dense);
        return pools(
                p,
                inputs,
                (column, row) -> {
                    for (int input = 0; input < inputs; input++) {
                        row[input] = dense[input * columns + column];
                    }
                });
    }

    /** A pool bitmap of exactly {@code cells} bits. */
    private static boolean poolFits(long[] pool, int cells) {
        int tail = cells % 64;
        return pool.length == (cells + 63) / 64
                && (tail == 0 || pool[pool.length - 1] >>> tail == 0);
    }
}
