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
     * Format 3 keeps only the history's values the flat-metric test can still need (see {@link
     * NarrowTail}); 2 (every value, coded) and 1 (every value as a double) are still read.
     */
    private static final int SNAPSHOT_VERSION = 3;

    private static final int ALL_VALUES_VERSION = 2;

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
                iteration < settings.probationaryPeriod()
                        ? UNDECIDED
                        : 1.0 - filteredTailProbability(rawScore);
        history.append(value, rawScore);
        iteration++;
        return likelihood;
    }

    private double filteredTailProbability(double rawScore) {
        if (estimator == null || iteration % settings.reestimationPeriod() == 0) {
            estimator =
                    LikelihoodEstimator.fromHistory(
                            history, skippedRecords(), settings.averagingWindow());
        }
        return estimator.filteredTailProbability(rawScore);
    }

    /**
     * The records of the learning period that are still in the history: the model's scores are not
     * meaningful while it learns, so they must not shape the distribution.
     */
    private int skippedRecords() {
        long shiftedOut = Math.max(0, iteration - settings.historicWindowSize());
        return (int) Math.min(iteration, Math.max(0, settings.learningPeriod() - shiftedOut));
    }

    int historySize() {
        return history.size();
    }

    /** How many of the history's values are kept for the flat-metric test. */
    int valuesKept() {
        return history.valuesKept();
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
        if (version != SNAPSHOT_VERSION
                && version != ALL_VALUES_VERSION
                && version != DOUBLE_PAIRS_VERSION) {
            throw new IOException("Unknown anomaly likelihood snapshot version " + version);
        }
        Settings settings = Settings.readFrom(in);
        long iteration = in.readLong();
        if (iteration < 0) {
            throw new IOException("Negative iteration " + iteration + " in snapshot");
        }
        LikelihoodEstimator estimator =
                in.readBoolean()
                        ? LikelihoodEstimator.readFrom(in, settings.averagingWindow())
                        : null;
        int capacity = settings.historicWindowSize();
        ScoreHistory history =
                switch (version) {
                    case SNAPSHOT_VERSION -> ScoreHistory.readFrom(in, capacity);
                    case ALL_VALUES_VERSION -> ScoreHistory.readFormat2(in, capacity);
                    default -> ScoreHistory.readFormat1(in, capacity);
                };
        return new AnomalyLikelihood(settings, history, iteration, estimator);
    }

    /**
     * @param learningPeriod samples during which the model's scores are still meaningless
     * @param estimationSamples samples needed after that for a first estimate of the distribution
     * @param historicWindowSize the most (value, score) records kept for re-estimation
     * @param reestimationPeriod how many samples apart the distribution is re-estimated
     * @param averagingWindow how many raw scores are averaged before their likelihood is judged
     */
    public record Settings(
            int learningPeriod,
            int estimationSamples,
            int historicWindowSize,
            int reestimationPeriod,
            int averagingWindow)
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

        /** How many samples get the undecided likelihood 0.5 before real estimates begin. */
        public long probationaryPeriod() {
            return (long) learningPeriod + estimationSamples;
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
        }

        private static Settings readFrom(DataInput in) throws IOException {
            int learningPeriod = in.readInt();
            int estimationSamples = in.readInt();
            int historicWindowSize = in.readInt();
            int reestimationPeriod = in.readInt();
            int averagingWindow = in.readInt();
            try {
                return new Settings(
                        learningPeriod,
                        estimationSamples,
                        historicWindowSize,
                        reestimationPeriod,
                        averagingWindow);
            } catch (IllegalArgumentException e) {
                throw new IOException("Invalid settings in snapshot: " + e.getMessage(), e);
            }
        }
    }
}
