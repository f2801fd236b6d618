package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.NetworkParameters;

import org.numenta.nupic.Parameters;
import org.numenta.nupic.Parameters.KEY;
import org.numenta.nupic.util.MersenneTwister;

/** Translates {@link NetworkParameters} into htm.java's spatial pooler and temporal memory keys. */
final class HtmJavaParameters {

    private HtmJavaParameters() {}

    /**
     * The parameters for one network's {@code Connections}. Keys not set here keep htm.java's
     * defaults, which equal NuPIC's (stimulus threshold 0, duty cycle period 1000, minimum overlap
     * and activity duty cycle 0.001, wrap around, temporal memory connected permanence 0.5).
     *
     * @param inputWidth number of input bits, the encoders' widths summed
     * @param seed seed of the network's own random generator
     */
    static Parameters of(NetworkParameters p, int inputWidth, int seed) {
        Parameters h = Parameters.getAllDefaultParameters();
        // The defaults hold ONE generator shared by every Parameters in the JVM; networks that
        // share it change each other's results, so every network gets its own.
        h.set(KEY.RANDOM, new MersenneTwister(seed));
        h.set(KEY.SEED, seed);
        h.set(KEY.LEARN, true);

        h.set(KEY.INPUT_DIMENSIONS, new int[] {inputWidth});
        h.set(KEY.COLUMN_DIMENSIONS, new int[] {p.columnCount()});
        // With global inhibition every column may sample the whole input; htm.java expects the
        // radius to say so when its Network API is not used.
        h.set(KEY.POTENTIAL_RADIUS, inputWidth);
        h.set(KEY.POTENTIAL_PCT, p.potentialPct());
        h.set(KEY.GLOBAL_INHIBITION, true);
        h.set(KEY.LOCAL_AREA_DENSITY, -1.0);
        h.set(KEY.NUM_ACTIVE_COLUMNS_PER_INH_AREA, (double) p.activeColumnsPerInhArea());
        h.set(KEY.SYN_PERM_CONNECTED, p.synPermConnected());
        h.set(KEY.SYN_PERM_ACTIVE_INC, p.synPermActiveInc());
        h.set(KEY.SYN_PERM_INACTIVE_DEC, p.synPermInactiveDec());
        h.set(KEY.MAX_BOOST, maxBoost(p));

        h.set(KEY.CELLS_PER_COLUMN, p.cellsPerColumn());
        h.set(KEY.ACTIVATION_THRESHOLD, p.activationThreshold());
        h.set(KEY.MIN_THRESHOLD, p.minThreshold());
        h.set(KEY.MAX_NEW_SYNAPSE_COUNT, p.newSynapseCount());
        h.set(KEY.MAX_SYNAPSES_PER_SEGMENT, p.maxSynapsesPerSegment());
        h.set(KEY.MAX_SEGMENTS_PER_CELL, p.maxSegmentsPerCell());
        h.set(KEY.INITIAL_PERMANENCE, p.initialPermanence());
        h.set(KEY.PERMANENCE_INCREMENT, p.permanenceIncrement());
        h.set(KEY.PERMANENCE_DECREMENT, p.permanenceDecrement());
        h.set(KEY.PREDICTED_SEGMENT_DECREMENT, p.predictedSegmentDecrement());
        h.set(KEY.CONNECTED_PERMANENCE, p.tmConnectedPermanence());
        return h;
    }

    /**
     * htm.java has NuPIC's older linear boosting (1 for columns active often enough, up to maxBoost
     * for a column never active) instead of the exponential {@code exp(-boostStrength * (duty -
     * density))}. The cap is chosen so that a never-active column gets the same boost in both;
     * boostStrength 0 (the default) gives 1, which turns boosting off exactly as in NuPIC.
     */
    static double maxBoost(NetworkParameters p) {
        double targetDensity = (double) p.activeColumnsPerInhArea() / p.columnCount();
        return Math.exp(p.boostStrength() * targetDensity);
    }
}
