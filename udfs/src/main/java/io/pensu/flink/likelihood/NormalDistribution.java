package io.pensu.flink.likelihood;

import org.apache.commons.math3.special.Erf;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A normal distribution of averaged anomaly scores, as NuPIC's likelihood estimator fits it. */
record NormalDistribution(double mean, double stdev) {
    /** So broad that every score between 0 and 1 has a tail probability of almost 0.5. */
    static final NormalDistribution NULL = new NormalDistribution(0.5, 1e3);

    // Without these floors a long stretch of near-zero scores makes the slightest blip look red.
    private static final double MIN_MEAN = 0.03;
    private static final double MIN_VARIANCE = 0.0003;

    // NuPIC divides by this rounded constant rather than by sqrt(2); kept for identical results.
    private static final double NUPIC_SQRT_TWO = 1.4142;

    /** Fits the scores from index {@code from} on, with NuPIC's floors on mean and variance. */
    static NormalDistribution fitToScores(double[] scores, int from) {
        double mean = Math.max(mean(scores, from), MIN_MEAN);
        double variance = Math.max(populationVariance(scores, from), MIN_VARIANCE);
        return new NormalDistribution(mean, Math.sqrt(variance));
    }

    /** Two-pass population variance of the samples from index {@code from} on, as numpy.var. */
    static double populationVariance(double[] samples, int from) {
        double mean = mean(samples, from);
        double sumOfSquares = 0;
        for (int i = from; i < samples.length; i++) {
            double deviation = samples[i] - mean;
            sumOfSquares += deviation * deviation;
        }
        return sumOfSquares / (samples.length - from);
    }

    private static double mean(double[] samples, int from) {
        double sum = 0;
        for (int i = from; i < samples.length; i++) {
            sum += samples[i];
        }
        return sum / (samples.length - from);
    }

    /**
     * Probability of a sample at least as far from the mean as {@code x}, on the same side (the
     * distribution is symmetric, so values below the mean are mirrored above it).
     */
    double tailProbability(double x) {
        double aboveMean = x < mean ? 2 * mean - x : x;
        double z = (aboveMean - mean) / stdev;
        return 0.5 * Erf.erfc(z / NUPIC_SQRT_TWO);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(mean);
        out.writeDouble(stdev);
    }

    static NormalDistribution readFrom(DataInput in) throws IOException {
        return new NormalDistribution(in.readDouble(), in.readDouble());
    }
}
