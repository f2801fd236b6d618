package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Blends the raw anomaly score with its rise above the recent average of raw scores. A model that
 * is often a little surprised has a high average raw score, so the likelihood, which judges the
 * average, hears a sudden surprise late or not at all; the rise above that average stands out at
 * once (Comportex's delta anomaly score, reference study §8.6).
 */
final class DeltaScore {

    private final double weight;
    private final double alpha;
    private double recentAverage;

    private DeltaScore(double weight, double alpha, double recentAverage) {
        this.weight = weight;
        this.alpha = alpha;
        this.recentAverage = recentAverage;
    }

    /**
     * @param weight share of the rise in the blended score, 0 for the raw score alone
     * @param window samples the recent average spans (its exponential weight is 2 / (window + 1))
     */
    static DeltaScore of(double weight, int window) {
        return new DeltaScore(weight, 2.0 / (window + 1), Double.NaN);
    }

    /** The score the likelihood judges for this raw score; then the raw score joins the average. */
    double blend(double rawScore) {
        if (weight == 0) {
            return rawScore;
        }
        double rise = Double.isNaN(recentAverage) ? 0 : Math.max(0, rawScore - recentAverage);
        recentAverage =
                Double.isNaN(recentAverage)
                        ? rawScore
                        : recentAverage + alpha * (rawScore - recentAverage);
        return (1 - weight) * rawScore + weight * rise;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(weight);
        out.writeDouble(alpha);
        out.writeDouble(recentAverage);
    }

    static DeltaScore readFrom(DataInput in) throws IOException {
        double weight = in.readDouble();
        double alpha = in.readDouble();
        double recentAverage = in.readDouble();
        if (!(weight >= 0 && weight <= 1) || !(alpha > 0 && alpha <= 1)) {
            throw new IOException("delta score weight " + weight + ", alpha " + alpha + " invalid");
        }
        return new DeltaScore(weight, alpha, recentAverage);
    }
}
