package io.pensu.flink.detect;

/**
 * Everything the detector concluded about one sample; the output formatters turn it into Graphite
 * lines and, when {@link #anomalous}, a JSON report.
 *
 * @param metric input metric name
 * @param timestampMillis the sample's timestamp (epoch milliseconds)
 * @param value the sample's value
 * @param anomalyScore HTM raw anomaly score, in [0, 1]
 * @param anomalyLikelihood anomaly likelihood, in [0, 1]; 1 when {@link #spatialAnomaly}
 * @param spatialAnomaly the value left the range seen so far by more than the tolerance
 * @param anomalous the sample passed every reporting threshold
 * @param direction 1 when the value came in above what was predicted for it, -1 below, 0 when not
 *     anomalous or nothing was predicted
 * @param expectedValue the 1-step prediction made at the previous sample, or null
 * @param prediction the prediction made at this sample for PENSU_PREDICTION_STEPS ahead, or null
 *     while the metric's interval is unknown
 */
public record Detection(
        String metric,
        long timestampMillis,
        double value,
        double anomalyScore,
        double anomalyLikelihood,
        boolean spatialAnomaly,
        boolean anomalous,
        int direction,
        Double expectedValue,
        Prediction prediction) {}
