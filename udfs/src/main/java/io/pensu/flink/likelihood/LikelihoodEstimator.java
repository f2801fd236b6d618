package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What NuPIC calls the estimator parameters: the distribution fitted to averaged scores, the moving
 * average that keeps feeding it, and the last unfiltered tail probability. NuPIC keeps a list of
 * recent tail probabilities, but its red-zone filter only ever compares the newest one with its
 * predecessor, so that predecessor is all that has to be kept.
 */
final class LikelihoodEstimator {
    // NuPIC writes the thresholds as 1 - 0.99999 and 1 - 0.999; computed the same way so that
    // values right at a threshold are classified identically.
    static final double RED_ZONE = 1.0 - 0.99999;
    static final double YELLOW_ZONE = 1.0 - 0.999;

    /**
     * NuPIC's workaround for flat metrics, whose encodings can still flicker with the time of day:
     * below this variance of the values, the null distribution.
     */
    static final double FLAT_VARIANCE = 1.5e-5;

    private final NormalDistribution distribution;
    private final MovingAverage averagedScores;
    private double previousTailProbability;

    private LikelihoodEstimator(
            NormalDistribution distribution,
            MovingAverage averagedScores,
            double previousTailProbability) {
        this.distribution = distribution;
        this.averagedScores = averagedScores;
        this.previousTailProbability = previousTailProbability;
    }

    /**
     * Fits a new estimator to the history, ignoring its first {@code skip} records for the
     * distribution (they still warm up the moving average). NuPIC falls back to the null
     * distribution when nothing is left after the skip; that cannot happen here because the
     * probation outlasts the learning period, so {@code skip} is always less than the history size.
     */
    static LikelihoodEstimator fromHistory(ScoreHistory history, int skip, int averagingWindow) {
        double[] scores = history.scores();
        MovingAverage movingAverage = new MovingAverage(averagingWindow);
        double[] averaged = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            averaged[i] = movingAverage.add(scores[i]);
        }
        NormalDistribution distribution =
                history.isFlat(skip)
                        ? NormalDistribution.NULL
                        : NormalDistribution.fitToScores(averaged, skip);
        return new LikelihoodEstimator(
                distribution,
                movingAverage,
                distribution.tailProbability(averaged[averaged.length - 1]));
    }

    /** Averages the new score in and returns its tail probability after the red-zone filter. */
    double filteredTailProbability(double rawScore) {
        double tailProbability = distribution.tailProbability(averagedScores.add(rawScore));
        double filtered = redZoneFilter(previousTailProbability, tailProbability);
        previousTailProbability = tailProbability;
        return filtered;
    }

    /**
     * NuPIC's filter that lets only the first of consecutive red-zone tail probabilities through
     * and turns the following ones yellow. It looks at the previous value before filtering.
     */
    static double redZoneFilter(double previousUnfiltered, double current) {
        return current <= RED_ZONE && previousUnfiltered <= RED_ZONE ? YELLOW_ZONE : current;
    }

    void writeTo(DataOutput out) throws IOException {
        distribution.writeTo(out);
        averagedScores.writeTo(out);
        out.writeDouble(previousTailProbability);
    }

    static LikelihoodEstimator readFrom(DataInput in, int averagingWindow) throws IOException {
        NormalDistribution distribution = NormalDistribution.readFrom(in);
        MovingAverage averagedScores = MovingAverage.readFrom(in, averagingWindow);
        return new LikelihoodEstimator(distribution, averagedScores, in.readDouble());
    }
}
