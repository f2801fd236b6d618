package io.pensu.flink.residual;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The two tails of a metric's recent residuals, each modelled beyond a high quantile by an
 * exponential law of the excess, its mean the mean excess seen (peaks over a threshold). Only the
 * tails are modelled because only they are ever asked about; an exponential needs nothing but the
 * mean excess, which a few dozen residuals estimate well, and says that a residual several mean
 * excesses beyond the ones a metric usually makes is improbable whatever the body looks like.
 *
 * @param upper the residual above which the upper tail begins
 * @param upperScale mean excess over {@code upper}
 * @param lower the residual below which the lower tail begins
 * @param lowerScale mean excess below {@code lower}
 */
record ResidualTails(double upper, double upperScale, double lower, double lowerScale) {

    /** The share of residuals in each tail: 26 of a full history. */
    static final double TAIL_SHARE = 0.025;

    /**
     * Fits the tails to the first {@code count} residuals; no scale is smaller than {@code
     * minScale}, so that a metric that has barely moved is not alarmed by its first small step.
     */
    static ResidualTails fit(float[] residuals, int count, double minScale) {
        float[] sorted = Arrays.copyOf(residuals, count);
        Arrays.sort(sorted);
        int tail = Math.max(1, (int) Math.ceil(TAIL_SHARE * count));
        double upper = sorted[count - tail];
        double lower = sorted[tail - 1];
        double upperExcess = 0;
        int above = 0;
        double lowerExcess = 0;
        int below = 0;
        for (float r : sorted) {
            if (r > upper) {
                upperExcess += r - upper;
                above++;
            } else if (r < lower) {
                lowerExcess += lower - r;
                below++;
            }
        }
        return new ResidualTails(
                upper,
                Math.max(minScale, above == 0 ? 0 : upperExcess / above),
                lower,
                Math.max(minScale, below == 0 ? 0 : lowerExcess / below));
    }

    /** The probability of a residual at least as far out as this one in its tail; 1 inside both. */
    double tailProbability(double residual) {
        if (residual < lower) {
            return TAIL_SHARE * Math.exp(-(lower - residual) / lowerScale);
        }
        return upperTailProbability(residual);
    }

    /** The probability of a value at least this far above the upper tail's start; 1 below it. */
    double upperTailProbability(double value) {
        return value > upper ? TAIL_SHARE * Math.exp(-(value - upper) / upperScale) : 1.0;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(upper);
        out.writeDouble(upperScale);
        out.writeDouble(lower);
        out.writeDouble(lowerScale);
    }

    static ResidualTails readFrom(DataInput in) throws IOException {
        return new ResidualTails(
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    }
}
