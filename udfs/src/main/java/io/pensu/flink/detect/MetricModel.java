package io.pensu.flink.detect;

import io.pensu.flink.classifier.MultiStepClassifier;
import io.pensu.flink.classifier.StepPrediction;
import io.pensu.flink.likelihood.AnomalyLikelihood;
import io.pensu.flink.model.EncoderRange;
import io.pensu.flink.model.HtmEngine;
import io.pensu.flink.model.HtmEngines;
import io.pensu.flink.model.HtmNetwork;
import io.pensu.flink.model.ModelParameters;
import io.pensu.flink.model.NetworkOutput;
import io.pensu.flink.residual.ResidualDetector;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the job knows about one metric: the HTM network(s), the prediction classifier, the
 * anomaly likelihood and the metric's own value range and sampling interval. One network serves
 * both the anomaly and the prediction role when their parameters are equal, because it would be the
 * same computation twice.
 */
public final class MetricModel {

    /**
     * Bumped whenever the layout written by {@link #writeTo} changes; old versions stay readable.
     * 2: the state of {@link RepeatedAlerts} and the number of learning samples (version 1 models
     * never quiet alerts and judge every sample they process against the range seen). 3: the state
     * of the {@link ResidualDetector}, when the model has one (models of versions 1 and 2 never do,
     * and so keep the likelihood they had).
     */
    static final int FORMAT_VERSION = 3;

    private static final double ACTUAL_VALUE_ALPHA = 0.3;

    private final HtmEngine engine;
    private final int predictionSteps;
    private final double spatialTolerance;
    private final ZoneId timeZone;
    private final EncoderRange range;
    private final HtmNetwork anomalyNetwork;
    private final HtmNetwork predictionNetwork;
    private final MultiStepClassifier classifier;
    private final AnomalyLikelihood likelihood;
    private final RepeatedAlerts repeatedAlerts;
    private final ResidualDetector residuals;

    private long samplesApplied;
    private long learningSamples;
    private double seenMin;
    private double seenMax;
    private long lastTimestampMillis = Long.MIN_VALUE;
    private long intervalMillis;
    private double expectedNext = Double.NaN;

    private MetricModel(
            HtmEngine engine,
            int predictionSteps,
            double spatialTolerance,
            ZoneId timeZone,
            EncoderRange range,
            HtmNetwork anomalyNetwork,
            HtmNetwork predictionNetwork,
            MultiStepClassifier classifier,
            AnomalyLikelihood likelihood,
            RepeatedAlerts repeatedAlerts,
            ResidualDetector residuals) {
        this.engine = engine;
        this.predictionSteps = predictionSteps;
        this.spatialTolerance = spatialTolerance;
        this.timeZone = timeZone;
        this.range = range;
        this.anomalyNetwork = anomalyNetwork;
        this.predictionNetwork = predictionNetwork;
        this.classifier = classifier;
        this.likelihood = likelihood;
        this.repeatedAlerts = repeatedAlerts;
        this.residuals = residuals;
    }

    /** A new model for a metric whose first values were {@code learningValues}. */
    public static MetricModel create(
            ModelSettings settings, ModelParameters parameters, double[] learningValues) {
        HtmEngine engine = HtmEngines.byId(settings.engineId());
        EncoderRange range =
                EncoderRange.learn(learningValues, parameters.prediction().encoderBuckets());
        HtmNetwork anomaly = engine.create(parameters.anomaly(), range);
        HtmNetwork prediction =
                parameters.shared() ? anomaly : engine.create(parameters.prediction(), range);
        MultiStepClassifier classifier =
                new MultiStepClassifier(
                        classifierSteps(settings.predictionSteps()),
                        settings.classifierAlpha(),
                        ACTUAL_VALUE_ALPHA,
                        parameters.prediction().columnCount());
        MetricModel model =
                new MetricModel(
                        engine,
                        settings.predictionSteps(),
                        settings.spatialTolerance(),
                        settings.timeZone(),
                        range,
                        anomaly,
                        prediction,
                        classifier,
                        new AnomalyLikelihood(settings.likelihood()),
                        RepeatedAlerts.quieted(parameters.anomaly().alertQuietSamples()),
                        new ResidualDetector(range.resolution()));
        // The learning samples are known before any of them is scored, so none of them is a
        // spatial anomaly merely because the range seen so far was still narrow; nor do the
        // outliers the range leaves out widen it when the model processes them.
        model.seenMin = range.min();
        model.seenMax = range.max();
        model.learningSamples = learningValues.length;
        return model;
    }

    private static int[] classifierSteps(int predictionSteps) {
        return predictionSteps == 1 ? new int[] {1} : new int[] {1, predictionSteps};
    }

    /** Learns from one sample and says what the model made of it. */
    public ModelOutput process(long timestampMillis, double value) {
        long wallClockMillis =
                timestampMillis
                        + 1000L
                                * timeZone.getRules()
                                        .getOffset(Instant.ofEpochMilli(timestampMillis))
                                        .getTotalSeconds();
        NetworkOutput anomaly = anomalyNetwork.compute(wallClockMillis, value);
        NetworkOutput forPrediction =
                predictionNetwork == anomalyNetwork
                        ? anomaly
                        : predictionNetwork.compute(wallClockMillis, value);

        boolean spatialAnomaly = leavesSeenRange(value);
        double networkLikelihood = likelihood.anomalyProbability(value, anomaly.rawAnomalyScore());
        // Each likelihood is calibrated on its own history, so the stronger evidence of the two
        // speaks: a metric the network models well is not made noisier than its residuals are.
        double modelLikelihood =
                residuals == null
                        ? networkLikelihood
                        : Math.max(networkLikelihood, residuals.anomalyProbability(value));
        double anomalyLikelihood =
                repeatedAlerts.filter(spatialAnomaly ? 1.0 : modelLikelihood, spatialAnomaly);

        List<StepPrediction> predictions =
                classifier.compute(
                        forPrediction.activeColumns(),
                        range.bucket(value, predictionNetwork.parameters().encoderBuckets()),
                        value);
        Double expected = Double.isNaN(expectedNext) ? null : expectedNext;
        expectedNext = Double.NaN;
        Prediction prediction = null;
        if (lastTimestampMillis != Long.MIN_VALUE && timestampMillis > lastTimestampMillis) {
            intervalMillis = timestampMillis - lastTimestampMillis;
        }
        for (StepPrediction p : predictions) {
            if (p.steps() == 1) {
                expectedNext = p.value();
            }
            if (p.steps() == predictionSteps && intervalMillis > 0) {
                prediction =
                        new Prediction(
                                timestampMillis + predictionSteps * intervalMillis,
                                p.value(),
                                p.confidence());
            }
        }
        lastTimestampMillis = Math.max(lastTimestampMillis, timestampMillis);
        samplesApplied++;
        // No learned transition can predict a value beyond everything seen. The network's own score
        // for one stays near 0.5, because the time-of-day half of its input was predicted.
        double rawScore = spatialAnomaly ? 1.0 : anomaly.rawAnomalyScore();
        return new ModelOutput(rawScore, anomalyLikelihood, spatialAnomaly, expected, prediction);
    }

    /** NAB's "spatial anomaly": a value well outside everything seen so far. */
    private boolean leavesSeenRange(double value) {
        if (samplesApplied < learningSamples) {
            return false;
        }
        boolean outside = false;
        if (!Double.isNaN(spatialTolerance) && seenMax > seenMin) {
            double tolerance = (seenMax - seenMin) * spatialTolerance;
            outside = value > seenMax + tolerance || value < seenMin - tolerance;
        }
        seenMin = Math.min(seenMin, value);
        seenMax = Math.max(seenMax, value);
        return outside;
    }

    /** Samples this model has learned from since it was created. */
    public long samplesApplied() {
        return samplesApplied;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(engine.id());
        out.writeInt(predictionSteps);
        out.writeDouble(spatialTolerance);
        out.writeUTF(timeZone.getId());
        range.writeTo(out);
        out.writeLong(samplesApplied);
        out.writeDouble(seenMin);
        out.writeDouble(seenMax);
        out.writeLong(lastTimestampMillis);
        out.writeLong(intervalMillis);
        out.writeDouble(expectedNext);
        repeatedAlerts.writeTo(out);
        out.writeLong(learningSamples);
        likelihood.writeTo(out);
        out.writeBoolean(residuals != null);
        if (residuals != null) {
            residuals.writeTo(out);
        }
        classifier.writeTo(out);
        boolean shared = predictionNetwork == anomalyNetwork;
        out.writeBoolean(shared);
        anomalyNetwork.writeTo(out);
        if (!shared) {
            predictionNetwork.writeTo(out);
        }
    }

    public static MetricModel readFrom(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(
                    "model snapshot format "
                            + version
                            + " is not known to this release (it reads "
                            + FORMAT_VERSION
                            + " and older)");
        }
        HtmEngine engine = HtmEngines.byId(in.readUTF());
        int predictionSteps = in.readInt();
        double spatialTolerance = in.readDouble();
        ZoneId timeZone = ZoneId.of(in.readUTF());
        EncoderRange range = EncoderRange.readFrom(in);
        long samplesApplied = in.readLong();
        double seenMin = in.readDouble();
        double seenMax = in.readDouble();
        long lastTimestampMillis = in.readLong();
        long intervalMillis = in.readLong();
        double expectedNext = in.readDouble();
        RepeatedAlerts repeatedAlerts =
                version == 1 ? RepeatedAlerts.unquieted() : RepeatedAlerts.readFrom(in);
        long learningSamples = version == 1 ? 0 : in.readLong();
        AnomalyLikelihood likelihood = AnomalyLikelihood.readFrom(in);
        ResidualDetector residuals =
                version >= 3 && in.readBoolean() ? ResidualDetector.readFrom(in) : null;
        MultiStepClassifier classifier = MultiStepClassifier.readFrom(in);
        boolean shared = in.readBoolean();
        HtmNetwork anomaly = engine.read(in);
        HtmNetwork prediction = shared ? anomaly : engine.read(in);
        MetricModel model =
                new MetricModel(
                        engine,
                        predictionSteps,
                        spatialTolerance,
                        timeZone,
                        range,
                        anomaly,
                        prediction,
                        classifier,
                        likelihood,
                        repeatedAlerts,
                        residuals);
        model.samplesApplied = samplesApplied;
        model.learningSamples = learningSamples;
        model.seenMin = seenMin;
        model.seenMax = seenMax;
        model.lastTimestampMillis = lastTimestampMillis;
        model.intervalMillis = intervalMillis;
        model.expectedNext = expectedNext;
        return model;
    }
}
