package io.pensu.flink.detect;

/**
 * What a metric's model computed for one sample, before the job's reporting thresholds are applied.
 *
 * @param anomalyScore raw anomaly score of the anomaly network
 * @param likelihood anomaly likelihood; 1 for a spatial anomaly
 * @param spatialAnomaly the value left the range seen so far by more than the tolerance
 * @param expectedValue the 1-step prediction made at the previous sample, or null
 * @param prediction the prediction made at this sample, or null when there is none yet
 */
public record ModelOutput(
        double anomalyScore,
        double likelihood,
        boolean spatialAnomaly,
        Double expectedValue,
        Prediction prediction) {}
