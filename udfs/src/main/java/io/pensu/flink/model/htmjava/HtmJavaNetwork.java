package io.pensu.flink.model.htmjava;

import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import org.numenta.nupic.algorithms.Anomaly;
import org.numenta.nupic.algorithms.SpatialPooler;
import org.numenta.nupic.algorithms.TemporalMemory;
import org.numenta.nupic.model.Connections;
import org.numenta.nupic.model.SDR;

import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One htm.java network: encoders, spatial pooler and temporal memory, all state in {@link
 * Connections} and the value encoder.
 */
final class HtmJavaNetwork implements HtmNetwork {

    private final NetworkParameters parameters;
    private final InputEncoder encoder;
    private final Connections connections;
    // Both are stateless: every bit of their state lives in the connections.
    private final SpatialPooler spatialPooler = new SpatialPooler();
    private final TemporalMemory temporalMemory = new TemporalMemory();

    HtmJavaNetwork(NetworkParameters parameters, InputEncoder encoder, Connections connections) {
        this.parameters = parameters;
        this.encoder = encoder;
        this.connections = connections;
    }

    static HtmJavaNetwork create(NetworkParameters parameters, EncoderRange range) {
        // One configured seed, split into independent seeds for the two generators.
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        int connectionsSeed = seeds.nextInt(Integer.MAX_VALUE);
        long valueEncoderSeed = seeds.nextInt(Integer.MAX_VALUE);

        InputEncoder encoder =
                new InputEncoder(
                        InputEncoder.valueEncoder(parameters, range, valueEncoderSeed), parameters);
        Connections connections = new Connections();
        HtmJavaParameters.of(parameters, encoder.width(), connectionsSeed).apply(connections);
        HtmJavaNetwork network = new HtmJavaNetwork(parameters, encoder, connections);
        network.spatialPooler.init(connections);
        TemporalMemory.init(connections);
        return network;
    }

    @Override
    public NetworkOutput compute(long timestampMillis, double value) {
        int[] input = encoder.encode(timestampMillis, value);
        int[] activeArray = new int[connections.getNumColumns()];
        spatialPooler.compute(connections, input, activeArray, parameters.spLearn() == 1);
        int[] activeColumns =
                IntStream.range(0, activeArray.length).filter(c -> activeArray[c] == 1).toArray();
        // Still the previous step's prediction: the temporal memory replaces it below.
        int[] predictedColumns =
                SDR.cellsAsColumnIndices(
                        connections.getPredictiveCells(), connections.getCellsPerColumn());
        temporalMemory.compute(connections, activeColumns, true);
        return new NetworkOutput(
                Anomaly.computeRawAnomalyScore(activeColumns, predictedColumns), activeColumns);
    }

    @Override
    public NetworkParameters parameters() {
        return parameters;
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        HtmJavaSnapshot.write(out, parameters, connections, encoder.valueEncoder());
    }
}
