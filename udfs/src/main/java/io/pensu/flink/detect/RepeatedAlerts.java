package io.pensu.flink.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Quiets likelihood alerts for a while after an alert. The likelihood judges an average of recent
 * raw scores, so once an incident has raised it, it stays high for as long as the incident lasts:
 * the alerts after the first say nothing new. A spatial anomaly, a value beyond everything seen, is
 * news every time and is never quieted, but it starts a quiet period like any alert.
 *
 * <p>NAB's best streaming detectors all wait after a detection (earthgecko's 12 h expiration,
 * contextOSE's rest period, Comportex's 40 steps). Quieting NuPIC's own output for 48 samples after
 * a likelihood alert, spatial anomalies excepted, adds +0.9 / +2.0 / +0.6 to its NAB scores, more
 * than 12 or 96 samples do (reference study, docs/BENCHMARKS.md). With the residual detector's
 * alerts added to the network's, 96 samples do better than 48: on NAB, on the synthetic check and
 * on a held-out corpus nothing was tuned on, every profile, over several seeds of the networks
 * (docs/BENCHMARKS.md, "Held-out judgement of the low-FP candidates").
 */
final class RepeatedAlerts {

    /** A likelihood alert: the job's default likelihood threshold. */
    static final double ALERT_LIKELIHOOD = 0.99999;

    /** What a quieted likelihood is lowered to: the undecided likelihood. */
    static final double QUIETED_LIKELIHOOD = 0.5;

    private final int quietSamples;
    private int quietLeft;

    private RepeatedAlerts(int quietSamples, int quietLeft) {
        this.quietSamples = quietSamples;
        this.quietLeft = quietLeft;
    }

    /**
     * Quiets for {@code quietSamples} after each alert (model parameter {@code
     * likelihood.quietSamples}, by default 96: 8 hours of 5-minute samples).
     */
    static RepeatedAlerts quieted(int quietSamples) {
        return new RepeatedAlerts(quietSamples, 0);
    }

    /** Never quiets: models restored from snapshots written before quieting existed. */
    static RepeatedAlerts unquieted() {
        return new RepeatedAlerts(0, 0);
    }

    /** The likelihood to report for this sample, given whether it is a spatial anomaly. */
    double filter(double likelihood, boolean spatialAnomaly) {
        double reported =
                quietLeft > 0 && !spatialAnomaly
                        ? Math.min(likelihood, QUIETED_LIKELIHOOD)
                        : likelihood;
        quietLeft = Math.max(0, quietLeft - 1);
        if (reported >= ALERT_LIKELIHOOD) {
            quietLeft = quietSamples;
        }
        return reported;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(quietSamples);
        out.writeInt(quietLeft);
    }

    static RepeatedAlerts readFrom(DataInput in) throws IOException {
        int quietSamples = in.readInt();
        int quietLeft = in.readInt();
        if (quietSamples < 0 || quietLeft < 0 || quietLeft > quietSamples) {
            throw new IOException(
                    "repeated-alert state " + quietLeft + " of " + quietSamples + " is invalid");
        }
        return new RepeatedAlerts(quietSamples, quietLeft);
    }
}
