package io.pensu.flink.nab;

import io.pensu.flink.detect.ModelSettings;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.NetworkParameters;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * What the HTM network of a metric's model said about each row of one NAB file, before the anomaly
 * likelihood, the residual detector and the quieting of repeated alerts: the network's raw anomaly
 * score and whether the value left the range seen (a spatial anomaly). It is the expensive part of
 * a run; {@link DetectorReplay} puts the cheap detector side on top of it, so that variants of that
 * side, the likelihood's warm-up among them, can be scored without running HTM again. Computed as
 * {@code MetricModel} computes it, one file at a time outside Flink; rows the job rejects (a
 * timestamp not after the last one) are marked.
 *
 * @param resolution the encoder range's resolution, the residual detector's least scale; NaN when
 *     the file is too short for a model
 * @param rawScore per row, the network's raw anomaly score (0 for a rejected row)
 * @param spatial per row, whether the value is a spatial anomaly
 * @param rejected per row, whether the job rejects the row
 */
record NetworkTrace(double resolution, double[] rawScore, boolean[] spatial, boolean[] rejected) {

    /** Runs {@code file} through a new model's anomaly network. */
    static NetworkTrace of(NabDataFile file, ModelSettings settings, NetworkParameters anomaly) {
        int rows = file.rows();
        boolean[] rejected = new boolean[rows];
        long[] timestamps = new long[rows];
        double[] accepted = new double[rows];
        int count = 0;
        long last = Long.MIN_VALUE;
        for (int row = 0; row < rows; row++) {
            long timestamp = file.epochMillis(row);
            rejected[row] = timestamp <= last;
            if (!rejected[row]) {
                last = timestamp;
                timestamps[count] = timestamp;
                accepted[count++] = file.values()[row];
            }
        }
        double[] rawScore = new double[rows];
        boolean[] spatial = new boolean[rows];
        int learning = settings.learningSamples();
        if (count < learning) {
            return new NetworkTrace(Double.NaN, rawScore, spatial, rejected);
        }
        EncoderRange range =
                EncoderRange.learn(Arrays.copyOf(accepted, learning), anomaly.encoderBuckets());
        HtmNetwork network = HtmEngines.byId(settings.engineId()).create(anomaly, range);
        double seenMin = range.min();
        double seenMax = range.max();
        double tolerance = settings.spatialTolerance();
        for (int row = 0, sample = 0; row < rows; row++) {
            if (rejected[row]) {
                continue;
            }
            double value = accepted[sample];
            long offsetSeconds =
                    settings.timeZone()
                            .getRules()
                            .getOffset(Instant.ofEpochMilli(timestamps[sample]))
                            .getTotalSeconds();
            rawScore[row] =
                    network.compute(timestamps[sample] + 1000L * offsetSeconds, value)
                            .rawAnomalyScore();
            if (sample >= learning && !Double.isNaN(tolerance) && seenMax > seenMin) {
                double reach = (seenMax - seenMin) * tolerance;
                spatial[row] = value > seenMax + reach || value < seenMin - reach;
            }
            if (sample >= learning) {
                seenMin = Math.min(seenMin, value);
                seenMax = Math.max(seenMax, value);
            }
            sample++;
        }
        return new NetworkTrace(range.resolution(), rawScore, spatial, rejected);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(resolution);
        out.writeInt(rawScore.length);
        for (int row = 0; row < rawScore.length; row++) {
            out.writeDouble(rawScore[row]);
            out.writeByte((spatial[row] ? 1 : 0) | (rejected[row] ? 2 : 0));
        }
    }

    static NetworkTrace readFrom(DataInput in) throws IOException {
        double resolution = in.readDouble();
        int rows = in.readInt();
        double[] rawScore = new double[rows];
        boolean[] spatial = new boolean[rows];
        boolean[] rejected = new boolean[rows];
        for (int row = 0; row < rows; row++) {
            rawScore[row] = in.readDouble();
            int flags = in.readByte();
            spatial[row] = (flags & 1) != 0;
            rejected[row] = (flags & 2) != 0;
        }
        return new NetworkTrace(resolution, rawScore, spatial, rejected);
    }
}
