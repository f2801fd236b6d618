package io.pensu.flink.bench;

import io.pensu.flink.classifier.MultiStepClassifier;
import io.pensu.flink.classifier.StepPrediction;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.model.NetworkParameters;
import io.pensu.flink.nab.NabDataFile;
import io.pensu.flink.nab.PredictionError;

import org.openjdk.jol.info.GraphLayout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The prediction classifier of one model after 5,000 and 20,000 samples of each NAB file (where it
 * has that many) and after all of them: its heap (JOL), its snapshot, the time to write and to read
 * that snapshot, its compute time, how many distinct input bits and encoder buckets it saw, its
 * 5-step prediction error so far, and a hash of every prediction it made, so that two builds can be
 * compared for identical outputs. The classifier is fed as {@code MetricModel} feeds it with the
 * default settings: the compact engine's active columns, the encoder bucket of the value, steps 1
 * and 5. Run with {@code scripts/benchmarks.sh classifier [NAB files...]}.
 */
public final class ClassifierFootprint {
    private static final int ENCODER_LEARNING_SAMPLES = 288;
    private static final int[] STEPS = {1, 5};
    private static final int[] AGES = {5_000, 20_000};
    private static final double ALPHA = 0.1;
    private static final double ACTUAL_VALUE_ALPHA = 0.3;
    private static final int TIMED_REPETITIONS = 200;

    private ClassifierFootprint() {}

    /** Arguments: the NAB data directory, then file names below it. */
    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]);
        System.out.println(
                "| file | samples | distinct input bits | buckets | classifier heap | snapshot"
                        + " | write | read | compute per sample | 5-step MAE % of range"
                        + " | prediction hash |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : Arrays.asList(args).subList(1, args.length)) {
            measure(NabDataFile.read(dataDir, name));
        }
    }

    private static void measure(NabDataFile file) throws IOException {
        NetworkParameters parameters = NetworkParameters.defaults();
        double[] values = file.values();
        EncoderRange range =
                EncoderRange.learn(
                        Arrays.copyOf(values, Math.min(values.length, ENCODER_LEARNING_SAMPLES)),
                        parameters.encoderBuckets());
        HtmNetwork network = HtmEngines.byId("compact").create(parameters, range);
        MultiStepClassifier classifier =
                new MultiStepClassifier(STEPS, ALPHA, ACTUAL_VALUE_ALPHA, parameters.columnCount());
        BitSet bitsSeen = new BitSet();
        TreeSet<Integer> buckets = new TreeSet<>();
        double[] forecasts = new double[values.length];
        Arrays.fill(forecasts, Double.NaN);
        long predictionHash = 17;
        long computeNanos = 0;
        for (int row = 0; row < values.length; row++) {
            NetworkOutput output = network.compute(file.epochMillis(row), values[row]);
            int bucket = range.bucket(values[row], parameters.encoderBuckets());
            Arrays.stream(output.activeColumns()).forEach(bitsSeen::set);
            buckets.add(bucket);
            long start = System.nanoTime();
            List<StepPrediction> predictions =
                    classifier.compute(output.activeColumns(), bucket, values[row]);
            computeNanos += System.nanoTime() - start;
            predictionHash = 31 * predictionHash + hash(predictions);
            for (StepPrediction p : predictions) {
                if (p.steps() == STEPS[STEPS.length - 1]) {
                    forecasts[row] = p.value();
                }
            }
            int samples = row + 1;
            if (samples == values.length || Arrays.stream(AGES).anyMatch(age -> age == samples)) {
                byte[] snapshot = snapshot(classifier);
                System.out.println(
                        String.format(
                                "| %s | %d | %d | %d | %,d B | %,d B | %.1f µs | %.1f µs | %.1f µs"
                                        + " | %.2f | %016x |",
                                file.name(),
                                samples,
                                bitsSeen.cardinality(),
                                buckets.size(),
                                GraphLayout.parseInstance(classifier).totalSize(),
                                snapshot.length,
                                microsPerWrite(classifier),
                                microsPerRead(snapshot),
                                computeNanos / 1e3 / samples,
                                100 * maeOfRange(values, forecasts, samples),
                                predictionHash));
            }
        }
    }

    /** The 5-step error of the forecasts made so far, against the range of the values so far. */
    private static double maeOfRange(double[] values, double[] forecasts, int samples) {
        return PredictionError.of(
                        Arrays.copyOf(values, samples),
                        Arrays.copyOf(forecasts, samples),
                        new boolean[samples],
                        STEPS[STEPS.length - 1])
                .maeOfRange();
    }

    private static long hash(List<StepPrediction> predictions) {
        long hash = 1;
        for (StepPrediction p : predictions) {
            hash = 31 * hash + p.steps();
            hash = 31 * hash + Double.doubleToRawLongBits(p.value());
            hash = 31 * hash + Double.doubleToRawLongBits(p.confidence());
        }
        return hash;
    }

    private static byte[] snapshot(MultiStepClassifier classifier) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        classifier.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Mean over the repetitions, after as many unmeasured ones to warm the JIT. */
    private static double microsPerWrite(MultiStepClassifier classifier) throws IOException {
        long start = 0;
        for (int i = 0; i < 2 * TIMED_REPETITIONS; i++) {
            if (i == TIMED_REPETITIONS) {
                start = System.nanoTime();
            }
            snapshot(classifier);
        }
        return (System.nanoTime() - start) / 1e3 / TIMED_REPETITIONS;
    }

    private static double microsPerRead(byte[] snapshot) throws IOException {
        long start = 0;
        for (int i = 0; i < 2 * TIMED_REPETITIONS; i++) {
            if (i == TIMED_REPETITIONS) {
                start = System.nanoTime();
            }
            MultiStepClassifier.readFrom(new DataInputStream(new ByteArrayInputStream(snapshot)));
        }
        return (System.nanoTime() - start) / 1e3 / TIMED_REPETITIONS;
    }
}
