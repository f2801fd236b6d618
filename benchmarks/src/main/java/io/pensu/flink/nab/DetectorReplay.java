package io.pensu.flink.nab;

import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.residual.ResidualDetector;
import io.pensu.flink.residual.ResidualRun;

import org.apache.commons.math3.special.Gamma;

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
 * @param residualRun whether the residual's evidence is also that of its current run of samples in
 *     the same tail, judged against the metric's own runs ({@link ResidualRun}), or of the sample
 *     alone
 * @param residualDecision whether the residual's evidence at the alert level is reported as a
 *     decision (likelihood 1, as a spatial anomaly, but quieted as any likelihood alert) rather
 *     than as its extrapolated tail probability
 * @param spatialRefractory whether a spatial anomaly in the same direction as one within the last
 *     {@code quietSamples} is the same excursion, quieted as a likelihood alert, rather than news
 */
record DetectorReplay(
        String name,
        boolean residual,
        Combination combination,
        double residualTests,
        int quietSamples,
        int residualQuietSamples,
        double rearm,
        int likelihoodEstimation,
        boolean residualRun,
        boolean residualDecision,
        boolean spatialRefractory) {

    /** A re-arm level no likelihood reaches: a quiet period ends after its length. */
    static final double NO_REARM = 2;

    /** The job's own. */
    static final DetectorReplay DEFAULT =
            new DetectorReplay(
                    "default", true, Combination.MAX, 1, 96, 96, NO_REARM, 0, true, false, false);

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
        FISHER,
        /**
         * The stronger of {@link #MAX} and {@link #FISHER}: one detector's lone evidence counts as
         * today, both moderately surprised count more than either.
         */
        MAX_FISHER,
        /**
         * As {@link #MAX_FISHER}, with Brown's correction for two tests that see the same value:
         * with a correlation rho between -2 ln p1 and -2 ln p2 the statistic divided by 1 + rho is
         * chi-squared with 4 / (1 + rho) degrees of freedom; rho = 0.5 is halfway between
         * independent tests and one test.
         */
        MAX_FISHER_DEPENDENT
    }

    /** Brown's correlation for {@link Combination#MAX_FISHER_DEPENDENT}, fixed, not fitted. */
    private static final double DEPENDENCE = 0.5;

    /** This variant under another name, with the fourth round's two replayed options as given. */
    DetectorReplay withFourthRound(String name, boolean decision, boolean refractory) {
        return new DetectorReplay(
                name,
                residual,
                combination,
                residualTests,
                quietSamples,
                residualQuietSamples,
                rearm,
                likelihoodEstimation,
                residualRun,
                decision,
                refractory);
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
        ResidualDetector residuals =
                residual ? new ResidualDetector(trace.resolution(), residualRun) : null;
        int quietLeft = 0;
        // A spatial anomaly's direction: beyond the range seen, so on its side of the mean.
        double sum = 0;
        int accepted = 0;
        int spatialDirection = 0;
        int spatialQuietLeft = 0;
        for (int row = 0; row < scores.length; row++) {
            if (trace.rejected()[row]) {
                continue;
            }
            double value = file.values()[row];
            int direction = accepted == 0 ? 0 : (int) Math.signum(value - sum / accepted);
            sum += value;
            accepted++;
            double network =
                    likelihood.anomalyProbability(file.values()[row], trace.rawScore()[row]);
            double model = network;
            if (residuals != null) {
                double evidence = corrected(residuals.anomalyProbability(file.values()[row]));
                model = combine(network, residualDecision && evidence >= ALERT ? 1.0 : evidence);
            }
            boolean spatial = trace.spatial()[row];
            if (spatialRefractory && spatial && spatialQuietLeft > 0) {
                spatial = direction != spatialDirection;
            }
            spatialQuietLeft = Math.max(0, spatialQuietLeft - 1);
            if (spatial) {
                spatialDirection = direction;
                spatialQuietLeft = quietSamples;
            }
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
            case FISHER ->
                    ResidualRun.fisher((1.0 - networkLikelihood) * (1.0 - residualLikelihood), 2);
            case MAX_FISHER ->
                    Math.max(
                            Math.max(networkLikelihood, residualLikelihood),
                            ResidualRun.fisher(
                                    (1.0 - networkLikelihood) * (1.0 - residualLikelihood), 2));
            case MAX_FISHER_DEPENDENT -> {
                double q = (1.0 - networkLikelihood) * (1.0 - residualLikelihood);
                double tail =
                        q <= 0
                                ? 0
                                : Gamma.regularizedGammaQ(
                                        2 / (1 + DEPENDENCE),
                                        -2 * Math.log(q) / (2 * (1 + DEPENDENCE)));
                yield Math.max(Math.max(networkLikelihood, residualLikelihood), 1.0 - tail);
            }
        };
    }
}
