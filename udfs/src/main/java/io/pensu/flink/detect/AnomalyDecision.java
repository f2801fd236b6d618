package io.pensu.flink.detect;

import java.io.Serializable;

/**
 * Pensu's reporting rule: a sample is anomalous when its raw score, its likelihood and the
 * confidence of the prediction made at it all reach their thresholds. A spatial anomaly is exempt
 * from the score and confidence thresholds: the classifier has never seen such a value, so its
 * prediction there is unsure by nature, and that must not hide the clearest anomaly there is.
 */
public record AnomalyDecision(
        double scoreThreshold, double likelihoodThreshold, double minimumConfidence)
        implements Serializable {

    public Detection decide(String metric, long timestampMillis, double value, ModelOutput out) {
        boolean anomalous =
                out.likelihood() >= likelihoodThreshold
                        && out.prediction() != null
                        && (out.spatialAnomaly()
                                || out.anomalyScore() >= scoreThreshold
                                        && out.prediction().confidence() >= minimumConfidence);
        return new Detection(
                metric,
                timestampMillis,
                value,
                out.anomalyScore(),
                out.likelihood(),
                out.spatialAnomaly(),
                anomalous,
                anomalous ? direction(value, out.expectedValue()) : 0,
                out.expectedValue(),
                out.prediction());
    }

    /** 1 when the value came in above what was predicted for it, -1 below, else 0. */
    static int direction(double value, Double expected) {
        return expected == null ? 0 : (int) Math.signum(Double.compare(value, expected));
    }
}
