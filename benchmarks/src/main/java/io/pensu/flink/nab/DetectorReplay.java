package io.pensu.flink.nab;

import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.residual.ResidualDetector;

/**
 * The detector side of a metric's model put on top of a {@link NetworkTrace}: the network's anomaly
 * likelihood, the residual detector, how its evidence is combined with the network's likelihood,
 * and the quieting of repeated alerts, as {@code MetricModel} and {@code RepeatedAlerts} do it,
 * with variants of each to compare. With {@link #DEFAULT} it gives the job's own scores (checked
 * against real runs).
 *
 * @param name how the variant is named in tables
 * @param residual whether the residual detector speaks at all
 * @param combination how the two tail probabilities become one
 * @param residualTests how many of the residual's per-sample tests its tail probability is
 *     corrected for (Bonferroni), 1 for none
 * @param quietSamples samples quieted after an alert
 * @param residualQuietSamples samples quieted after an alert the residual raised and the network
 *     did not
 * @param rearm the quiet period lasts while the model's likelihood stays at or above this (above 1:
 *     it ends after its length whatever the likelihood)
 * @param likelihoodEstimation the likelihood's first estimation samples, 0 for the configured ones
 */
record DetectorReplay(
        String name,
        boolean residual,
        Combination combination,
        double residualTests,
        int quietSamples,
        int residualQuietSamples,
        double rearm,
        int likelihoodEstimation) {

    /** A re-arm level no likelihood reaches: a quiet period ends after its length. */
    static final double NO_REARM = 2;

    /** The job's own. */
    static final DetectorReplay DEFAULT =
            new DetectorReplay("default", true, Combination.MAX, 1, 96, 96, NO_REARM, 0);

    /** A likelihood alert, RepeatedAlerts' threshold. */
    private static final double ALERT = 0.99999;

    /** What a quieted likelihood is lowered to. */
    private static final double QUIETED = 0.5;

    /** How the network's and the residual's tail probabilities make the model's. */
    enum Combination {
        /** The smaller tail probability: the stronger evidence speaks (Tippett). */
        MAX,
        /**
         * Fisher's method for two independent tests: -2 (ln p1 + ln p2) is chi-squared with 4
         * degrees of freedom, whose tail is q (1 - ln q) for q = p1 p2.
         */
        FISHER
    }

    /**
     * The scores of every row of {@code file}; rejected rows score 0, and every row of a file too
     * short for a model. {@code configured} is the likelihood as the job is configured.
     */
    double[] scores(NabDataFile file, NetworkTrace trace, AnomalyLikelihood.Settings configured) {
        double[] scores = new double[file.rows()];
        if (Double.isNaN(trace.resolution())) {
            return scores;
        }
        AnomalyLikelihood likelihood = new AnomalyLikelihood(warmUp(configured));
        ResidualDetector residuals = residual ? new ResidualDetector(trace.resolution()) : null;
        int quietLeft = 0;
        for (int row = 0; row < scores.length; row++) {
            if (trace.rejected()[row]) {
                continue;
            }
            double network =
                    likelihood.anomalyProbability(file.values()[row], trace.rawScore()[row]);
            double model =
                    residuals == null
                            ? network
                            : combine(
                                    network,
                                    corrected(residuals.anomalyProbability(file.values()[row])));
            boolean spatial = trace.spatial()[row];
            double reported = spatial ? 1.0 : model;
            if (quietLeft > 0 && !spatial) {
                reported = Math.min(reported, QUIETED);
            }
            quietLeft = Math.max(0, quietLeft - 1);
            if (quietLeft > 0 && model >= rearm) {
                quietLeft = Math.max(quietLeft, quietSamples);
            }
            if (reported >= ALERT) {
                quietLeft = network >= ALERT || spatial ? quietSamples : residualQuietSamples;
            }
            scores[row] = reported;
        }
        return scores;
    }

    private AnomalyLikelihood.Settings warmUp(AnomalyLikelihood.Settings configured) {
        return new AnomalyLikelihood.Settings(
                configured.learningPeriod(),
                likelihoodEstimation == 0 ? configured.estimationSamples() : likelihoodEstimation,
                configured.historicWindowSize(),
                configured.reestimationPeriod(),
                configured.averagingWindow());
    }

    private double corrected(double residualLikelihood) {
        return residualLikelihood == 0
                ? 0
                : 1.0 - Math.min(1.0, residualTests * (1.0 - residualLikelihood));
    }

    private double combine(double networkLikelihood, double residualLikelihood) {
        return switch (combination) {
            case MAX -> Math.max(networkLikelihood, residualLikelihood);
            case FISHER -> {
                double q = (1.0 - networkLikelihood) * (1.0 - residualLikelihood);
                yield q <= 0 ? 1.0 : 1.0 - q * (1.0 - Math.log(q));
            }
        };
    }
}
