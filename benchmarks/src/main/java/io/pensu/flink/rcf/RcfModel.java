package io.pensu.flink.rcf;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.ImputationMethod;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * One metric's AWS Random Cut Forest, configured as OpenSearch Anomaly Detection configures the
 * model of a real-time detector with one feature (its {@code ADColdStart}): a shingle of 8 values
 * shingled inside the forest, 50 trees of 256 samples, time decay 1/2560 for the samples and the
 * normalisation alike, the NORMALIZE transform, an expected anomaly rate of 0.5 % (p-value 0.995),
 * output after 32 samples (its minimum), imputation of missed intervals from the previous value,
 * alert once, auto adjust, compact float trees without a bounding-box cache. It sees one value per
 * sample with the sample's time in seconds, as OpenSearch feeds one feature per interval; its
 * anomaly grade, in [0, 1], is the score. A fixed random seed makes it deterministic, where
 * OpenSearch seeds each model at random.
 */
public final class RcfModel {

    public static final int SHINGLE_SIZE = 8;
    public static final int TREES = 50;
    public static final int SAMPLE_SIZE = 256;
    public static final double TIME_DECAY = 1.0 / 2560;
    public static final double ANOMALY_RATE = 0.005;

    /** OpenSearch's NUM_MIN_SAMPLES: no score before, and the initial accept fraction from it. */
    public static final int MIN_SAMPLES = 32;

    private final ThresholdedRandomCutForest forest;

    public RcfModel(long seed) {
        forest =
                ThresholdedRandomCutForest.builder()
                        .dimensions(SHINGLE_SIZE)
                        .shingleSize(SHINGLE_SIZE)
                        .internalShinglingEnabled(true)
                        .numberOfTrees(TREES)
                        .sampleSize(SAMPLE_SIZE)
                        .timeDecay(TIME_DECAY)
                        .transformDecay(TIME_DECAY)
                        .outputAfter(Math.max(SHINGLE_SIZE, MIN_SAMPLES))
                        .initialAcceptFraction((double) MIN_SAMPLES / SAMPLE_SIZE)
                        .parallelExecutionEnabled(false)
                        .compact(true)
                        .precision(Precision.FLOAT_32)
                        .boundingBoxCacheFraction(0)
                        .anomalyRate(ANOMALY_RATE)
                        .transformMethod(TransformMethod.NORMALIZE)
                        .alertOnce(true)
                        .autoAdjust(true)
                        .forestMode(ForestMode.STREAMING_IMPUTE)
                        .imputationMethod(ImputationMethod.PREVIOUS)
                        .randomSeed(seed)
                        .build();
    }

    /** Learns {@code value}, observed at {@code epochMillis}, and returns its anomaly grade. */
    public double process(long epochMillis, double value) {
        return forest.process(new double[] {value}, epochMillis / 1000).getAnomalyGrade();
    }

    /**
     * The model's state as its library's mapper gives it, in Java serialization (OpenSearch writes
     * the same state object with protostuff).
     */
    public byte[] serialize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ThresholdedRandomCutForestMapper().toState(forest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
