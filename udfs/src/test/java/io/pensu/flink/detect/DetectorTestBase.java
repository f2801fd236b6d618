package io.pensu.flink.detect;

import io.pensu.flink.input.Sample;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.ModelParameterRules;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Settings and samples shared by the detector tests. */
public abstract class DetectorTestBase {

    public static final long START_MILLIS = 1_587_617_160_000L;
    public static final long INTERVAL_MILLIS = 60_000L;
    public static final int LEARNING_SAMPLES = 20;

    /**
     * The HTM engine of the detector and job tests, the job's default: {@code
     * -Dpensu.test.engine=htm.java} runs them all with htm.java.
     */
    public static final String ENGINE = System.getProperty("pensu.test.engine", "compact");

    /**
     * A network small enough for fast tests: the same algorithms as the defaults, fewer columns and
     * cells.
     */
    public static final String SMALL_NETWORK =
            "[{\"metrics\": \".*\", \"both\": {\"sp.columnCount\": 256,"
                    + " \"sp.numActiveColumnsPerInhArea\": 10, \"tm.cellsPerColumn\": 4,"
                    + " \"tm.activationThreshold\": 4, \"tm.minThreshold\": 3,"
                    + " \"tm.newSynapseCount\": 6, \"tm.maxSynapsesPerSegment\": 12,"
                    + " \"encoder.n\": 200, \"encoder.w\": 11}}]";

    public static ModelSettings modelSettings() {
        return modelSettings(ENGINE);
    }

    public static ModelSettings modelSettings(String engine) {
        return new ModelSettings(
                engine,
                3,
                0.1,
                new AnomalyLikelihood.Settings(30, 10, 200, 10, 5),
                0.05,
                ZoneOffset.UTC,
                LEARNING_SAMPLES);
    }

    public static DetectorSettings settings(
            OutOfOrderPolicy policy, int snapshotIntervalSamples, int cacheSize) {
        return settings(ENGINE, policy, snapshotIntervalSamples, cacheSize);
    }

    /** Settings in which only the interval snapshots a model. */
    public static DetectorSettings settings(
            String engine, OutOfOrderPolicy policy, int snapshotIntervalSamples, int cacheSize) {
        return settings(
                engine, policy, snapshotIntervalSamples, snapshotIntervalSamples, cacheSize);
    }

    public static DetectorSettings settings(
            String engine,
            OutOfOrderPolicy policy,
            int snapshotIntervalSamples,
            int snapshotAfterReplaySamples,
            int cacheSize) {
        return settings(
                engine,
                policy,
                snapshotIntervalSamples,
                snapshotAfterReplaySamples,
                cacheSize,
                SampleOrder.ARRIVAL);
    }

    public static DetectorSettings settings(
            String engine,
            OutOfOrderPolicy policy,
            int snapshotIntervalSamples,
            int snapshotAfterReplaySamples,
            int cacheSize,
            SampleOrder order) {
        return new DetectorSettings(
                modelSettings(engine),
                ModelParameterRules.parse(SMALL_NETWORK),
                new AnomalyDecision(0.99, 0.99999, 0.9),
                policy,
                snapshotIntervalSamples,
                snapshotAfterReplaySamples,
                cacheSize,
                StateLimits.none(),
                order);
    }

    /** The settings of most tests under other {@code limits}. */
    public static DetectorSettings settings(StateLimits limits) {
        return settings(OutOfOrderPolicy.REJECT, 25, 4).with(limits, SampleOrder.ARRIVAL);
    }

    /** A daily-ish wave with a spike near the end, one sample a minute. */
    public static double valueAt(int i) {
        double wave = 50 + 40 * Math.sin(2 * Math.PI * i / 30.0);
        return i % 97 == 96 ? wave + 300 : Math.rint(wave * 100) / 100;
    }

    public static Sample sample(String metric, int i) {
        return sample(metric, START_MILLIS + i * INTERVAL_MILLIS, valueAt(i));
    }

    public static Sample sample(String metric, long timestampMillis, double value) {
        String line = metric + " " + value + " " + timestampMillis / 1000;
        return new Sample(metric, timestampMillis, value, line, "metrics", 0, timestampMillis);
    }

    /** Samples 0..count-1 of each metric, interleaved. */
    public static List<Sample> interleaved(int count, String... metrics) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (String metric : metrics) {
                samples.add(sample(metric, i));
            }
        }
        return samples;
    }
}
