package io.pensu.flink.nab;

/**
 * The residual detector's evidence over a short run: a spike or dip of 2-4 samples leaves the
 * median of the values before it where it was, so {@code ResidualDetector} judges each of its
 * samples alone, and each may be only moderately unusual. This combines the tail probabilities of
 * the current run of consecutive samples in the same tail (up to {@link #LONGEST}) by Fisher's
 * method, so that such a run counts as one event. The tail a residual lies in is its sign, as the
 * detector computes it.
 *
 * <p>Fisher's method takes the run's samples as independent; in a smooth periodic series they are
 * not (every sample of a rising flank lies above the median before it). Calibrated, the run's
 * statistic is judged instead against the same statistic over the metric's recent samples ({@link
 * RunTail}), so a series whose residuals come in runs gives its runs little weight.
 */
final class ResidualRun {

    /** The runs combined: the short anomalies of the injected corpora last 1-4 samples. */
    static final int LONGEST = 4;

    private final double[] tails = new double[LONGEST];
    private int runLength;
    private int runSign;

    /** Null when the run's Fisher probability counts as it is. */
    private final RunTail calibration;

    /**
     * @param calibrated whether the run's statistic is judged against the metric's own history of
     *     it rather than taken at Fisher's word
     */
    ResidualRun(boolean calibrated) {
        this.calibration = calibrated ? new RunTail() : null;
    }

    /**
     * The run's likelihood, given this sample's residual (NaN for none yet) and the residual
     * detector's likelihood for it alone (0 for no evidence, which ends the run).
     */
    double add(double residual, double alone) {
        int sign = Double.isNaN(residual) ? 0 : (int) Math.signum(residual);
        double run = alone;
        if (alone <= 0 || sign == 0) {
            runLength = 0;
        } else {
            if (sign != runSign || runLength == 0) {
                runLength = 0;
                runSign = sign;
            }
            System.arraycopy(tails, 0, tails, 1, LONGEST - 1);
            tails[0] = 1.0 - alone;
            runLength = Math.min(runLength + 1, LONGEST);
            double product = 1.0;
            for (int i = 0; i < runLength; i++) {
                product *= tails[i];
            }
            run = fisher(product, runLength);
        }
        if (calibration != null) {
            double statistic =
                    runLength >= 2 ? -Math.log(Math.max(Double.MIN_VALUE, 1.0 - run)) : 0;
            run = 1.0 - calibration.tailProbability(statistic);
        }
        return Math.max(alone, run);
    }

    /**
     * 1 minus Fisher's combined tail probability of {@code tests} independent tests whose tail
     * probabilities multiply to {@code product}: -2 ln product is chi-squared with 2 tests degrees
     * of freedom, whose tail is product times the sum of (-ln product)^i / i! for i below tests.
     */
    static double fisher(double product, int tests) {
        if (product <= 0) {
            return 1.0;
        }
        double x = -Math.log(product);
        double term = 1.0;
        double sum = 1.0;
        for (int i = 1; i < tests; i++) {
            term *= x / i;
            sum += term;
        }
        return 1.0 - Math.min(1.0, product * sum);
    }
}
