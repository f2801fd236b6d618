package io.pensu.flink.model.compact;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One network of the compact engine: value and time-of-day encoders, spatial pooler, temporal
 * memory, and the one random generator they all draw from.
 */
final class CompactNetwork implements HtmNetwork {

    /**
     * Bumped whenever the snapshot layout changes. 2: the temporal memory's arrays bit-packed
     * (version 1, plain ints, is still read). 3: the spatial pooler's pools column by column (see
     * {@link PotentialPools}; versions 1 and 2 wrote them input-major). 4: a spatial pooler that
     * does not learn writes only its input count (see {@link FixedPools}). 5: the temporal memory's
     * presynaptic cells and permanences each in a Huffman code of their own values (see {@link
     * Dendrites#writeTo}). 6: each permanence in a Huffman code chosen by the one before it in its
     * segment (see {@link PermanenceChains}).
     */
    static final int FORMAT_VERSION = 6;

    static final int POTENTIAL_POOLS_VERSION = 3;

    static final int FIXED_POOLS_VERSION = 4;

    static final int HUFFMAN_SYNAPSES_VERSION = 5;

    private final NetworkParameters parameters;
    private final SplitMix64 random;
    private final ValueEncoder valueEncoder;
    private final TimeOfDayEncoder timeOfDay;
    private final SpatialPooler spatialPooler;
    private final TemporalMemory temporalMemory;
    private final int[] input;

    private CompactNetwork(
            NetworkParameters parameters,
            SplitMix64 random,
            ValueEncoder valueEncoder,
            SpatialPooler spatialPooler,
            TemporalMemory temporalMemory) {
        this.parameters = parameters;
        this.random = random;
        this.valueEncoder = valueEncoder;
        this.timeOfDay =
                new TimeOfDayEncoder(
                        parameters.timeOfDayActiveBits(), parameters.timeOfDayRadiusHours());
        this.spatialPooler = spatialPooler;
        this.temporalMemory = temporalMemory;
        this.input = new int[valueEncoder.activeBits() + timeOfDay.activeBits()];
    }

    /**
     * A new network. The value encoder's middle bucket sits in the middle of the learned range, so
     * that values beyond either end of it have as much room.
     */
    static CompactNetwork create(NetworkParameters parameters, EncoderRange range) {
        SplitMix64 random = new SplitMix64(parameters.seed());
        ValueEncoder valueEncoder =
                ValueEncoder.create(
                        parameters.valueBits(),
                        parameters.valueActiveBits(),
                        (range.min() + range.max()) / 2,
                        range.resolution(),
                        random);
        SpatialPooler spatialPooler =
                SpatialPooler.create(parameters, inputWidth(parameters, valueEncoder), random);
        return new CompactNetwork(
                parameters,
                random,
                valueEncoder,
                spatialPooler,
                new TemporalMemory(parameters, random));
    }

    private static int inputWidth(NetworkParameters parameters, ValueEncoder valueEncoder) {
        return valueEncoder.width()
                + new TimeOfDayEncoder(
                                parameters.timeOfDayActiveBits(), parameters.timeOfDayRadiusHours())
                        .width();
    }

    @Override
    public NetworkOutput compute(long timestampMillis, double value) {
        valueEncoder.encode(value, random, input, 0);
        timeOfDay.encode(timestampMillis, valueEncoder.width(), input, valueEncoder.activeBits());
        int[] activeColumns = spatialPooler.compute(input, input.length);
        int predicted = temporalMemory.compute(activeColumns);
        double rawScore =
                activeColumns.length == 0
                        ? 0
                        : (double) (activeColumns.length - predicted) / activeColumns.length;
        return new NetworkOutput(rawScore, activeColumns);
    }

    @Override
    public NetworkParameters parameters() {
        return parameters;
    }

    /** Synapses the temporal memory has grown; for measurements. */
    int temporalMemorySynapses() {
        return temporalMemory.synapseCount();
    }

    /** The spatial pooler's pools, which poolers that do not learn share; for measurements. */
    Object spatialPoolerPools() {
        return spatialPooler.pools();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        parameters.writeTo(out);
        out.writeLong(random.state());
        valueEncoder.writeTo(out);
        spatialPooler.writeTo(out);
        temporalMemory.writeTo(out);
    }

    static CompactNetwork readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("unknown compact network format version " + version);
        }
        NetworkParameters parameters = NetworkParameters.readFrom(in).validate();
        SplitMix64 random = new SplitMix64(in.readLong());
        ValueEncoder valueEncoder =
                ValueEncoder.readFrom(in, parameters.valueBits(), parameters.valueActiveBits());
        SpatialPooler spatialPooler =
                SpatialPooler.readFrom(
                        in, parameters, version, inputWidth(parameters, valueEncoder));
        TemporalMemory temporalMemory = TemporalMemory.readFrom(in, parameters, random, version);
        return new CompactNetwork(parameters, random, valueEncoder, spatialPooler, temporalMemory);
    }
}
