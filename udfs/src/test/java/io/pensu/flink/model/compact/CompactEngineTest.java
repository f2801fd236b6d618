package io.pensu.flink.model.compact;

import io.pensu.flink.model.DailySine;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmEngineContractTest;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompactEngineTest extends HtmEngineContractTest {

    private static final DailySine FIXTURE_METRIC = new DailySine(50, 40);

    private static final NetworkParameters UNBOUNDED = SMALL.with("tm.maxSynapses", "0");

    @Override
    protected HtmEngine engine() {
        return new CompactEngine();
    }

    @Override
    protected int snapshotFormatVersion() {
        return CompactNetwork.FORMAT_VERSION;
    }

    @Test
    void isRegisteredAsCompact() {
        assertThat(HtmEngines.byId("compact")).isInstanceOf(CompactEngine.class);
    }

    @Test
    void snapshotIsUnchangedByAWriteAndReadBack() throws IOException {
        HtmNetwork network = engine().create(SMALL, new EncoderRange(0, 100, 1));
        feed(network, new DailySine(50, 40), 0, 200);

        byte[] written = snapshot(network);

        assertThat(snapshot(read(written))).isEqualTo(written);
    }

    /**
     * Snapshots of earlier formats, written from the fixture network: compact-network-v1.bin by
     * format 1 (plain int arrays), v2 by format 2 (bit-packed arrays, the spatial pooler's pools
     * input-major, before tm.connectedPermanence had a key), v4 by format 4 (the temporal memory's
     * presynaptic cells bit-packed, its permanences as indices into their distinct values), v5 by
     * format 5 (the permanences in one Huffman code).
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/compact-network-v1.bin",
                "/compact-network-v2.bin",
                "/compact-network-v4.bin",
                "/compact-network-v5.bin"
            })
    void continuesASnapshotOfAnEarlierFormatExactlyAsTheNetworkThatWroteIt(String fixture)
            throws IOException {
        HtmNetwork original = fixtureNetwork();

        HtmNetwork restored = read(fixture(fixture));

        assertThat(snapshot(restored)).isEqualTo(snapshot(original));
        assertThat(feed(restored, FIXTURE_METRIC, 300, 400))
                .usingRecursiveComparison()
                .isEqualTo(feed(original, FIXTURE_METRIC, 300, 400));
    }

    /**
     * Networks whose synapses do not fit 3 bytes, in the wide layout (a fourth byte with the high
     * bits of cell and permanence code), compute as the int synapse did: the fixtures are the
     * snapshots that main wrote at 02c9dc4, before the 3-byte synapse, after the same 300 samples.
     * One has every permanence reachable (increment 0.05, decrement 0.008: 4,094 codes, under a
     * budget and with punishment), the other 131,072 cells.
     */
    @ParameterizedTest
    @ValueSource(strings = {"many-permanences", "many-cells"})
    void computesAsTheIntSynapseDidWhenASynapseNeedsMoreThanThreeBytes(String fixture)
            throws IOException {
        NetworkParameters parameters =
                fixture.equals("many-cells")
                        ? SMALL.with("tm.cellsPerColumn", "512")
                        : SMALL.with("tm.permanenceIncrement", "0.05")
                                .with("tm.permanenceDecrement", "0.008")
                                .with("tm.predictedSegmentDecrement", "0.001")
                                .with("tm.maxSynapses", "2000");
        PermanenceCodes codes =
                PermanenceCodes.of(
                        new PermanenceCodes.Steps(
                                Permanence.units(parameters.initialPermanence()),
                                Permanence.units(parameters.permanenceIncrement()),
                                Permanence.units(parameters.permanenceDecrement()),
                                Permanence.units(parameters.predictedSegmentDecrement()),
                                Permanence.units(parameters.tmConnectedPermanence())));
        assertThat(
                        SynapseBlocks.wide(
                                parameters.columnCount() * parameters.cellsPerColumn(), codes))
                .isTrue();
        HtmNetwork network = engine().create(parameters, new EncoderRange(0, 100, 1));
        feed(network, FIXTURE_METRIC, 0, 300);

        HtmNetwork written = read(fixture("/compact-network-v6-" + fixture + ".bin"));

        assertThat(snapshot(network)).isEqualTo(snapshot(written));
        assertThat(feed(network, FIXTURE_METRIC, 300, 400))
                .usingRecursiveComparison()
                .isEqualTo(feed(written, FIXTURE_METRIC, 300, 400));
    }

    /**
     * The spatial pooler stores the permanences of its potential pools only, 12 bits each: halving
     * potentialPct halves them.
     */
    @Test
    void storesOnlyThePotentialPoolsPermanences() throws IOException {
        NetworkParameters wide = SMALL.with("sp.potentialPct", "0.8");
        NetworkParameters narrow = SMALL.with("sp.potentialPct", "0.4");
        EncoderRange range = new EncoderRange(0, 100, 1);
        int inputs =
                SMALL.valueBits()
                        + new TimeOfDayEncoder(
                                        SMALL.timeOfDayActiveBits(), SMALL.timeOfDayRadiusHours())
                                .width();
        long fewerPermanences =
                (Math.round(0.8 * inputs) - Math.round(0.4 * inputs)) * SMALL.columnCount();

        int saved =
                snapshot(engine().create(wide, range)).length
                        - snapshot(engine().create(narrow, range)).length;

        assertThat((double) saved).isCloseTo(fewerPermanences * 1.5, within(1.0));
    }

    /**
     * A spatial pooler that does not learn keeps the pools its parameters fix: networks with the
     * same parameters hold one copy, a snapshot holds none, and a restored network computes as the
     * original.
     */
    @Test
    void spatialPoolersThatDoNotLearnShareTheirPoolsAndLeaveThemOutOfSnapshots()
            throws IOException {
        NetworkParameters fixed = SMALL.with("sp.learn", "0");
        EncoderRange range = new EncoderRange(0, 100, 1);
        CompactNetwork first = (CompactNetwork) engine().create(fixed, range);
        CompactNetwork second = (CompactNetwork) engine().create(fixed, new EncoderRange(5, 9, 1));
        feed(first, FIXTURE_METRIC, 0, 300);

        CompactNetwork restored = (CompactNetwork) read(snapshot(first));

        assertThat(second.spatialPoolerPools()).isSameAs(first.spatialPoolerPools());
        assertThat(restored.spatialPoolerPools()).isSameAs(first.spatialPoolerPools());
        assertThat(snapshot(engine().create(SMALL, range)).length)
                .isGreaterThan(snapshot(first).length + SMALL.columnCount() * 8);
        assertThat(feed(restored, FIXTURE_METRIC, 300, 400))
                .usingRecursiveComparison()
                .isEqualTo(feed(first, FIXTURE_METRIC, 300, 400));
    }

    /** Pools drawn by other parameters are other pools: what fixes them is the parameters. */
    @Test
    void spatialPoolersOfOtherParametersDoNotShareTheirPools() {
        NetworkParameters fixed = SMALL.with("sp.learn", "0");
        EncoderRange range = new EncoderRange(0, 100, 1);
        CompactNetwork network = (CompactNetwork) engine().create(fixed, range);
        CompactNetwork otherSeed = (CompactNetwork) engine().create(fixed.with("seed", "7"), range);
        CompactNetwork otherPools =
                (CompactNetwork) engine().create(fixed.with("sp.potentialPct", "0.3"), range);

        assertThat(otherSeed.spatialPoolerPools()).isNotSameAs(network.spatialPoolerPools());
        assertThat(otherPools.spatialPoolerPools()).isNotSameAs(network.spatialPoolerPools());
    }

    /**
     * Values drawn at random over the whole range make every step new, so the temporal memory grows
     * as fast as it can; with a budget it never holds more synapses than that, and a restored
     * network evicts exactly as the original.
     */
    @Test
    void keepsItsSynapsesWithinTheBudgetOnAnAdversarialStream() throws IOException {
        int budget = 3000;
        HtmNetwork unbounded = engine().create(UNBOUNDED, new EncoderRange(0, 100, 1));
        HtmNetwork bounded =
                engine().create(
                                SMALL.with("tm.maxSynapses", Integer.toString(budget)),
                                new EncoderRange(0, 100, 1));
        SplittableRandom random = new SplittableRandom(7);
        int mostSynapses = 0;
        HtmNetwork restored = null;
        for (int i = 0; i < 3000; i++) {
            long timestamp = DailySine.timestamp(i);
            double value = 100 * random.nextDouble();
            unbounded.compute(timestamp, value);
            NetworkOutput output = bounded.compute(timestamp, value);
            if (restored != null) {
                assertThat(restored.compute(timestamp, value))
                        .usingRecursiveComparison()
                        .isEqualTo(output);
            } else if (i == 2000) {
                restored = roundTrip(bounded);
            }
            mostSynapses = Math.max(mostSynapses, synapses(bounded));
        }

        assertThat(synapses(unbounded)).isGreaterThan(3 * budget);
        assertThat(mostSynapses).isLessThanOrEqualTo(budget).isGreaterThan(budget * 8 / 10);
        assertThat(snapshot(restored)).isEqualTo(snapshot(bounded));
    }

    /** A budget the network never reaches changes nothing. */
    @Test
    void changesNothingUnderTheBudget() {
        HtmNetwork unbounded = engine().create(UNBOUNDED, new EncoderRange(0, 100, 1));
        HtmNetwork bounded =
                engine().create(
                                SMALL.with("tm.maxSynapses", "1000000"),
                                new EncoderRange(0, 100, 1));

        assertThat(feed(bounded, FIXTURE_METRIC, 0, 400))
                .usingRecursiveComparison()
                .isEqualTo(feed(unbounded, FIXTURE_METRIC, 0, 400));
    }

    /**
     * A learned day survives noise that overruns the budget many times over: the noise's segments,
     * each a context seen once, give way before the day's, although the day's were last used before
     * all of the noise.
     */
    @Test
    void keepsALearnedDayThroughNoiseThatOverrunsTheBudget() {
        int budget = 3000;
        HtmNetwork bounded =
                engine().create(
                                SMALL.with("tm.maxSynapses", Integer.toString(budget)),
                                new EncoderRange(0, 100, 1));
        int learned = 20 * DailySine.SAMPLES_PER_DAY;
        feed(bounded, FIXTURE_METRIC, 0, learned);
        SplittableRandom random = new SplittableRandom(11);
        int noise = 3000;
        for (int i = learned; i < learned + noise; i++) {
            bounded.compute(DailySine.timestamp(i), 100 * random.nextDouble());
        }

        double returnScore =
                meanScore(feed(bounded, FIXTURE_METRIC, learned + noise, learned + noise + 48));
        // Recency alone (the day's segments went first) gave 0.48, no budget 0.14, a network that
        // never saw the day 0.79.
        assertThat(returnScore).isLessThan(0.4);
        assertThat(synapses(bounded)).isLessThanOrEqualTo(budget);
    }

    private static double meanScore(List<NetworkOutput> outputs) {
        return outputs.stream().mapToDouble(NetworkOutput::rawAnomalyScore).average().orElseThrow();
    }

    private static int synapses(HtmNetwork network) {
        return ((CompactNetwork) network).temporalMemorySynapses();
    }

    /**
     * The backtracking TM's readout: a column counts as predicted when a segment has enough active
     * synapses of any permanence, so a sequence seen once is predicted at the connected permanence
     * of 0.5 too.
     */
    @Test
    void countsASequenceSeenOnceAsPredictedWhenTheAnomalyCountsPotentialSynapses() {
        assertThat(secondPassScore(SMALL.with("tm.anomalyCountsPotentialSynapses", "1")))
                .isLessThan(0.4);
        assertThat(secondPassScore(SMALL.with("tm.anomalyCountsPotentialSynapses", "0")))
                .isGreaterThan(0.9);
    }

    @Test
    void writesTheTemporalMemoryInLessThanThreeBytesASynapse() throws IOException {
        HtmNetwork network = engine().create(SMALL, new EncoderRange(0, 100, 1));
        HtmNetwork empty = engine().create(SMALL, new EncoderRange(0, 100, 1));
        feed(network, new DailySine(50, 40), 0, 300);
        int synapses = ((CompactNetwork) network).temporalMemorySynapses();

        int temporalMemoryBytes = snapshot(network).length - snapshot(empty).length;

        assertThat(synapses).isGreaterThan(1000);
        assertThat(temporalMemoryBytes).isLessThan(3 * synapses);
    }

    /**
     * The network the fixtures were written from: these 300 samples of the fixture metric, with the
     * parameters of then (no keys for the anomaly readout and alert quieting, which meant counting
     * connected synapses and no quieting).
     */
    /** The network the fixtures were written from, with the defaults of their time. */
    private HtmNetwork fixtureNetwork() {
        HtmNetwork network =
                engine().create(
                                SMALL.with("tm.anomalyCountsPotentialSynapses", "0")
                                        .with("tm.maxSynapses", "0")
                                        .with("likelihood.quietSamples", "0")
                                        .with("sp.potentialPct", "0.8"),
                                new EncoderRange(0, 100, 1));
        feed(network, FIXTURE_METRIC, 0, 300);
        return network;
    }

    private byte[] fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
