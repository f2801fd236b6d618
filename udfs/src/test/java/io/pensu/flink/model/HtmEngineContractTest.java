package io.pensu.flink.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link HtmEngine} must do; each engine's test extends this. */
public abstract class HtmEngineContractTest {

    /** Small networks keep the suite fast; the temporal memory thresholds fit 10 columns. */
    protected static final NetworkParameters SMALL =
            NetworkParameters.defaults()
                    .with("encoder.n", "120")
                    .with("encoder.w", "11")
                    .with("timeOfDay.w", "11")
                    .with("sp.columnCount", "256")
                    .with("sp.numActiveColumnsPerInhArea", "10")
                    .with("tm.cellsPerColumn", "8")
                    .with("tm.activationThreshold", "6")
                    .with("tm.minThreshold", "4")
                    .with("tm.newSynapseCount", "8")
                    .with("tm.maxSynapsesPerSegment", "16")
                    .with("tm.maxSegmentsPerCell", "32")
                    .validate();

    private static final DailySine METRIC = new DailySine(50, 40);
    private static final EncoderRange RANGE =
            EncoderRange.learn(METRIC.values(DailySine.SAMPLES_PER_DAY), 130);

    protected abstract HtmEngine engine();

    /** The format version the engine writes first into its snapshots. */
    protected abstract int snapshotFormatVersion();

    /** The parameters a spike must stand out with: the defaults. */
    protected NetworkParameters spikeTestParameters() {
        return NetworkParameters.defaults();
    }

    @Test
    void scoresTheFirstSampleFullyAnomalousBecauseNothingWasPredicted() {
        NetworkOutput first = engine().create(SMALL, RANGE).compute(DailySine.timestamp(0), 50);

        assertThat(first.rawAnomalyScore()).isEqualTo(1.0);
    }

    @Test
    void activatesTheConfiguredNumberOfColumnsInAscendingOrder() {
        HtmNetwork network = engine().create(SMALL, RANGE);

        for (NetworkOutput output : feed(network, METRIC, 0, 20)) {
            int[] columns = output.activeColumns();
            assertThat(columns)
                    .hasSize(SMALL.activeColumnsPerInhArea())
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(columns[0]).isNotNegative();
            assertThat(columns[columns.length - 1]).isLessThan(SMALL.columnCount());
        }
    }

    @Test
    void learnsADailyPatternSoThatItsScoresDrop() {
        int day = DailySine.SAMPLES_PER_DAY;
        List<NetworkOutput> outputs = feed(engine().create(SMALL, RANGE), METRIC, 0, 8 * day);

        double firstDay = meanScore(outputs.subList(0, day));
        double eighthDay = meanScore(outputs.subList(7 * day, 8 * day));
        assertThat(firstDay).isGreaterThan(0.8);
        assertThat(eighthDay).isLessThan(firstDay / 2);
    }

    @Test
    void givesTheSameOutputsWhenAnotherNetworkRunsInterleaved() {
        DailySine other = new DailySine(1000, 300);
        NetworkParameters otherParameters = SMALL.with("seed", "7");
        EncoderRange otherRange = EncoderRange.learn(other.values(48), 130);
        int samples = 150;
        List<NetworkOutput> alone = feed(engine().create(SMALL, RANGE), METRIC, 0, samples);
        List<NetworkOutput> otherAlone =
                feed(engine().create(otherParameters, otherRange), other, 0, samples);

        HtmNetwork first = engine().create(SMALL, RANGE);
        HtmNetwork second = engine().create(otherParameters, otherRange);
        List<NetworkOutput> interleaved = new ArrayList<>();
        List<NetworkOutput> otherInterleaved = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            interleaved.add(first.compute(DailySine.timestamp(i), METRIC.value(i)));
            otherInterleaved.add(second.compute(DailySine.timestamp(i), other.value(i)));
        }

        assertThat(interleaved).usingRecursiveComparison().isEqualTo(alone);
        assertThat(otherInterleaved).usingRecursiveComparison().isEqualTo(otherAlone);
    }

    @Test
    void givesTheSameOutputsForTheSameSeedAndDifferentOnesForAnother() {
        List<NetworkOutput> once = feed(engine().create(SMALL, RANGE), METRIC, 0, 50);
        List<NetworkOutput> again = feed(engine().create(SMALL, RANGE), METRIC, 0, 50);
        List<NetworkOutput> otherSeed =
                feed(engine().create(SMALL.with("seed", "7"), RANGE), METRIC, 0, 50);

        assertThat(again).usingRecursiveComparison().isEqualTo(once);
        assertThat(otherSeed).usingRecursiveComparison().isNotEqualTo(once);
    }

    @Test
    void restoredNetworkContinuesExactlyAsTheOriginal() throws IOException {
        // A level shift after the snapshot makes the value encoder grow new buckets, which
        // draws on its random generator.
        DailySine shifted = new DailySine(150, 40);
        HtmNetwork original = engine().create(SMALL, RANGE);
        feed(original, METRIC, 0, 300);

        HtmNetwork restored = roundTrip(original);
        List<NetworkOutput> expected = new ArrayList<>(feed(original, METRIC, 300, 400));
        expected.addAll(feed(original, shifted, 400, 500));
        List<NetworkOutput> actual = new ArrayList<>(feed(restored, METRIC, 300, 400));
        actual.addAll(feed(restored, shifted, 400, 500));

        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(restored.parameters()).isEqualTo(original.parameters());
    }

    @Test
    void readsExactlyTheBytesItWrote() throws IOException {
        HtmNetwork network = engine().create(SMALL, RANGE);
        feed(network, METRIC, 0, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.writeTo(out);
            out.writeUTF("next record");
        }

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        engine().read(in);

        assertThat(in.readUTF()).isEqualTo("next record");
    }

    @Test
    void scoresASpikeHigherThanNormalDataWithTheDefaultParameters() {
        DailySine metric = new DailySine(50, 40);
        int spike = 7 * DailySine.SAMPLES_PER_DAY + 20;
        HtmNetwork network =
                engine().create(
                                spikeTestParameters(),
                                EncoderRange.learn(metric.values(DailySine.SAMPLES_PER_DAY), 130));

        List<NetworkOutput> outputs = feed(network, metric, 0, spike);
        double spikeScore = network.compute(DailySine.timestamp(spike), 200).rawAnomalyScore();

        double[] lastDay =
                outputs.subList(spike - DailySine.SAMPLES_PER_DAY, spike).stream()
                        .mapToDouble(NetworkOutput::rawAnomalyScore)
                        .sorted()
                        .toArray();
        double median = lastDay[lastDay.length / 2];
        assertThat(spikeScore).isGreaterThan(median + 0.5);
    }

    @Test
    void rejectsAValueItCannotEncode() {
        HtmNetwork network = engine().create(SMALL, new EncoderRange(0, 100, 1));

        assertThatThrownBy(() -> network.compute(DailySine.START_MILLIS, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void refusesASnapshotOfAnUnknownFormatVersion() throws IOException {
        byte[] snapshot = snapshot(engine().create(SMALL, new EncoderRange(0, 100, 1)));
        snapshot[3]++; // the low byte of the leading format version

        assertThatThrownBy(() -> read(snapshot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format version " + (snapshotFormatVersion() + 1));
    }

    /**
     * With the connected permanence below the initial permanence, a synapse counts from the moment
     * it grows, so a sequence seen once is predicted the second time; at NuPIC's 0.5 it takes three
     * more passes of reinforcement.
     */
    @Test
    void predictsASequenceSeenOnceWhenNewSynapsesAreConnected() {
        NetworkParameters connectedReadout = SMALL.with("tm.anomalyCountsPotentialSynapses", "0");
        assertThat(secondPassScore(connectedReadout.with("tm.connectedPermanence", "0.2")))
                .isLessThan(0.4);
        assertThat(secondPassScore(connectedReadout.with("tm.connectedPermanence", "0.5")))
                .isGreaterThan(0.9);
    }

    /**
     * The mean raw score of the second pass of eight far-apart values at one time of day; its first
     * transition, from the last value back to the first, is new.
     */
    protected double secondPassScore(NetworkParameters parameters) {
        HtmNetwork network = engine().create(parameters, RANGE);
        double sum = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int step = 0; step < 8; step++) {
                double score =
                        network.compute(DailySine.timestamp(0), 15 + 10 * step).rawAnomalyScore();
                sum += pass == 1 ? score : 0;
            }
        }
        return sum / 8;
    }

    private static double meanScore(List<NetworkOutput> outputs) {
        return outputs.stream().mapToDouble(NetworkOutput::rawAnomalyScore).average().orElseThrow();
    }

    /** Writes and reads back {@code network}. */
    protected HtmNetwork roundTrip(HtmNetwork network) throws IOException {
        return read(snapshot(network));
    }

    protected static byte[] snapshot(HtmNetwork network) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.writeTo(out);
        }
        return bytes.toByteArray();
    }

    protected HtmNetwork read(byte[] snapshot) throws IOException {
        return engine().read(new DataInputStream(new ByteArrayInputStream(snapshot)));
    }

    /** Feeds the samples {@code [from, to)} of {@code metric} and returns the outputs. */
    protected static List<NetworkOutput> feed(
            HtmNetwork network, DailySine metric, int from, int to) {
        List<NetworkOutput> outputs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            outputs.add(network.compute(DailySine.timestamp(i), metric.value(i)));
        }
        return outputs;
    }
}
