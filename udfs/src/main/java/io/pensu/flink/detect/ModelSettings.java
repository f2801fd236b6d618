package io.pensu.flink.detect;

import io.pensu.flink.likelihood.AnomalyLikelihood;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * How new metric models are built. A model keeps the settings it was created with (they are part of
 * its snapshot), so changing them affects metrics that are new to the job, never a model that has
 * already learned.
 *
 * @param engineId the HTM engine for new models
 * @param predictionSteps how many samples ahead the reported prediction is (1 is always learned
 *     too, for the direction)
 * @param classifierAlpha learning rate of the prediction classifier
 * @param likelihood anomaly likelihood settings
 * @param spatialTolerance fraction of the seen value range a value may go beyond before it is a
 *     spatial anomaly; NaN disables the rule
 * @param timeZone zone of the time-of-day encoding
 * @param learningSamples samples used to learn the value range before the model is created
 */
public record ModelSettings(
        String engineId,
        int predictionSteps,
        double classifierAlpha,
        AnomalyLikelihood.Settings likelihood,
        double spatialTolerance,
        ZoneId timeZone,
        int learningSamples)
        implements Serializable {}
