package io.pensu.flink.likelihood;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns raw anomaly scores into anomaly likelihoods the way NuPIC's {@code AnomalyLikelihood} does:
 * how improbable the recent average score is under a normal distribution fitted, now and then, to
 * the averaged scores of a bounded history. Not thread-safe; one instance per metric.
 */
public final class AnomalyLikelihood {
    /**
     * Format 3 adds {@link Settings#warmStart}; 2 codes the history's values and scores (see {@link
     * ScoreHistory}). Formats 1 and 2 are still read, as likelihoods without a warm start.
     */
    private static final int SNAPSHOT_VERSION = 3;

    private static final int WITHOUT_WARM_START_VERSION = 2;

    private static final int DOUBLE_PAIRS_VERSION = 1;

    /** Reported while the distribution cannot be trusted yet. */
    private static final double UNDECIDED = 0.5;

    private final Settings settings;
    private final ScoreHistory history;
    private long iteration;
    private LikelihoodEstimator estimator;

    public AnomalyLikelihood(Settings settings) {
        this(settings, new ScoreHistory(settings.historicWindowSize()), 0, null);
    }

    private AnomalyLikelihood(
            Settings settings,
            ScoreHistory history,
            long iteration,
            LikelihoodEstimator estimator) {
        this.settings = settings;
        this.history = history;
        this.iteration = iteration;
        this.estimator = estimator;
    }

    /**
     * Returns the likelihood, between 0 and 1, that the sample with this metric value and raw
     * anomaly score is anomalous, and adds the sample to the history.
     *
     * @throws IllegalArgumentException when the value or the score is not finite
     */
    public double anomalyProbability(double value, double rawScore) {
        if (!Double.isFinite(value) || !Double.isFinite(rawScore)) {
            throw new IllegalArgumentException(
                    "Value and raw score must be finite, got " + value + " and " + rawScore);
        }
        double likelihood =
                iteration < settings.undecidedSamples()
                        ? UNDECIDED
                        : 1.0 - filteredTailProbability(rawScore);
        history.append(value, rawScore);
        iteration++;
        return likelihood;
    }

    private double filteredTailProbability(double rawScore) {
        if (estimator == null
                || iteration % settings.reestimationPeriod() == 0
                || settings.warmStart() && narrowsPrior()) {
            estimator =
                    LikelihoodEstimator.fromHistory(
                            history, skippedRecords(), settings.averagingWindow());
        }
        // NuPIC's tail is two-sided: a model that suddenly predicts better than usual is news too.
        // Not during a warm start, whose prior holds the learning period's scores: that the model
        // does better than while it learned is what learning brings.
        return estimator.filteredTailProbability(
                rawScore, settings.warmStart() && iteration < settings.probationaryPeriod());
    }

    /**
     * During a warm start, each {@code averagingWindow} samples put that many more of the settled
     * model's scores in place of the learning period's; at the end of the probation the estimate is
     * the one a likelihood without a warm start begins with.
     */
    private boolean narrowsPrior() {
        return iteration < settings.probationaryPeriod()
                ? iteration % settings.averagingWindow() == 0
                : iteration == settings.probationaryPeriod();
    }

    /**
     * The records of the learning period that are still in the history: the model's scores are not
     * meaningful while it learns, so they must not shape the distribution, except as the prior of a
     * warm start: then the latest {@code estimationSamples} records are fitted, as many of them
     * from the learning period as there are not yet settled scores to replace them.
     */
    private int skippedRecords() {
        long shiftedOut = Math.max(0, iteration - settings.historicWindowSize());
        long learning = Math.min(iteration, Math.max(0, settings.learningPeriod() - shiftedOut));
        return (int) Math.min(learning, iteration - settings.estimationSamples());
    }

    int historySize() {
        return history.size();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_VERSION);
        settings.writeTo(out);
        out.writeLong(iteration);
        out.writeBoolean(estimator != null);
        if (estimator != null) {
            estimator.writeTo(out);
        }
        history.writeTo(out);
    }

    public static AnomalyLikelihood readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < DOUBLE_PAIRS_VERSION || version > SNAPSHOT_VERSION) {
            throw new IOException("Unknown anomaly likelihood snapshot version " + version);
        }
        Settings settings = Settings.readFrom(in, version > WITHOUT_WARM_START_VERSION);
        long iteration = in.readLong();
        if (iteration < 0) {
            throw new IOException("Negative iteration " + iteration + " in snapshot");
        }
        LikelihoodEstimator estimator =
                in.readBoolean()
                        ? LikelihoodEstimator.readFrom(in, settings.averagingWindow())
                        : null;
        ScoreHistory history =
                version > DOUBLE_PAIRS_VERSION
                        ? ScoreHistory.readFrom(in, settings.historicWindowSize())
                        : ScoreHistory.readFormat1(in, settings.historicWindowSize());
        return new AnomalyLikelihood(settings, history, iteration, estimator);
    }

    /**
     * @param learningPeriod samples during which the model's scores are still meaningless
     * @param estimationSamples samples needed after that for a first estimate of the distribution
     * @param historicWindowSize the most (value, score) records kept for re-estimation
     * @param reestimationPeriod how many samples apart the distribution is re-estimated
     * @param averagingWindow how many raw scores are averaged before their likelihood is judged
     * @param warmStart whether the likelihood judges from the end of the learning period on, with a
     *     distribution first fitted to the learning period's last scores (high and scattered while
     *     the model still learns, so a wide, conservative prior) that narrows as the model's
     *     settled scores replace them, and only averages above its mean count as evidence until
     *     {@code estimationSamples} settled scores are in; without it, it is undecided until then,
     *     as in NuPIC
     */
    public record Settings(
            int learningPeriod,
            int estimationSamples,
            int historicWindowSize,
            int reestimationPeriod,
            int averagingWindow,
            boolean warmStart)
            implements java.io.Serializable {

        public Settings {
            requireAtLeast("learningPeriod", learningPeriod, 0);
            requireAtLeast("estimationSamples", estimationSamples, 1);
            requireAtLeast("reestimationPeriod", reestimationPeriod, 1);
            requireAtLeast("averagingWindow", averagingWindow, 1);
            if (historicWindowSize < estimationSamples) {
                throw new IllegalArgumentException(
                        "historicWindowSize must be at least estimationSamples ("
                                + estimationSamples
                                + "), got "
                                + historicWindowSize);
            }
        }

        /** NuPIC's defaults: a day of 5-minute samples to learn, a month of history. */
        public static Settings defaults() {
            return new Settings(288, 100, 8640, 100, 10);
        }

        /** NuPIC's, without a warm start. */
        public Settings(
                int learningPeriod,
                int estimationSamples,
                int historicWindowSize,
                int reestimationPeriod,
                int averagingWindow) {
            this(
                    learningPeriod,
                    estimationSamples,
                    historicWindowSize,
                    reestimationPeriod,
                    averagingWindow,
                    false);
        }

        /** Samples before the estimate is fitted to settled scores only. */
        public long probationaryPeriod() {
            return (long) learningPeriod + estimationSamples;
        }

        /** How many samples get the undecided likelihood 0.5 before it judges. */
        long undecidedSamples() {
            return warmStart ? Math.max(learningPeriod, estimationSamples) : probationaryPeriod();
        }

        private static void requireAtLeast(String name, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(
                        name + " must be at least " + minimum + ", got " + value);
            }
        }

        private void writeTo(DataOutput out) throws IOException {
            out.writeInt(learningPeriod);
            out.writeInt(estimationSamples);
            out.writeInt(historicWindowSize);
            out.writeInt(reestimationPeriod);
            out.writeInt(averagingWindow);
            out.writeBoolean(warmStart);
        }

        private static Settings readFrom(DataInput in, boolean withWarmStart) throws IOException {
            int learningPeriod = in.readInt();
            int estimationSamples = in.readInt();
            int historicWindowSize = in.readInt();
            int reestimationPeriod = in.readInt();
            int averagingWindow = in.readInt();
            boolean warmStart = withWarmStart && in.readBoolean();
            try {
                return new Settings(
                        learningPeriod,
                        estimationSamples,
                        historicWindowSize,
                        reestimationPeriod,
                        averagingWindow,
                        warmStart);
            } catch (IllegalArgumentException e) {
                throw new IOException("Invalid settings in snapshot: " + e.getMessage(), e);
            }
        }
    }
}
