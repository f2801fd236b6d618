package io.pensu.flink.nab;

import io.pensu.flink.detect.Detection;
import io.pensu.flink.input.DeadLetter;

/**
 * What the detector gave for one NAB row: a likelihood and a prediction, or a rejection (repeated
 * timestamps). A Flink POJO, so the run needs no Kryo.
 */
public class DetectorOutput {

    /** The file name (the detector's key). */
    public String file;

    /** The detection's timestamp; unused for a rejection. */
    public long timestampMillis;

    /** The rejected row, or -1 for a detection (which carries no row; its timestamp places it). */
    public long rejectedRow;

    /** The detection's anomaly likelihood. */
    public double likelihood;

    /** The value the detection predicts PENSU_PREDICTION_STEPS samples ahead; NaN for none. */
    public double prediction;

    public DetectorOutput() {}

    static DetectorOutput of(Detection detection) {
        DetectorOutput output = new DetectorOutput();
        output.file = detection.metric();
        output.timestampMillis = detection.timestampMillis();
        output.rejectedRow = -1;
        output.likelihood = detection.anomalyLikelihood();
        output.prediction =
                detection.prediction() == null ? Double.NaN : detection.prediction().value();
        return output;
    }

    static DetectorOutput of(DeadLetter rejected) {
        DetectorOutput output = new DetectorOutput();
        output.file = rejected.metric();
        output.rejectedRow = rejected.offset();
        return output;
    }

    boolean rejected() {
        return rejectedRow >= 0;
    }
}
